"""Who sends what: a file changes only records its sender owns (docs/sync-format.md).

The centre owns advisers, schools, academic years, caseload assignments and imported data;
an adviser owns the visits, records and chargeable services of the schools assigned to them
(in any year, so that work on a school handed on still reaches the centre). The centre may
send anything. From an adviser:

- records of a kind the centre owns refuse the whole file (``incoming``): an adviser's export
  never carries them, so such a file was altered;
- records of a school not assigned to them (the file's copy or this store's copy: a record
  cannot be moved out of a colleague's school either) are not applied but kept apart as
  conflicts for review (rule ``NOT_THE_SENDERS``), and the rest of the file is applied. A
  school reassigned mid-year leaves its former adviser with work on it in their next file;
  refusing the whole file would block all their other work until the centre acts, and
  dropping the records would lose that work: kept for review, nothing is lost or applied;
- deletions of what they do not own are set aside: not applied, no tombstone kept. Every
  deletion travels on, so an adviser's file echoes the centre's own deletions (a reassigned
  school's old assignment) back to it. A deletion of a centre-owned record this store does not
  hold is set aside silently (it could only leave a tombstone stopping the record arriving).

The import report says what was set aside, how many and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, select

from linkadviser.sync import marks
from linkadviser.sync.apply import FRESH
from linkadviser.sync.incoming import CHUNK, Incoming, one_of
from linkadviser.sync.kinds import CENTRE_OWNED, Kind, all_kinds, require_kind
from linkadviser.words import count


@dataclass
class SetAside:
    """What was not applied because the sender does not own it, counted by reason."""

    reasons: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, what: str, why: str, n: int = 1) -> None:
        """``n`` of ``what`` (one, singular: "deletion") set aside ``why`` ("of visits of
        schools not assigned to the sender"), reported as "2 deletions of visits of ..."."""
        self.reasons[what, why] += n

    def lines(self) -> list[str]:
        if not self.reasons:
            return []
        return ["Not applied: the sender may change or delete only what it owns (see the "
                "sync format's 'Who sends what'):",
                *(f"  {count(n, what)} {why}" for (what, why), n in sorted(self.reasons.items()))]


def check_ownership(conn: Connection, incoming: Incoming) -> SetAside:
    """Mark an adviser's records of schools not theirs to be kept apart, take out the
    deletions they may not make, and say so. A file from the centre passes unchanged."""
    aside = SetAside()
    if incoming.origin.role == marks.CENTRE:
        return aside
    held = _held_schools(conn, incoming.origin.adviser_id)
    schools = _Schools(conn, incoming)
    by_school: Counter[str] = Counter()
    for kind in all_kinds():
        rows = incoming.records.get(kind.name)
        if rows and kind.synced and kind.name not in CENTRE_OWNED:
            if ids := _not_owned(kind, rows, schools, held, by_school):
                incoming.not_owned[kind.name] = ids
    for school, n in by_school.items():
        aside.add("record", f"of {_school_name(conn, school)}, not assigned to the sender: "
                  "kept for review as conflicts", n)
    incoming.deletions = [d for d in incoming.deletions
                          if _may_delete(d, schools, held, aside)]
    return aside


def _not_owned(kind: Kind, rows: list[dict[str, Any]], schools: _Schools,
               held: frozenset[str], by_school: Counter[str]) -> set[Any]:
    """The ids of records belonging (in the file or here) to a school the sender lacks.
    Written as set operations: this runs over every record of a county's file."""
    column = school_column(kind)
    if column is None:
        return set()  # not a school's record (a programme version)
    if column == "school_id":
        school_of = {r["id"]: r["school_id"] for r in rows if r["school_id"] not in held}
    else:
        foreign = schools.foreign_visits(held)
        school_of = {r["id"]: foreign[r["visit_id"]] for r in rows
                     if r["visit_id"] in foreign} if foreign else {}
    for rid, school in schools.stored(kind, map(itemgetter("id"), rows)).items():
        if school not in held:
            school_of.setdefault(rid, school)
    by_school.update(school_of.values())
    return set(school_of)


@cache
def school_column(kind: Kind) -> str | None:
    """The column that ties a record to its school: its own, or its visit's."""
    columns = kind.table.c
    return "school_id" if "school_id" in columns else "visit_id" if "visit_id" in columns \
        else None


def _may_delete(deletion: dict[str, Any], schools: _Schools, held: frozenset[str],
                aside: SetAside) -> bool:
    kind = require_kind(deletion["table"])
    what = kind.name.replace("_", " ")
    if kind.name in CENTRE_OWNED:
        if schools.exists(kind, deletion["id"]):
            aside.add("deletion", f"of {what}: only the centre deletes {what}")
        return False
    school = schools.stored(kind, [deletion["id"]]).get(deletion["id"])
    if school is not None and school not in held:
        aside.add("deletion", f"of {what} of schools not assigned to the sender")
        return False
    return True


class _Schools:
    """The school each record belongs to: the file's copy, and this store's copy."""

    def __init__(self, conn: Connection, incoming: Incoming) -> None:
        self.conn = conn
        self.visits = {r["id"]: r["school_id"] for r in incoming.records.get("visits", ())}
        self._stored_visits: dict[str, str] = {}
        self._known_visits(set().union(*(map(itemgetter("visit_id"), incoming.records.get(
            kind.name, ())) for kind in all_kinds() if "visit_id" in kind.table.c)))

    def foreign_visits(self, held: frozenset[str]) -> dict[str, str]:
        """The visits whose copy in the file or here is of a school not in ``held``: visit
        id -> that school."""
        return {v: school for v, school in [*self._stored_visits.items(),
                                            *self.visits.items()] if school not in held}

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
        table, column = kind.table, school_column(kind)
        if column is None or self._empty(table):
            return {}
        found = self._lookup(table, column, self._candidates(table, ids))
        if column == "school_id":
            return found
        self._known_visits(set(found.values()))
        return {rid: school for rid, visit in found.items()
                if (school := self.visit_school(visit)) is not None}

    def _empty(self, table: Table) -> bool:
        return self.conn.execute(select(table.c.id).limit(1)).first() is None

    def exists(self, kind: Kind, record_id: str) -> bool:
        table = kind.table
        return self.conn.execute(select(table.c[kind.key])
                                 .where(table.c[kind.key] == record_id)).first() is not None

    def _candidates(self, table: Table, ids: Iterable[str]) -> list[str]:
        """The ids worth looking up: in a central merge, a table that was empty when the
        merge began holds only what earlier files of the merge wrote (see apply.batch)."""
        fresh = self.conn.info.get(FRESH, {}).get(table.name)
        return sorted(fresh.ids.intersection(ids) if fresh is not None else set(ids))

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
