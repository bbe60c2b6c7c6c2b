from courtyards.grid_importer import grid_import, grid_rows_read
from courtyards.management.file_import import FileImportCommand


class Command(FileImportCommand):
    help = (
        "Import grids (the places each covers, its worker and deputies) from a CSV or XLSX file; a file with any bad row changes nothing."
    )

    def import_file(self, *, data: bytes, filename: str) -> str:
        summary = grid_import(rows=grid_rows_read(data=data, filename=filename))
        return (
            f"Imported {summary.rows} rows: {summary.created} grids created, {summary.changed} changed, "
            f"{summary.places_moved} places moved."
        )
