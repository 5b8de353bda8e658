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
from pathlib import Path

from linkadviser.authority import tables
from linkadviser.authority.report import CountyReport

CSV_FILES = {
    "county-picture.csv": lambda r: tables.picture_counts_table(r.picture),
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
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in CSV_FILES.items():
        write_table(make(report), folder / name)
        written.append(folder / name)
    return written
