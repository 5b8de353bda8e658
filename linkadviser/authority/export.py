"""Writing the county report as CSV files (one per table) for spreadsheets and invoicing.

Every CSV the app writes goes through ``write_table``, which makes each text cell safe to open
in a spreadsheet: a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is a formula to Excel (``=HYPERLINK(...)`` runs when clicked, DDE formulas can run programs), so
it is written with a leading apostrophe, which Excel shows as text. Numbers, written as text by
the tables (``-1.5``, ``2,650.00``), stay numbers.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from linkadviser.authority import tables
from linkadviser.authority.report import CountyReport
from linkadviser.errors import LinkAdviserError


class ExportError(LinkAdviserError):
    """The report's files cannot be written where the user asked."""


def check_output_folder(folder: Path) -> None:
    """Refuse, before any work, a folder name that is an existing file."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder}: that is a file; name a folder for the report's PDF and "
                          "CSV files (it is made if need be). Nothing was written.")


@contextmanager
def writing_to(folder: Path) -> Iterator[None]:
    """Turn a full disk or a folder that cannot be written into an ExportError."""
    try:
        yield
    except OSError as exc:
        raise ExportError(f"{folder}: the report files could not be written "
                          f"({exc.strerror or exc}); choose another folder or free some "
                          "space") from exc

CSV_FILES = {
    "county-picture.csv": lambda r: tables.picture_counts_table(r.picture),
    "county-by-kind.csv": lambda r: tables.picture_counts_table(r.by_kind),
    "trajectory.csv": lambda r: tables.trajectory_table(r.trajectory),
    "risk.csv": lambda r: tables.risk_table(r.risk, {f.key: f.label for f in r.flags}),
    "delivery-terms.csv": lambda r: tables.delivery_terms_table(r.delivery),
    "delivery-advisers.csv": lambda r: tables.delivery_advisers_table(r.delivery),
    "costs.csv": lambda r: tables.costs_table(r.costs),
    "invoice.csv": lambda r: tables.invoice_table(r.costs),
}


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9][0-9,]*(\.[0-9]+)?%?")


def spreadsheet_safe(cell: object) -> object:
    """The cell as a spreadsheet will read it as text, never as a formula."""
    if not isinstance(cell, str) or not cell.startswith(_FORMULA_START):
        return cell
    if _NUMBER.fullmatch(cell):
        return cell
    return "'" + cell


def write_table(table: tables.Table, path: Path) -> None:
    # utf-8-sig: Excel, which finance officers open these in, then reads £ and names correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow([spreadsheet_safe(h) for h in table.headings])
        writer.writerows([spreadsheet_safe(c) for c in row] for row in table.rows)


def write_csvs(report: CountyReport, folder: Path) -> list[Path]:
    check_output_folder(folder)
    written = []
    with writing_to(folder):
        folder.mkdir(parents=True, exist_ok=True)
        for name, make in CSV_FILES.items():
            write_table(make(report), folder / name)
            written.append(folder / name)
    return written
