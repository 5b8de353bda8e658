"""Reading a downloaded file as it is: CSV in any of the encodings it arrives in, or Excel.

The public files come as UTF-8, UTF-8 with a byte-order mark, or Windows-1252 (Get
Information About Schools); an authority's spreadsheet may have title rows above its header.
Everything here answers one question: what are this file's columns and rows.
"""

from __future__ import annotations

import csv
import hashlib
import io
import math
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from linkadviser.data.errors import DataImportError
from linkadviser.data.row_widths import overlong_records
from linkadviser.data.sheets import read_excel_rows

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
# One thread beside pandas for a CSV file's digest and then its row widths, in that order:
# each on a thread of its own made three threads on an adviser's two cores, and the digest
# and the widths (8 and 13 ms for the national MI) then slowed pandas' read (43 ms) instead
# of finishing beside it.
_BESIDE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="linkadviser-beside-read")
HEADER_SEARCH_ROWS = 10
MAX_CSV_BYTES = 1_000_000_000  # the largest public file (GIAS) is about 60 MB


@dataclass(frozen=True)
class Header:
    """A file's column names and where they are: the encoding, and the header's row number."""

    path: Path
    columns: list[str]
    encoding: str = "utf-8-sig"
    header_row: int = 1  # 1-based, as a spreadsheet shows it
    excel_rows: list[tuple] | None = None  # the sheet's rows below the header (Excel only)
    # of the file's bytes, recorded with the import: a CSV file's is worked out beside
    # pandas reading the rows (hashlib runs outside the GIL), so it may be pending
    digest: str | Future[str] = field(default="", repr=False, compare=False)
    # the CSV file's bytes as read for the header, so its rows are counted without reading
    # a national file again
    data: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        return self.digest if isinstance(self.digest, str) else self.digest.result()


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without a BOM) if the bytes are valid UTF-8, else Windows-1252."""
    if data.isascii():  # most files: valid UTF-8, known without decoding 20 MB
        return "utf-8-sig"
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
        size = path.stat().st_size
        if size > MAX_CSV_BYTES:
            raise DataImportError(f"{path}: the file is {size:,} bytes, more than the "
                                  f"{MAX_CSV_BYTES:,} linkadviser reads")
        data = path.read_bytes()
    except OSError as exc:
        raise DataImportError(f"{path}: cannot be read ({exc})") from exc
    if not data[:4096].strip() and not data.strip():  # copy a national file only if blank
        raise DataImportError(f"{path}: the file is empty")
    if data[:4] == b"PK\x03\x04":
        raise DataImportError(f"{path}: this is an Excel workbook; name it .xlsx to import it")
    encoding = detect_encoding(data)
    lines = data[:65536].decode(encoding, errors="replace").splitlines()
    columns = next(csv.reader(io.StringIO(lines[0] if lines else "")), [])
    digest = _BESIDE.submit(_sha256, data)
    return Header(path, [c.strip() for c in columns], encoding, digest=digest, data=data)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _excel_header(path: Path, urn_columns: set[str]) -> Header:
    rows, merged = read_excel_rows(path)
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [str(c).strip() if c is not None else "" for c in row]
        if urn_columns & set(names):
            spanning = [m for m in merged if m.min_row <= index + 1 <= m.max_row]
            if spanning:
                cells = ", ".join(str(m) for m in spanning)
                raise DataImportError(
                    f"{path}: the header on row {index + 1} has merged cells ({cells}); "
                    "unmerge them so each column has its own name on one row, then import again")
            return Header(path, names, "", index + 1, _fitted(rows[index + 1:], len(names)),
                          _file_sha256(path))
    if merged:
        raise DataImportError(
            f"{path}: no header row naming a URN column in the first {HEADER_SEARCH_ROWS} rows, "
            f"and the top of the sheet has merged header rows "
            f"({', '.join(str(m) for m in merged[:4])}); put one "
            "row of column names (one of them the URN column) at the top and import again")
    first = [str(c) for c in (rows[0] if rows else ()) if c is not None]
    return Header(path, first, "", 1, _fitted(rows[1:], len(first)), _file_sha256(path))


def _fitted(rows: list[tuple], width: int) -> list[tuple]:
    """Each row cut or padded to the header's width (a sheet's rows end at their last cell)."""
    return [row[:width] if len(row) >= width else row + (None,) * (width - len(row))
            for row in rows]


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
        return _not_empty(frame, header)
    # The rows are counted while pandas reads them (both mostly outside Python's lock, so a
    # second core does the counting); an overlong row is reported before anything pandas says.
    lengths = _BESIDE.submit(_check_row_lengths, header)
    try:
        frame = _read_csv(header, wanted, text_columns).rename(columns=str.strip)
    except (pd.errors.ParserError, ValueError) as exc:
        lengths.result()
        raise DataImportError(f"{header.path}: not a readable CSV file ({exc})") from exc
    except BaseException:
        lengths.result()
        raise
    lengths.result()
    return _not_empty(frame, header)


def _read_csv(header: Header, wanted: set[str], text_columns: set[str]) -> pd.DataFrame:
    """The wanted columns, read by pandas in chunks: a quarter quicker on a national file than
    reading it whole, as each chunk's cells stay in the processor's cache.

    In chunks, pandas guesses each chunk's type on its own, so a column of figures with a
    word only in some chunks would come back half numbers, half text (pandas warns of it):
    then, or if pandas cannot read the file at all, it is read again whole, as it always was,
    so the frame, and any message, is what the whole read gives.

    Spaces after commas are not skipped (``skipinitialspace``): that made pandas read the
    national Ofsted MI a fifth slower, and a file written ``5, 6`` reads the same without it
    (pandas reads a number with a space before it; words, codes and dates are stripped where
    they are read).
    """
    def read(low_memory: bool) -> pd.DataFrame:
        return pd.read_csv(
            header.path, encoding=header.encoding, encoding_errors="replace",
            usecols=lambda c: c.strip() in wanted, index_col=False,
            dtype={c: object for c in text_columns}, keep_default_na=False, na_values=[""],
            low_memory=low_memory)

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            frame = read(low_memory=True)
    except Exception:  # the whole read below gives the error the user sees
        return read(low_memory=False)
    if any(issubclass(w.category, pd.errors.DtypeWarning) for w in caught):
        return read(low_memory=False)
    for warning in caught:  # anything else pandas said, said as the whole read says it
        warnings.warn_explicit(warning.message, warning.category, warning.filename,
                               warning.lineno)
    return frame


def _not_empty(frame: pd.DataFrame, header: Header) -> pd.DataFrame:
    """The frame, unless no cell of it has a value (column by column: the first usually does)."""
    if not any(frame.iloc[:, at].notna().any() for at in range(frame.shape[1])):
        raise DataImportError(f"{header.path}: the file has its header but no rows of data; "
                              "nothing was imported")
    return frame


def _check_row_lengths(header: Header) -> None:
    """Refuse a row with more values than the header has names (an unquoted comma shifts
    every figure after it); trailing empty fields, which some exports add, are harmless."""
    width = len(header.columns)
    data = header.data if header.data is not None else header.path.read_bytes()
    suspects = overlong_records(data, width)
    if suspects == []:
        return  # every record has at most as many values as the header names
    try:
        with header.path.open(encoding=header.encoding, errors="replace", newline="") as fh:
            for number, row in enumerate(csv.reader(fh), 1):
                if len(row) > width and any(v.strip() for v in row[width:]):
                    raise DataImportError(
                        f"{header.path}: row {number} has {len(row)} values but the header "
                        f"names {width} columns (a value with an unquoted comma?); correct "
                        "the row and import again (nothing was imported)")
    except csv.Error as exc:
        raise DataImportError(f"{header.path}: not a readable CSV file ({exc})") from exc


def _excel_text(value: object) -> object:
    """A cell as text: whole numbers without ``.0`` (an Excel URN is a float)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None  # a blank cell (pandas makes it NaN in a column of numbers)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or None
