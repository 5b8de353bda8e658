"""How long importing a national-sized performance file takes, beside a bare pandas read.

    .venv/bin/python bench/data_import.py

Generates invented files of national size in the real layout (KS4: about 5,500 schools and
about 500 columns; KS2: about 16,000 schools; Ofsted's management information in the
report-card layout: about 22,000 schools and 87 columns), then times ``import_file`` into a
fresh store against ``pandas.read_csv`` of the same file. Goal: import within 1.5x the bare
read. Best of five runs each, the bare read and the import taking turns so a busy machine slows both
alike; prints figures, asserts nothing.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd

from linkadviser.data.importer import import_file
from linkadviser.data.invented import invent_schools, performance_rows, write_csv
from linkadviser.data.invented_ofsted import MiSchool, mi_row
from linkadviser.store.db import open_store

RUNS = 5


def best_of_turns(first: Callable[[int], object],
                  second: Callable[[int], object]) -> tuple[float, float]:
    """The best time of each action over RUNS, the two run in turn."""
    times: tuple[list[float], list[float]] = ([], [])
    for run in range(RUNS):
        for action, found in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            action(run)
            found.append(time.perf_counter() - start)
    return min(times[0]), min(times[1])


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
    stores = [open_store(folder / f"{kind}-{run}.sqlite3") for run in range(RUNS)]
    reports = []
    bare, ours = best_of_turns(lambda _run: pd.read_csv(path, low_memory=False),
                               lambda run: reports.append(import_file(stores[run], path)))
    for store in stores:
        store.close()
    report = reports[0]
    print(f"{kind.upper()}: {frame.shape[0]:,} rows x {frame.shape[1]} columns, "
          f"{path.stat().st_size / 1e6:.1f} MB; {report.values:,} figures stored, "
          f"{report.suppressed:,} withheld, {report.report_cards:,} report cards")
    print(f"  bare pandas.read_csv: {bare:.3f} s   linkadviser import: {ours:.3f} s   "
          f"ratio {ours / bare:.2f}x (goal <= 1.5x)")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        measure(folder, "ks4", 5_500, 475)
        measure(folder, "ks2", 16_000, 260)
        measure(folder, "ofsted", 22_000, 0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
