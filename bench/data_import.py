"""How long importing a national-sized performance file takes, beside a bare pandas read.

    .venv/bin/python bench/data_import.py

Generates invented files of national size in the real layout (KS4: about 5,500 schools and
about 500 columns; KS2: about 16,000 schools; Ofsted's management information in the
report-card layout: about 22,000 schools and 87 columns), then times ``import_file`` into a
fresh store against ``pandas.read_csv`` of the same file. Goal: import within 1.5x the bare
read. Beside both it times the floor of the stack: pandas reading only the columns the import
reads, then SQLite's own ``executemany`` of the rows the import stored (read back from its
store) into the same tables of a fresh store, in one transaction, with no linkadviser logic;
the import's ratio to that floor says how close to the stack it is. Best of five runs each,
the three taking turns so a busy machine slows them alike; prints figures, asserts nothing.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from linkadviser.data.config import default_rules
from linkadviser.data.importer import _text_columns, _wanted, import_file
from linkadviser.data.invented import invent_schools, performance_rows, write_csv
from linkadviser.data.invented_ofsted import MiSchool, mi_row
from linkadviser.data.kinds import detect_kind
from linkadviser.data.reading import read_header
from linkadviser.store.db import open_store

RUNS = 5


def best_of_turns(*actions: Callable[[int], object]) -> list[float]:
    """The best time of each action over RUNS, the actions run in turn."""
    times: list[list[float]] = [[] for _ in actions]
    for run in range(RUNS):
        for action, found in zip(actions, times, strict=True):
            start = time.perf_counter()
            action(run)
            found.append(time.perf_counter() - start)
    return [min(found) for found in times]


TABLES = ("data_imports", "data_rows")


class Floor:
    """What the stack itself needs for a file: pandas reading the columns the import reads,
    and SQLite inserting the rows the import stored (as ``stored`` holds them) into fresh
    stores' tables, each store opened beforehand as the import's are."""

    def __init__(self, path: Path, stored: Path, folder: Path, name: str) -> None:
        self.path = path
        rules = default_rules()
        header = read_header(path, {k.urn_column for k in rules.kinds})
        header.sha256  # noqa: B018  (the digest's thread finishes before any timing)
        kind = detect_kind(header.columns, rules.kinds, path)
        self.wanted, self.text = _wanted(kind), _text_columns(kind)
        self.encoding = header.encoding
        source = sqlite3.connect(stored)
        self.rows = {}
        for table in TABLES:
            sql = self._insert(source, table)
            columns = sql[sql.index("(") + 1:sql.index(")")]
            self.rows[table] = sql, source.execute(f"SELECT {columns} FROM {table}").fetchall()
        source.close()
        self.stores = []
        for run in range(RUNS):
            at = folder / f"{name}-floor-{run}.sqlite3"
            open_store(at).close()  # the app's schema, migrated
            connection = sqlite3.connect(at, isolation_level=None)
            for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
                connection.execute(f"PRAGMA {pragma}")  # as the store is opened
            self.stores.append(connection)
        self.reading: list[float] = []
        self.writing: list[float] = []

    @staticmethod
    def _insert(source: sqlite3.Connection, table: str) -> str:
        # every column but the row numbers SQLite gives (seq), as the import inserts them
        columns = [row[1] for row in source.execute(f"PRAGMA table_info({table})")
                   if row[1] != "seq"]
        return (f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})")

    def __call__(self, run: int) -> None:
        start = time.perf_counter()
        pd.read_csv(self.path, encoding=self.encoding, usecols=lambda c: c.strip() in self.wanted,
                    index_col=False, dtype=dict.fromkeys(self.text, object),
                    keep_default_na=False, na_values=[""])
        read = time.perf_counter()
        connection = self.stores[run]
        connection.execute("BEGIN")
        for sql, rows in self.rows.values():
            connection.executemany(sql, rows)
        connection.execute("COMMIT")
        self.reading.append(read - start)
        self.writing.append(time.perf_counter() - read)

    def close(self) -> None:
        for connection in self.stores:
            connection.close()


def national_file(folder: Path, kind: str, schools: int, padding: int) -> Path:
    phase = "Secondary" if kind == "ks4" else "Primary"
    rows = [(100000 + i, f"Invented school {i}", phase) for i in range(schools)]
    invented = invent_schools(rows, "926", 1)
    path = folder / "2024-2025" / f"england_{kind}final.csv"
    write_csv(path, performance_rows(kind, invented, 2024, 1, "926"), padding=padding)
    return path


REGIONS = ("East of England", "London", "North West", "South East", "South West",
           "West Midlands", "East Midlands", "Yorkshire and the Humber", "North East")
PHASES = ("Primary",) * 16 + ("Secondary",) * 3 + ("Special", "Alternative provision")


def national_mi(folder: Path, schools: int) -> Path:
    """Ofsted's MI for every state-funded school in England, as published in February 2026."""
    rows = [mi_row(MiSchool(100000 + i, f"Invented school {i}", PHASES[i % len(PHASES)],
                            f"Authority {i % 150}", REGIONS[i % len(REGIONS)]),
                   date(2026, 2, 28), 1) for i in range(schools)]
    path = folder / "ofsted_mi.csv"
    write_csv(path, rows)
    return path


def measure(folder: Path, kind: str, schools: int, padding: int) -> None:
    path = (national_mi(folder, schools) if kind == "ofsted" else
            national_file(folder, kind, schools, padding))
    frame = pd.read_csv(path, low_memory=False)
    first = open_store(folder / f"{kind}-first.sqlite3")
    import_file(first, path)  # once before timing, for the rows the floor inserts
    first.close()
    floor = Floor(path, folder / f"{kind}-first.sqlite3", folder, kind)
    stores = [open_store(folder / f"{kind}-{run}.sqlite3") for run in range(RUNS)]
    reports = []
    bare, ours, least = best_of_turns(
        lambda _run: pd.read_csv(path, low_memory=False),
        lambda run: reports.append(import_file(stores[run], path)), floor)
    for store in stores:
        store.close()
    floor.close()
    report = reports[0]
    print(f"{kind.upper()}: {frame.shape[0]:,} rows x {frame.shape[1]} columns, "
          f"{path.stat().st_size / 1e6:.1f} MB; {report.values:,} figures stored, "
          f"{report.suppressed:,} withheld, {report.report_cards:,} report cards")
    print(f"  bare pandas.read_csv: {bare:.3f} s   linkadviser import: {ours:.3f} s   "
          f"ratio {ours / bare:.2f}x (goal <= 1.5x)")
    print(f"  floor (pandas reading the {len(floor.wanted)} columns read + SQLite inserting "
          f"the rows stored): {least:.3f} s = {least / bare:.2f}x the bare read; "
          f"import {ours / least:.2f}x the floor")
    print(f"  (the floor's parts at their best: reading {min(floor.reading):.3f} s, "
          f"writing {min(floor.writing):.3f} s)")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure(folder, "ks4", 5_500, 475)
        measure(folder, "ks2", 16_000, 260)
        measure(folder, "ofsted", 22_000, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
