"""How long England's, the region's and the county's Ofsted pictures take from imported MI files.

    .venv/bin/python bench/county_picture.py [--years 4] [--schools 22000]

A real authority's centre keeps several years of Ofsted's national management information
(about 22,000 schools a file) beside the KS2 and KS4 performance tables; the County page and
``central report`` build England's, the region's and the county's grade distributions from
every MI file each time (``linkadviser.authority.imported.imported_pictures``). This builds
such a store (``--years`` imports of each: MI, KS2 of 16,000 schools, KS4 of 5,500) and times,
best of three taking turns: the pictures; the stack's floor, SQLite alone reading the packed
figures of the same school rows (``SELECT figures``, no linkadviser logic); and the general
reader ``long_figures`` over the same rows (every figure unpacked, the pictures' old path).
Then the county report's other national read, the performance facts (trends and gaps from the
KS2/KS4 headline measures), for the county's schools and for every school in England.
Prints figures, asserts nothing. Making and importing the files is preparation, not timed.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from data_import import national_file, national_mi

from linkadviser.authority.imported import OFSTED_KIND, imported_pictures
from linkadviser.authority.performance import performance_facts
from linkadviser.authority.rules import load_rules
from linkadviser.data.importer import import_file
from linkadviser.data.queries import long_figures
from linkadviser.store.db import Store, open_store
from linkadviser.store.models_data import DataImport, DataRow

RUNS = 3
FIRST_YEAR = 2022
FLOOR = ("SELECT data_rows.figures FROM data_rows JOIN data_imports "
         "ON data_rows.import_id = data_imports.id "
         "WHERE data_imports.kind = ? AND data_rows.entity = 'school'")


def say(text: str) -> None:
    print(text, flush=True)


def build(folder: Path, years: int, schools: int) -> Store:
    """``years`` imports each of the national MI, KS2 and KS4 (one file each, re-imported
    under each year: the timing depends on the rows' number and width, not their values)."""
    store = open_store(folder / "centre.sqlite3")
    files = [national_mi(folder, schools), national_file(folder, "ks2", 16_000, 260),
             national_file(folder, "ks4", 5_500, 475)]
    for year in range(FIRST_YEAR, FIRST_YEAR + years):
        for path in files:
            import_file(store, path, year=year)
    return store


def best_of_turns(*actions: Callable[[], object]) -> list[float]:
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(RUNS):
        for action, found in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            found.append(time.perf_counter() - start)
    return [min(found) for found in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", type=int, default=4)
    parser.add_argument("--schools", type=int, default=22_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-county-picture-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        store = build(folder, args.years, args.schools)
        say(f"store: {args.years} years of MI ({args.schools:,} schools), KS2 and KS4 "
            f"(preparation, {time.perf_counter() - start:.0f} s)")
        county = set(range(100_000, 100_000 + args.schools, 50))  # ~450 schools, all regions
        raw = sqlite3.connect(folder / "centre.sqlite3")
        rows = len(raw.execute(FLOOR, (OFSTED_KIND,)).fetchall())
        total = raw.execute("SELECT count(*) FROM data_rows").fetchone()[0]
        pictures = imported_pictures(store, county)
        say(f"  {rows:,} MI school rows of {total:,} data rows; {len(pictures)} pictures, "
            f"{len(pictures[-1].areas) if pictures else 0} areas in the latest")
        ours, floor, general = best_of_turns(
            lambda: imported_pictures(store, county),
            lambda: raw.execute(FLOOR, (OFSTED_KIND,)).fetchall(),
            lambda: long_figures(store, DataImport.kind == OFSTED_KIND,
                                 DataRow.entity == "school"))
        headlines = load_rules().headline_measures
        england = dict.fromkeys(range(100_000, 100_000 + args.schools), "Primary")
        mine, national = best_of_turns(
            lambda: performance_facts(store, {urn: england[urn] for urn in county}, headlines),
            lambda: performance_facts(store, england, headlines))
        raw.close()
        store.close()
    say(f"  imported_pictures: {ours * 1000:,.0f} ms   floor (SQLite reading those rows' "
        f"figures): {floor * 1000:,.0f} ms   ratio {ours / floor:.1f}x the floor")
    say(f"  long_figures over the same rows (every figure unpacked): {general * 1000:,.0f} ms")
    say(f"  performance_facts: the county's {len(county)} schools {mine * 1000:,.0f} ms, "
        f"every school ({len(england):,}) {national * 1000:,.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
