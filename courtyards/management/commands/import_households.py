from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courtyards.households.importer import household_header, households_import
from courtyards.importer import TreeImportError, table_rows_read


class Command(BaseCommand):
    help = "Import households (unit, room, size, tags, origin) from a CSV or XLSX file; a file with any bad row changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            rows = table_rows_read(data=file.read_bytes(), filename=file.name, required=("room",), normalise=household_header)
            count = households_import(rows=rows)
        except TreeImportError as error:
            raise CommandError("The file was not imported:\n" + "\n".join(str(e) for e in error.errors)) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {count} households."))
