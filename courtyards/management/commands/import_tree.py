from courtyards.importer import tree_import, tree_rows_read
from courtyards.management.file_import import FileImportCommand


class Command(FileImportCommand):
    help = "Import the territory tree from a CSV or XLSX file; a file with any bad row changes nothing."

    def import_file(self, *, data: bytes, filename: str) -> str:
        summary = tree_import(rows=tree_rows_read(data=data, filename=filename))
        created = ", ".join(f"{name}: {count}" for name, count in summary.created.items()) or "nothing new"
        return f"Imported {summary.rows} rows ({created})."
