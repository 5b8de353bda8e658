"""Builders for sync tests: a central store with two advisers, visits, files to tamper with."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select, text

from linkadviser.programme import default_programme
from linkadviser.store.base import Base
from linkadviser.store.db import Store, open_store
from linkadviser.store.models import (
    AcademicYear,
    ActionPoint,
    Adviser,
    AgendaNote,
    CaseloadAssignment,
    Objective,
    School,
    SectionText,
    SignedVersion,
    Target,
    Visit,
)
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.importer import import_file
from linkadviser.visit.content import canonical_json, fingerprint_of

YEAR = 2026


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, in a stable order: equal dumps mean an unchanged store."""
    out = {}
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            rows = conn.execute(select(table)).all()
            out[table.name] = sorted(tuple(map(repr, r)) for r in rows)
        out["alembic"] = conn.execute(text("SELECT * FROM alembic_version")).all()
    return out


def new_store(path: Path) -> Store:
    """An empty, migrated store with its own device id (a copy of the run's template store:
    tests/store_template.py)."""
    return open_store(path)


def new_central(path: Path) -> tuple[Store, dict[str, str]]:
    """A centre with advisers Ann (schools 1, 2) and Ben (school 3), and school 4 unassigned."""
    store = new_store(path)
    ids: dict[str, str] = {}
    with store.transaction() as s:
        s.add_all([AcademicYear(start_year=YEAR - 1), AcademicYear(start_year=YEAR)])
        ann = Adviser(name="Ann Adviser", email="ann@example.org")
        ben = Adviser(name="Ben Adviser", email="ben@example.org")
        s.add_all([ann, ben])
        schools = [School(urn=100000 + n, name=f"School {n}", phase="secondary")
                   for n in range(1, 5)]
        s.add_all(schools)
        s.flush()
        for school, who in zip(schools[:3], [ann, ann, ben], strict=True):
            s.add(CaseloadAssignment(school_id=school.id, adviser_id=who.id, academic_year=YEAR))
        ids.update(ann=ann.id, ben=ben.id, **{f"s{n}": sc.id for n, sc in enumerate(schools, 1)})
    return store, ids


def add_visit(store: Store, school_id: str, number: int, note: str = "note",
              state: str = "in_progress", year: int = YEAR) -> str:
    """A visit of the bundled programme with a note on its first agenda item, its first
    text section, an action point and a target (and an objective for visit 4)."""
    programme = default_programme()
    definition = programme.visit(number)
    section = next(s.key for s in definition.sections if s.kind == "text")
    with store.transaction() as s:
        visit = Visit(school_id=school_id, academic_year=year, visit_number=number,
                      programme_id=programme.id, programme_version=programme.version,
                      state=state, visit_date=date(year, 10, 1))
        s.add(visit)
        s.flush()
        s.add(AgendaNote(visit_id=visit.id, item_key=definition.agenda[0].key, text=note))
        s.add(SectionText(visit_id=visit.id, section_key=section, text=f"{note} rationale"))
        s.add(ActionPoint(visit_id=visit.id, school_id=school_id, text=f"{note} action",
                          due_date=date(year + 1, 1, 1)))
        s.add(Target(visit_id=visit.id, school_id=school_id, for_year=year, measure="P8",
                     baseline=0.1, target=0.3, reasoning=note))
        if number == 4:
            s.add(Objective(visit_id=visit.id, text=f"{note} objective", monitoring="termly"))
        if state == "signed":
            visit.signed_version = 1
            s.add(signed_version(visit.id, 1, {"n": note}, datetime(year, 10, 2)))
        return visit.id


def signed_version(visit_id: str, version: int, content: object,
                   signed_at: datetime) -> SignedVersion:
    """A signed version whose fingerprint is its content's, as signing makes it."""
    return SignedVersion(visit_id=visit_id, version=version, content_json=canonical_json(content),
                         fingerprint=fingerprint_of(content), signed_at=signed_at)




def rezip(src: Path, dst: Path, members: dict[str, bytes | None],
          manifest: bytes | None = None) -> None:
    """Copy a sync file changing, adding (bytes) or dropping (None) members as given."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in members:
                continue
            data = zin.read(info)
            if info.filename == "manifest.json" and manifest is not None:
                data = manifest
            zout.writestr(info.filename, data)
        for name, data in members.items():
            if data is not None:
                zout.writestr(name, data)


def read_member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


class Exchange:
    """The three stores and the files between them."""

    def __init__(self, tmp_path, central):
        self.tmp, (self.centre, self.ids) = tmp_path, central
        self.ann = new_store(tmp_path / "ann.sqlite3")
        self.ben = new_store(tmp_path / "ben.sqlite3")
        self.n = 0

    def _file(self, name: str):
        self.n += 1
        return self.tmp / f"{self.n:02d}-{name}.zip"

    def to_adviser(self, who: str, store, everything: bool = False):
        path = self._file(f"to-{who}")
        export_central(self.centre, path, f"{who}@example.org", everything=everything)
        return import_file(store, path)

    def to_centre(self, store, everything: bool = False):
        path = self._file("to-centre")
        export_adviser(store, path, everything=everything)
        return import_file(self.centre, path)

    def close(self):
        self.ann.close()
        self.ben.close()


Lines = list[dict]


def forge(src: Path, dst: Path, changes: dict[str, Callable[[Lines], Lines]]) -> Path:
    """Copy a sync file with some members' records changed (a member absent starts empty),
    the manifest's checksums, sizes and counts made to match: a crafted file that only the
    checks past the checksums can refuse."""
    manifest = json.loads(read_member(src, "manifest.json"))
    entries = {m["name"]: m for m in manifest["members"]}
    members: dict[str, bytes | None] = {}
    for name, change in changes.items():
        old = read_member(src, name).decode() if name in entries else ""
        records = change([json.loads(line) for line in old.splitlines()])
        body = b"".join(json.dumps(r, sort_keys=True).encode() + b"\n" for r in records)
        members[name] = body
        entries[name] = {"name": name, "records": len(records), "size": len(body),
                         "sha256": hashlib.sha256(body).hexdigest()}
    manifest["members"] = sorted(entries.values(), key=lambda m: m["name"])
    rezip(src, dst, members, manifest=json.dumps(manifest).encode())
    return dst


def each(change: Callable[[dict], None]) -> Callable[[Lines], Lines]:
    """A ``forge`` change applying ``change`` to every record of the member."""
    def apply(records: Lines) -> Lines:
        for record in records:
            change(record)
        return records
    return apply
