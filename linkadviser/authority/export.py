"""Writing the county report as CSV files (one per table) for spreadsheets and invoicing."""

from __future__ import annotations

import csv
from pathlib import Path

from linkadviser.authority import tables
from linkadviser.authority.report import CountyReport

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


def write_table(table: tables.Table, path: Path) -> None:
    # utf-8-sig: Excel, which finance officers open these in, then reads £ and names correctly.
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.writer(fh)
        writer.writerow(table.headings)
        writer.writerows(table.rows)


def write_csvs(report: CountyReport, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in CSV_FILES.items():
        write_table(make(report), folder / name)
        written.append(folder / name)
    return written
