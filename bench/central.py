"""Central consolidation: merging advisers' sync files into SQLite and PostgreSQL.

County: an invented county (``linkadviser.demo.county``: 450 schools, 10 years) split between
30 advisers. Each adviser's store receives the centre's file for them and sends back its own
file (``sync export``); the 30 files are then merged into an empty central store (the schools,
advisers and assignments the centre owns already there) and the county report is built.
Goal: the county merged in < 10 s.

National: 150 authorities of ~133 schools (~20,000 schools), one academic year each, their
advisers' files merged into one national central store. Goal: < 10 minutes. ``--authorities``
runs a fraction of it and extrapolates linearly (said so in the output).

Only the merge and the report are timed against the goals; making the files is preparation.

    .venv/bin/python bench/central.py [--advisers 30] [--schools 450] [--years 10]
                                      [--authorities 150] [--skip-county] [--skip-national]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select, update

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linkadviser.authority.central import merge_files, open_central  # noqa: E402
from linkadviser.authority.report import build_report  # noqa: E402
from linkadviser.demo import county  # noqa: E402
from linkadviser.programme import default_programme  # noqa: E402
from linkadviser.services import Services  # noqa: E402
from linkadviser.signing.demo import DEMO_PASSPHRASE  # noqa: E402
from linkadviser.signing.sync_files import centre_signer  # noqa: E402
from linkadviser.store.base import Base  # noqa: E402
from linkadviser.store.db import Store, open_store  # noqa: E402
from linkadviser.store.models import Adviser, School  # noqa: E402
from linkadviser.sync.export import export_adviser, export_central  # noqa: E402
from linkadviser.sync.importer import import_file  # noqa: E402
from linkadviser.sync.kinds import CENTRE_OWNED  # noqa: E402
from tests.pg import PostgresServer, PostgresUnavailable  # noqa: E402

TODAY = date(2026, 11, 26)
SCHOOLS_PER_AUTHORITY = 133


def say(text: str) -> None:
    print(text, flush=True)


def timed(label: str, work):  # noqa: ANN001, ANN201 - a bench helper
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    say(f"  {label}: {seconds:.2f} s")
    return result, seconds


def generate(path: Path, schools: int, years: int, advisers: int, seed: int) -> Store:
    """The invented county, its schools split between ``advisers`` advisers."""
    county.SCHOOLS_PER_ADVISER = -(-schools // advisers)
    store = open_store(path)
    county.generate_county(store, default_programme(), schools, years, seed, TODAY)
    # opened as the app opens it, which records the programme versions its visits follow
    # (the primary schools' programme is not the main one), so its files carry them
    Services(store, default_programme(), lambda: TODAY)
    return store


def copy_centre_owned(source: Store, target: Store) -> None:
    """What the centre owns before any adviser sends a file: schools, advisers, assignments."""
    with source.engine.connect() as src, target.engine.begin() as dst:
        for table in Base.metadata.sorted_tables:
            if table.name in CENTRE_OWNED:
                key = list(table.primary_key.columns)[0]
                have = set(dst.execute(select(key)).scalars())  # academic years are shared
                rows = [dict(r) for r in src.execute(select(table)).mappings()
                        if r[key.name] not in have]
                for start in range(0, len(rows), 5000):
                    dst.execute(insert(table), rows[start:start + 5000])


def adviser_files(source: Store, folder: Path) -> list[Path]:
    """Each adviser's own file: receive the centre's file, send back everything."""
    with source.session() as session:
        ids = list(session.scalars(select(Adviser.id).order_by(Adviser.name)))
        signer = centre_signer(session, DEMO_PASSPHRASE)  # the county's files are signed
    files = []
    for n, adviser_id in enumerate(ids):
        incoming, outgoing = folder / f"to-{n:02d}.zip", folder / f"from-{n:02d}.zip"
        export_central(source, incoming, adviser_id, everything=True, signer=signer)
        store = open_store(folder / f"adviser-{n:02d}.sqlite3")
        try:
            import_file(store, incoming)
            export_adviser(store, outgoing, everything=True)
        finally:
            store.close()
        files.append(outgoing)
    return files


def central_targets(stack: ExitStack, folder: Path, name: str) -> dict[str, str]:
    targets = {"SQLite": str(folder / f"{name}.sqlite3")}
    try:
        server = PostgresServer().start()
    except PostgresUnavailable as exc:
        say(f"  PostgreSQL: not measured ({exc})")
        return targets
    stack.callback(server.stop)
    targets["PostgreSQL"] = server.url(server.create_database())
    return targets


def merge_and_report(label: str, url: str, sources: list[Path],
                     files: list[Path]) -> dict[str, float]:
    central = open_central(url)
    try:
        for path in sources:
            source = open_store(path)
            copy_centre_owned(source, central)
            source.close()
        _, merge = timed(f"{label}: merge {len(files)} files", lambda: merge_files(central,
                                                                                    files))
        _, again = timed(f"{label}: merge the same files again (idempotent)",
                         lambda: merge_files(central, files))
        report, rep = timed(f"{label}: county report", lambda: build_report(
            central, default_programme(), TODAY, record_snapshot=False))
        say(f"    {len(report.risk)} schools, {report.delivery.total.expected} visits expected "
            f"this year, {report.delivery.total.done} done; costs "
            f"{report.costs.total:,.0f} {report.costs.currency}")
        return {"merge": merge, "again": again, "report": rep}
    finally:
        central.close()


def bench_county(args: argparse.Namespace, folder: Path) -> None:
    say(f"County: {args.schools} schools, {args.years} years, {args.advisers} advisers")
    source, _ = timed("generate the invented county (preparation)", lambda: generate(
        folder / "source.sqlite3", args.schools, args.years, args.advisers, 2026))
    files, _ = timed(f"make {args.advisers} advisers' files (preparation)",
                     lambda: adviser_files(source, folder))
    size = sum(f.stat().st_size for f in files) / 1e6
    say(f"  {len(files)} files, {size:.1f} MB in all")
    with ExitStack() as stack:
        for label, url in central_targets(stack, folder, "county").items():
            figures = merge_and_report(label, url, [folder / "source.sqlite3"], files)
            verdict = "met" if figures["merge"] < 10 else "NOT met"
            say(f"  => {label}: county merged in {figures['merge']:.1f} s (goal < 10 s: "
                f"{verdict}); with the report {figures['merge'] + figures['report']:.1f} s")
    source.close()


def authority_source(folder: Path, k: int) -> tuple[Path, list[Path]]:
    """Authority ``k``: its own URNs, names and advisers, one academic year of visits."""
    path = folder / f"la-{k:03d}"
    path.mkdir()
    store = generate(path / "source.sqlite3", SCHOOLS_PER_AUTHORITY, 1, 5, 1000 + k)
    try:
        with store.transaction() as session:
            session.execute(update(School).values(
                urn=School.urn + k * 1000, local_authority=f"Authority {k:03d} (invented)"))
            session.execute(update(Adviser).values(name=Adviser.name + f" LA{k:03d}"))
        return path / "source.sqlite3", adviser_files(store, path)
    finally:
        store.close()


def bench_national(args: argparse.Namespace, folder: Path) -> None:
    n = args.authorities
    say(f"National: {n} of 150 authorities x {SCHOOLS_PER_AUTHORITY} schools, one year")
    start = time.perf_counter()
    with ProcessPoolExecutor(args.jobs) as pool:  # authorities are independent
        prepared = list(pool.map(authority_source, [folder] * n, range(n)))
    say(f"  prepare {n} authorities' files (preparation, {args.jobs} processes): "
        f"{time.perf_counter() - start:.1f} s")
    sources = [s for s, _ in prepared]
    files = [f for _, fs in prepared for f in fs]
    with ExitStack() as stack:
        for label, url in central_targets(stack, folder, "national").items():
            figures = merge_and_report(label, url, sources, files)
            total = figures["merge"] + figures["report"]
            scaled = total * 150 / n
            note = "" if n == 150 else f" (measured {n}/150, scaled linearly)"
            verdict = "met" if scaled < 600 else "NOT met"
            what = "national" if n == 150 else "national estimate"
            say(f"  => {label}: {n * SCHOOLS_PER_AUTHORITY} schools merged and reported in "
                f"{total:.1f} s; {what} {scaled / 60:.1f} min{note} (goal < 10 min: {verdict})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--advisers", type=int, default=30)
    parser.add_argument("--schools", type=int, default=450)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--authorities", type=int, default=150)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                        help="processes preparing the national files (not timed)")
    parser.add_argument("--skip-county", action="store_true")
    parser.add_argument("--skip-national", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-central-") as tmp:
        folder = Path(tmp)
        if not args.skip_county:
            (folder / "county").mkdir()
            bench_county(args, folder / "county")
        if not args.skip_national:
            (folder / "national").mkdir()
            bench_national(args, folder / "national")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
