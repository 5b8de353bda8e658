"""Sync on a county-sized store: export, import, and re-importing an unchanged file.

The county (``linkadviser.demo.county``: 450 schools, 10 years, ~18,000 visits, every past
visit signed) plays an adviser's store holding the whole county's work. The receiving store
is the centre before any visit arrived: the same schools, advisers and assignments, no visits.

Printed:
- export: ``sync export --all`` of every visit and its parts (visit 4 as date only)
- import: that file into the centre (all new records)
- unchanged re-import, same file: recognised by its SHA-256 as already imported
- unchanged re-import, a fresh export of the same records (a new file): the whole file is
  checked and compared record by record, and changes nothing
- typical exchange, for information beside the full figure: a week of an adviser's edits (ten
  visits' date, notes, ticks, actions and statements) exported as changes and imported
Goals: export + import < 3 s; an unchanged re-import < 0.2 s. Baselines measured in the same
run: a bare ``SELECT *`` of the exported tables, SQLite's own backup copy of the store, and
SQLite writing the same tables as JSON in C (``json_in_c``, the export's floor) and copying the
same records into the centre in C (``copy_in_c``, the import's floor: what no importer of these
records into this schema can go below).

    .venv/bin/python bench/sync.py [--schools 450] [--years 10] [--store PATH]

``--store`` keeps the generated county at PATH and reuses it on the next run.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from sqlalchemy import func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from linkadviser.demo import county  # noqa: E402
from linkadviser.programme import default_programme  # noqa: E402
from linkadviser.services import Services  # noqa: E402
from linkadviser.store.db import Store, open_store  # noqa: E402
from linkadviser.store.models import AgendaNote, ChecklistTick, Visit  # noqa: E402
from linkadviser.sync.export import export_adviser  # noqa: E402
from linkadviser.sync.importer import import_file  # noqa: E402
from linkadviser.sync.kinds import CENTRE_OWNED, all_kinds  # noqa: E402
from linkadviser.sync.marks import ADVISER_KEY  # noqa: E402
from linkadviser.visit.editor import VisitEditor  # noqa: E402

TODAY = date(2026, 11, 26)


def timed(label: str, work):  # noqa: ANN001, ANN201 - a bench helper
    os.sync()  # the last step's writes reach the disk on its time, not on this step's
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"  {label}: {seconds:.3f} s", flush=True)
    return result, seconds


def make_county(path: Path, schools: int, years: int) -> None:
    reused = path.exists()
    store = open_store(path)
    try:
        if reused:
            print(f"Reusing {path}")
        else:
            print(f"Generating the county ({schools} schools, {years} years) ...", flush=True)
            county.generate_county(store, default_programme(), schools, years, today=TODAY)
        # opened as the app opens it, which records the programme versions its visits follow
        # (the primary schools' programme is not the main one), so its export carries them
        Services(store, default_programme(), lambda: TODAY)
    finally:
        store.close()


def centre_without_visits(county_path: Path, path: Path) -> None:
    """A copy of the county keeping only what the centre owns (and its device identity apart).

    The county store plays one adviser holding the whole county's work, so at the centre
    every school is assigned to that one adviser, and the county store knows itself as them:
    the centre takes an adviser's records only for the schools assigned to them."""
    src, dst = sqlite3.connect(county_path), sqlite3.connect(path)
    adviser = src.execute("SELECT id FROM advisers ORDER BY id LIMIT 1").fetchone()[0]
    src.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                (ADVISER_KEY, adviser))
    src.commit()
    src.backup(dst)
    src.close()
    dst.execute("UPDATE caseload_assignments SET adviser_id = ?", (adviser,))
    owned = {k.name for k in all_kinds() if k.name in CENTRE_OWNED}
    keep = owned | {"alembic_version"}
    tables = [r[0] for r in dst.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    dst.execute("PRAGMA foreign_keys=OFF")
    for table in tables:
        if table not in keep:
            dst.execute(f'DELETE FROM "{table}"')
    dst.commit()
    dst.execute("VACUUM")
    dst.close()


def exported_tables() -> list[str]:
    """The tables an adviser's export carries (all but what the centre owns)."""
    return [k.name for k in all_kinds() if k.name not in CENTRE_OWNED]


def bare_read(path: Path) -> int:
    conn = sqlite3.connect(path)
    names = exported_tables()
    rows = sum(len(conn.execute(f'SELECT * FROM "{n}"').fetchall()) for n in names)
    conn.close()
    return rows


def bare_copy(path: Path, to: Path) -> None:
    src, dst = sqlite3.connect(path), sqlite3.connect(to)
    src.backup(dst)
    src.close()
    dst.close()


def json_in_c(county_path: Path) -> None:
    """The export's floor: SQLite itself writing every exported table as JSON lines, in C
    (``json_object`` per row, blobs as hex), deflated on two threads as the export's members
    are, while the next table is read. No stamps rewritten, nothing sorted in Python, no
    file written: less than the export must do."""
    conn = sqlite3.connect(county_path)
    names = exported_tables()
    with ThreadPoolExecutor(2) as pool:
        packed = []
        for name in names:
            columns = sorted(r[1] for r in conn.execute(f'PRAGMA table_info("{name}")'))
            pairs = ", ".join(f"'{c}', iif(typeof(\"{c}\") = 'blob', hex(\"{c}\"), \"{c}\")"
                              for c in columns)
            order = "id" if "id" in columns else columns[0]
            lines = conn.execute(f'SELECT json_object({pairs}) FROM "{name}" ORDER BY {order}')
            body = "\n".join(line for (line,) in lines).encode()
            packed.append(pool.submit(deflated_size, body))
        sum(p.result() for p in packed)
    conn.close()


def deflated_size(body: bytes) -> int:
    squeeze = zlib.compressobj(1, zlib.DEFLATED, -15)  # the export's level
    return len(squeeze.compress(body) + squeeze.flush())


def copy_in_c(county_path: Path, centre_path: Path) -> None:
    """The import's floor: SQLite itself copying the same records from the county into the
    centre, in C (``INSERT ... SELECT`` from the attached file), with no file to read, nothing
    to check and no Python per row. The store's own settings (WAL, foreign keys, a commit that
    survives power loss), the importer's page cache, and its plain indexes set aside and
    built again, as the importer does for an empty table."""
    conn = sqlite3.connect(centre_path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL",
                   "cache_size=-262144"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("ATTACH ? AS county", (str(county_path),))
    names = exported_tables()
    conn.execute("BEGIN")
    plain = conn.execute("SELECT name, sql FROM main.sqlite_master WHERE type = 'index' AND "
                         "sql LIKE 'CREATE INDEX%'").fetchall()
    for name, _ in plain:
        conn.execute(f'DROP INDEX main."{name}"')
    for name in names:
        columns = ", ".join(f'"{r[1]}"' for r in conn.execute(f'PRAGMA table_info("{name}")'))
        conn.execute(f'INSERT INTO main."{name}" ({columns}) '
                     f'SELECT {columns} FROM county."{name}"')
    for _, sql in plain:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.close()


def week_of_edits(path: Path, visits: int = 10) -> None:
    """What an adviser records in a typical week, through the workspace's own editor: for
    each of ten visits in progress its date, every agenda note, the checklist, two action points and
    the strengths."""
    store = open_store(path)
    editor = VisitEditor(store)
    try:
        with store.session() as s:
            ids = s.scalars(select(Visit.id).where(Visit.state == "in_progress")
                            .order_by(Visit.id).limit(visits)).all()
            notes = {v: s.execute(select(AgendaNote.item_key, AgendaNote.text)
                                  .where(AgendaNote.visit_id == v)).all() for v in ids}
            ticks = {v: s.scalars(select(ChecklistTick.item_key)
                                  .where(ChecklistTick.visit_id == v)).all() for v in ids}
        for visit_id in ids:
            editor.set_visit_date(visit_id, TODAY)
            for key, text in notes[visit_id]:
                editor.set_keyed(visit_id, "agenda_note", key, text=f"{text} Followed up.")
            for key in ticks[visit_id]:
                editor.set_keyed(visit_id, "checklist", key, ticked=True)
            for n in range(2):
                editor.add(visit_id, "action_point", text=f"Governors to review item {n}",
                           owner="Chair of governors")
            editor.set_statements(visit_id, "strengths", ["Leadership", "Curriculum"])
    finally:
        store.close()


def typical_exchange(county_path: Path, folder: Path, centre: Store) -> tuple[float, float]:
    """A copy of the adviser as the full exchange left it, a week of edits, and that week
    exported as changes and imported into the centre."""
    week = folder / "week.sqlite3"
    bare_copy(county_path, week)
    week_of_edits(week)
    adviser = open_store(week)
    try:
        file = folder / "week.linkadviser"
        report, t_export = timed("typical exchange: export of a week's edits",
                                 lambda: export_adviser(adviser, file))
        print(f"    {sum(report.records.values())} records, file "
              f"{file.stat().st_size / 1e3:.0f} kB")
        _, t_import = timed("typical exchange: import of that week",
                            lambda: import_file(centre, file))
    finally:
        adviser.close()
    return t_export, t_import


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=450)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--store", type=Path, help="keep the generated county here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        county_path = args.store or folder / "county.sqlite3"
        make_county(county_path, args.schools, args.years)
        centre_without_visits(county_path, folder / "centre.sqlite3")
        bare_copy(folder / "centre.sqlite3", folder / "floor.sqlite3")
        adviser, centre = open_store(county_path), open_store(folder / "centre.sqlite3")
        try:
            with adviser.session() as s:
                visits = s.scalar(select(func.count()).select_from(Visit))
            print(f"County store: {visits} visits")
            _, t_read = timed("baseline: bare sqlite3 SELECT * of the tables exported",
                              lambda: bare_read(county_path))
            _, t_copy = timed("baseline: SQLite backup copy of the whole store file",
                              lambda: bare_copy(county_path, folder / "copy.sqlite3"))
            _, t_json = timed("baseline: SQLite writing the same tables as JSON in C, deflated",
                              lambda: json_in_c(county_path))
            _, t_floor = timed("baseline: SQLite copying the same records into the centre "
                               "in C", lambda: copy_in_c(county_path, folder / "floor.sqlite3"))
            file = folder / "county.linkadviser"
            report, t_export = timed("export --all", lambda: export_adviser(
                adviser, file, everything=True))
            records = sum(report.records.values())
            print(f"    {records} records, file {file.stat().st_size / 1e6:.1f} MB")
            _, t_import = timed("import into the centre", lambda: import_file(centre, file))
            same, t_same = timed("unchanged re-import, same file",
                                 lambda: import_file(centre, file))
            assert same.already_imported
            again = folder / "again.linkadviser"
            _, t_export2 = timed("(a fresh export of the same records)", lambda: export_adviser(
                adviser, again, everything=True))
            fresh, t_fresh = timed("unchanged re-import, fresh file of the same records",
                                   lambda: import_file(centre, again))
            assert fresh.changed == 0, fresh.lines()
            with centre.engine.connect() as conn:
                arrived = conn.execute(text("SELECT count(*) FROM visits")).scalar()
            assert arrived == visits
            t_week = typical_exchange(county_path, folder, centre)
        finally:
            adviser.close()
            centre.close()
    print(f"\nexport: {t_export / t_read:.1f}x the bare read, "
          f"{t_export / t_json:.1f}x SQLite writing the JSON in C; import: "
          f"{t_import / t_copy:.1f}x the bare copy of the store, "
          f"{t_import / t_floor:.1f}x SQLite's own copy of the records in C")
    total, floor = t_export + t_import, t_json + t_floor
    print(f"\nexport + import: {total:.2f} s (goal < 3 s: {'met' if total < 3 else 'NOT met'})")
    print(f"floor for export + import, the JSON and the copy in C: {floor:.2f} s "
          f"({total / floor:.1f}x)")
    print(f"unchanged re-import (same file): {t_same:.3f} s "
          f"(goal < 0.2 s: {'met' if t_same < 0.2 else 'NOT met'})")
    print(f"unchanged re-import (fresh file, full check): {t_fresh:.2f} s; "
          f"as a ratio of the first import: {t_fresh / t_import:.2f}")
    print(f"typical exchange (a week's edits, for information): export {t_week[0]:.3f} s + "
          f"import {t_week[1]:.3f} s = {sum(t_week):.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
