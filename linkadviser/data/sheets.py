"""Reading an Excel sheet's cells within bounds, whatever the workbook claims about itself.

An .xlsx is a zip of XML that states its own size: a single value written at XFD1048576 makes
an 8 KB file whose "dimension" is 17 billion cells, and reading it as a grid exhausts memory.
So the sheet is streamed (openpyxl's read-only parser), row by row, keeping only cells that
are there; rows, columns, cells and the unpacked size are counted as they come, and the
first bound passed refuses the file naming the cell and the limit.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from linkadviser.data.errors import DataImportError


@dataclass(frozen=True)
class SheetLimits:
    """Far above the public files and an authority's own sheets; far below exhausting memory."""

    max_rows: int = 200_000
    max_columns: int = 2_000
    max_cells: int = 20_000_000  # counting the blanks a row holds before its last value
    max_unpacked_bytes: int = 500_000_000  # the workbook's members once unzipped


SHEET_LIMITS = SheetLimits()


def _check_archive(path: Path, limits: SheetLimits) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DataImportError(f"{path}: not a readable Excel workbook ({exc})") from exc
    if unpacked > limits.max_unpacked_bytes:
        raise DataImportError(
            f"{path}: the workbook unpacks to {unpacked:,} bytes, more than the "
            f"{limits.max_unpacked_bytes:,} linkadviser reads; save the sheet as CSV and "
            "import that")


def read_excel_rows(path: Path, limits: SheetLimits = SHEET_LIMITS
                    ) -> tuple[list[tuple], list[CellRange]]:
    """The first sheet's rows (row 1 first; a missing row is an empty tuple, each row ends at
    its last cell) and its merged ranges; DataImportError past any bound."""
    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    _check_archive(path, limits)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise DataImportError(f"{path}: not a readable Excel workbook ({exc})") from exc
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple] = []
        cells = 0
        with sheet._get_source() as source:  # the read-only sheet's own XML stream
            parser = WorkSheetParser(source, sheet._shared_strings, data_only=True,
                                     epoch=workbook.epoch,
                                     date_formats=workbook._date_formats,
                                     timedelta_formats=workbook._timedelta_formats)
            for number, row in parser.parse():
                if not row:
                    continue
                last = max(cell["column"] for cell in row)
                where = f"{get_column_letter(min(last, 16384))}{number}"
                if number > limits.max_rows or last > limits.max_columns:
                    raise DataImportError(
                        f"{path}: the sheet has a cell at {where}, beyond the "
                        f"{limits.max_rows:,} rows and {limits.max_columns:,} columns "
                        "linkadviser reads; delete what lies outside your table (or save the "
                        "sheet as CSV) and import again")
                if number <= len(rows):
                    raise DataImportError(f"{path}: the sheet's row {number} comes out of "
                                          "order; the workbook is damaged")
                cells += last
                if cells > limits.max_cells:
                    raise DataImportError(
                        f"{path}: the sheet holds more than {limits.max_cells:,} cells (up to "
                        f"{where}); save it as CSV and import that")
                values = [None] * last
                for cell in row:
                    values[cell["column"] - 1] = cell["value"]
                rows.extend([()] * (number - 1 - len(rows)))
                rows.append(tuple(values))
            merged = parser.merged_cells
        ranges = [CellRange(m.ref) for m in merged.mergeCell] if merged else []
    except DataImportError:
        raise
    except Exception as exc:  # a damaged sheet: openpyxl's parser raises many kinds
        raise DataImportError(f"{path}: not a readable Excel workbook ({exc})") from exc
    finally:
        workbook.close()
    return rows, ranges
