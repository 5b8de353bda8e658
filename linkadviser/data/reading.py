"""Reading a downloaded file as it is: CSV in any of the encodings it arrives in, or Excel.

The public files come as UTF-8, UTF-8 with a byte-order mark, or Windows-1252 (Get
Information About Schools); an authority's spreadsheet may have title rows above its header.
Everything here answers one question: what are this file's columns and rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from linkadviser.data.errors import DataImportError

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class Header:
    """A file's column names and where they are: the encoding, and the header's row number."""

    path: Path
    columns: list[str]
    encoding: str = "utf-8-sig"
    header_row: int = 1  # 1-based, as a spreadsheet shows it
    excel_rows: list[tuple] | None = None  # the sheet's rows below the header (Excel only)
    sha256: str = ""  # of the file's bytes, recorded with the import


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without a BOM) if the bytes are valid UTF-8, else Windows-1252."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def read_header(path: Path, urn_columns: set[str]) -> Header:
    """The file's header; for Excel, the first row naming a URN column (title rows skipped)."""
    if not path.exists():
        raise DataImportError(f"{path}: no such file")
    if path.suffix.lower() in EXCEL_SUFFIXES:
        return _excel_header(path, urn_columns)
    if path.suffix.lower() == ".xls":
        raise DataImportError(
            f"{path}: old Excel (.xls) files cannot be read; save it as .xlsx or CSV and import "
            "that")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataImportError(f"{path}: cannot be read ({exc})") from exc
    if not data[:4096].strip() and not data.strip():  # copy a national file only if blank
        raise DataImportError(f"{path}: the file is empty")
    if data[:4] == b"PK\x03\x04":
        raise DataImportError(f"{path}: this is an Excel workbook; name it .xlsx to import it")
    encoding = detect_encoding(data)
    first_line = data[:65536].decode(encoding, errors="replace").splitlines()[0]
    columns = next(csv.reader(io.StringIO(first_line)))
    return Header(path, [c.strip() for c in columns], encoding,
                  sha256=hashlib.sha256(data).hexdigest())


def _excel_header(path: Path, urn_columns: set[str]) -> Header:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise DataImportError(f"{path}: not a readable Excel workbook ({exc})") from exc
    sheet = workbook.worksheets[0]
    rows = [tuple(r) for r in sheet.iter_rows(values_only=True)]
    merged = [str(m) for m in sheet.merged_cells.ranges]
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [str(c).strip() if c is not None else "" for c in row]
        if urn_columns & set(names):
            spanning = [m for m in sheet.merged_cells.ranges
                        if m.min_row <= index + 1 <= m.max_row]
            if spanning:
                cells = ", ".join(str(m) for m in spanning)
                raise DataImportError(
                    f"{path}: the header on row {index + 1} has merged cells ({cells}); "
                    "unmerge them so each column has its own name on one row, then import again")
            return Header(path, names, "", index + 1, rows[index + 1:], _file_sha256(path))
    if merged:
        raise DataImportError(
            f"{path}: no header row naming a URN column in the first {HEADER_SEARCH_ROWS} rows, "
            f"and the top of the sheet has merged header rows ({', '.join(merged[:4])}); put one "
            "row of column names (one of them the URN column) at the top and import again")
    first = [str(c) for c in (rows[0] if rows else ()) if c is not None]
    return Header(path, first, "", 1, rows[1:], _file_sha256(path))


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(header: Header, wanted: set[str], text_columns: set[str]) -> pd.DataFrame:
    """The file's rows, with only the ``wanted`` columns; ``text_columns`` are kept as text.

    Blank cells are missing; every other cell keeps its own text until it is checked, so a
    marker like ``NA`` or ``x`` is never silently read as missing without being counted.
    """
    if header.excel_rows is not None:
        frame = pd.DataFrame(header.excel_rows, columns=header.columns)
        frame = frame.loc[:, [c for c in frame.columns if c in wanted]]
        frame = frame.dropna(how="all")
        for column in text_columns & set(frame.columns):
            frame[column] = frame[column].map(_excel_text)
        return frame
    try:
        return pd.read_csv(
            header.path, encoding=header.encoding, encoding_errors="replace",
            usecols=lambda c: c.strip() in wanted,
            dtype={c: object for c in text_columns}, keep_default_na=False, na_values=[""],
            skipinitialspace=True, low_memory=False,
        ).rename(columns=str.strip)
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataImportError(f"{header.path}: not a readable CSV file ({exc})") from exc


def _excel_text(value: object) -> object:
    """A cell as text: whole numbers without ``.0`` (an Excel URN is a float)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None
