"""Who may send what: a file changes only records its sender owns (docs/sync-format.md).

The centre owns advisers, schools, academic years, caseload assignments and imported data;
an adviser owns the visits, records and chargeable services of the schools assigned to them
(in any year, so that work on a school handed on still reaches the centre). The centre may
send anything. From an adviser:

- records of a kind the centre owns are refused with the whole file (``incoming``), as are
  records of a school not assigned to them, whether the file's copy or this store's copy
  belongs to it (a record cannot be moved out of another adviser's school either);
- deletions of what they do not own are set aside, not applied, and the import report says
  which and why. Deletions are not refused with the file because every deletion travels on:
  an adviser's file echoes the centre's own deletions (a reassigned school's old assignment)
  back to it, and those must not block the adviser's work. A deletion of a record this store
  does not hold is set aside silently when its kind is the centre's (it could only leave a
  tombstone that blocks the record arriving later).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, select

from linkadviser.sync import marks
from linkadviser.sync.apply import FRESH
from linkadviser.sync.errors import refused
from linkadviser.sync.incoming import CHUNK, Incoming, one_of
from linkadviser.sync.kinds import CENTRE_OWNED, Kind, all_kinds, require_kind
from linkadviser.sync.records import member_name


@dataclass
class SetAside:
    """Deletions not applied because the sender does not own the record, by reason."""

    reasons: Counter[str] = field(default_factory=Counter)

    def add(self, reason: str) -> None:
        self.reasons[reason] += 1

    def lines(self) -> list[str]:
        if not self.reasons:
            return []
        total = sum(self.reasons.values())
        return [f"{total} deletion(s) in the file were not applied: the sender may delete only "
                "what it owns (see the sync format's 'Who sends what'):",
                *(f"  {n} {reason}" for reason, n in sorted(self.reasons.items()))]


def check_ownership(conn: Connection, incoming: Incoming) -> SetAside:
    """Refuse an adviser's records of schools not theirs; take out, and return, the deletions
    they may not make. A file from the centre passes unchanged."""
    aside = SetAside()
    if incoming.origin.role == marks.CENTRE:
        return aside
    held = _held_schools(conn, incoming.origin.adviser_id)
    schools = _Schools(conn, incoming)
    for kind in all_kinds():
        rows = incoming.records.get(kind.name)
        if rows and kind.synced and kind.name not in CENTRE_OWNED:
            _check_records(conn, kind, rows, schools, held, incoming.origin)
    incoming.deletions = [d for d in incoming.deletions
                          if _may_delete(d, schools, held, aside)]
    return aside


def _check_records(conn: Connection, kind: Kind, rows: list[dict[str, Any]],
                   schools: _Schools, held: frozenset[str], origin: marks.Party) -> None:
    ids = [r["id"] for r in rows]
    stored = schools.stored(kind, ids)
    for row in rows:
        school = schools.of_row(kind, row)
        elsewhere = stored.get(row["id"])
        for found in (school, elsewhere):
            if found is not None and found not in held:
                raise refused(
                    f"{member_name(kind.name)}: {kind.name.rstrip('s').replace('_', ' ')} "
                    f"{row['id']} belongs to {_school_name(conn, found)}, which is not assigned to "
                    f"adviser {origin.name or origin.adviser_id or 'of this file'}; an adviser "
                    "sends only the records of their own schools. Ask the centre to assign the "
                    "school, or the adviser to export again once it is")


def _may_delete(deletion: dict[str, Any], schools: _Schools, held: frozenset[str],
                aside: SetAside) -> bool:
    kind = require_kind(deletion["table"])
    what = kind.name.replace("_", " ")
    here = schools.stored(kind, [deletion["id"]])
    exists = deletion["id"] in here or schools.exists(kind, deletion["id"])
    if kind.name in CENTRE_OWNED:
        if exists:
            aside.add(f"of {what}: only the centre deletes {what}")
        return False
    school = here.get(deletion["id"])
    if school is not None and school not in held:
        aside.add(f"of {what} of schools not assigned to the sender")
        return False
    return True


class _Schools:
    """The school each record belongs to: the file's copy, and this store's copy."""

    def __init__(self, conn: Connection, incoming: Incoming) -> None:
        self.conn = conn
        self.visits = {r["id"]: r["school_id"] for r in incoming.records.get("visits", ())}
        self._stored_visits: dict[str, str] = {}
        self._known_visits({r["visit_id"] for kind in all_kinds() if "visit_id" in kind.table.c
                            for r in incoming.records.get(kind.name, ())})

    def of_row(self, kind: Kind, row: dict[str, Any]) -> str | None:
        if "school_id" in kind.table.c:
            return row["school_id"]
        if "visit_id" in kind.table.c:
            return self.visit_school(row["visit_id"])
        return None  # not a school's record (a programme version)

    def visit_school(self, visit_id: str) -> str | None:
        if visit_id in self.visits:
            return self.visits[visit_id]
        return self._stored_visits.get(visit_id)

    def _known_visits(self, ids: set[str]) -> None:
        """Look up, in one go, the schools of these visits that are not in the file."""
        wanted = sorted(ids - self.visits.keys() - self._stored_visits.keys())
        self._stored_visits.update(self._lookup(require_kind("visits").table, "school_id",
                                                wanted))

    def stored(self, kind: Kind, ids: Iterable[str]) -> dict[str, str]:
        """This store's copies of these records that belong to a school: id -> school id."""
        table = kind.table
        if "school_id" in table.c:
            return self._lookup(table, "school_id", self._candidates(table, ids))
        if "visit_id" in table.c:
            parents = self._lookup(table, "visit_id", self._candidates(table, ids))
            self._known_visits(set(parents.values()))
            return {rid: school for rid, visit in parents.items()
                    if (school := self.visit_school(visit)) is not None}
        return {}

    def exists(self, kind: Kind, record_id: str) -> bool:
        table = kind.table
        return self.conn.execute(select(table.c[kind.key])
                                 .where(table.c[kind.key] == record_id)).first() is not None

    def _candidates(self, table: Table, ids: Iterable[str]) -> list[str]:
        """The ids worth looking up: in a central merge, a table that was empty when the
        merge began holds only what earlier files of the merge wrote (see apply.batch)."""
        fresh = self.conn.info.get(FRESH, {}).get(table.name)
        return sorted(set(ids) & fresh.ids if fresh is not None else set(ids))

    def _lookup(self, table: Table, column: str, ids: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for start in range(0, len(ids), CHUNK):
            among = one_of(self.conn, table.c.id, ids[start:start + CHUNK])
            out.update((rid, value) for rid, value in self.conn.execute(
                select(table.c.id, table.c[column]).where(among)))
        return out


def _held_schools(conn: Connection, adviser_id: str) -> frozenset[str]:
    assignments = require_kind("caseload_assignments").table
    if not adviser_id:
        return frozenset()
    return frozenset(conn.execute(select(assignments.c.school_id).distinct()
                                  .where(assignments.c.adviser_id == adviser_id)).scalars())


def _school_name(conn: Connection, school_id: str) -> str:
    schools = require_kind("schools").table
    found = conn.execute(select(schools.c.urn, schools.c.name)
                         .where(schools.c.id == school_id)).first()
    return f"school {found[0]} ({found[1]})" if found else f"a school this store does not know " \
        f"(id {school_id})"
