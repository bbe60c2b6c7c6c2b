from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courtyards.importer import TreeImportError, tree_import, tree_rows_read


class Command(BaseCommand):
    help = "Import the territory tree from a CSV or XLSX file; a file with any bad row changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            summary = tree_import(rows=tree_rows_read(data=file.read_bytes(), filename=file.name))
        except TreeImportError as error:
            raise CommandError("The file was not imported:\n" + "\n".join(str(e) for e in error.errors)) from None
        created = ", ".join(f"{name}: {count}" for name, count in summary.created.items()) or "nothing new"
        self.stdout.write(self.style.SUCCESS(f"Imported {summary.rows} rows ({created})."))
