"""What the import commands share: read a file, import it, report every row's problem or a summary."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from courtyards.importer import TreeImportError


class FileImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("path")

    def import_file(self, *, data: bytes, filename: str) -> str:
        """Import the file's rows and say what was done; raise TreeImportError when any row is wrong."""
        raise NotImplementedError

    def handle(self, *args, path, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            done = self.import_file(data=file.read_bytes(), filename=file.name)
        except TreeImportError as error:
            raise CommandError("The file was not imported:\n" + "\n".join(str(e) for e in error.errors)) from None
        self.stdout.write(self.style.SUCCESS(done))
