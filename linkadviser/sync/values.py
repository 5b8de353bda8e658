"""Values with a closed set, checked against the programme before anything is written.

A visit's state and number, the agenda item a note is for, the checklist item a tick is for,
a section, a SEF area and grade, a QA criterion, an action point's status, a chargeable
service, a school's Ofsted grade, the kind of an imported data file, a report card's areas
and grades: each has a closed set of values (the workflow's, the programme's or the data
rules'). A value outside it would be stored, and then every screen, document and report
that looks it up would fail (a visit in state "hacked" stopped ``visits --school`` and
``render`` with a KeyError). So the file is refused, naming the member, the record, the value
and what it may be.

A visit's parts are checked against the programme the visit follows (its programme id and
version): the version the file brings, one the store keeps, or the one the store works to. A
visit following a programme neither holds is refused as well: it could not be shown.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, select

from linkadviser.data.card_codes import LONGEST_TEXT, CardCodeError, as_day, compacted
from linkadviser.errors import ProgrammeError
from linkadviser.programme import default_programme
from linkadviser.programme.loader import parse_programme
from linkadviser.programme.model import Programme
from linkadviser.store.models import Meta, ProgrammeVersion
from linkadviser.sync.errors import SyncError, refused
from linkadviser.sync.incoming import CHUNK, Incoming, one_of
from linkadviser.sync.kinds import require_kind
from linkadviser.sync.programme_source import PROGRAMME_KEY
from linkadviser.sync.records import member_name
from linkadviser.visit.content import ACTION_POINT_STATUSES
from linkadviser.visit.outline import adviser_task_key
from linkadviser.visit.workflow import STATE_LABELS

SHOWN = 12  # a closed set this small is listed in the message
ProgrammeKey = tuple[str, str]  # (programme id, version)


@dataclass(frozen=True)
class VisitScope:
    """What the parts of one visit may name, from the programme the visit follows."""

    agenda: frozenset[str]
    checklist: frozenset[str]
    sections: frozenset[str]
    criteria: frozenset[str]
    areas: frozenset[str]
    grades: frozenset[int | None]


# Visit parts: the column, the set of ``VisitScope`` it must be in, and how to say that set.
VISIT_PARTS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "agenda_notes": (("item_key", "agenda", "an agenda item of"),),
    "checklist_ticks": (("item_key", "checklist", "a checklist item or task of"),),
    "section_texts": (("section_key", "sections", "a section of"),),
    "statements": (("section_key", "sections", "a section of"),),
    "sef_grades": (("area_key", "areas", "a self-evaluation area of"),
                   ("school_grade", "grades", "a grade of"),
                   ("agreed_grade", "grades", "a grade of")),
    "qa_confirmations": (("criterion_key", "criteria", "a QA criterion of"),),
}
# Columns whose set does not depend on the programme.
FIXED: dict[tuple[str, str], tuple[Collection[Any], str]] = {
    ("visits", "state"): (frozenset(STATE_LABELS), "a state a visit can be in"),
    ("action_points", "status"): (frozenset(ACTION_POINT_STATUSES),
                                  "a status an action point can have"),
}


def check_values(conn: Connection, incoming: Incoming) -> None:
    """Refuse the file if any value with a closed set is outside it (SyncError says which)."""
    programmes = Programmes(conn, incoming)
    records = incoming.records
    for (table, column), (allowed, what) in FIXED.items():
        _check(table, column, records.get(table, ()), lambda _row, a=allowed: a, what)
    _check_visits(records.get("visits", ()), programmes)
    _check_visit_parts(conn, incoming, programmes)
    _check_whole_programme(records, programmes)
    if imports := records.get("data_imports"):
        kinds = _data_kinds()
        _check("data_imports", "kind", imports, lambda _row: kinds, "a kind of data file "
               "this app reads")
    _compact_report_cards(records.get("data_rows", ()))


def _compact_report_cards(rows: Iterable[dict[str, Any]]) -> None:
    """Check each report card's areas and write them in the compact form the store keeps.

    A file from an app before sync format 2 carries them with names, words and a date in each
    area (card_codes reads both forms), so they are converted here rather than misread."""
    for row in rows:
        outcome = row["ungraded_outcome"]
        if outcome is not None and len(outcome) > LONGEST_TEXT:
            raise _unreadable_card(row, f"an ungraded outcome of {len(outcome)} characters, "
                                        f"more than the {LONGEST_TEXT} Ofsted's fit in")
        if row["card_areas"] is None:
            continue
        try:
            row["card_areas"] = compacted(row["card_areas"], as_day(row["card_inspected_on"]))
        except CardCodeError as exc:
            raise _unreadable_card(row, str(exc)) from None


def _unreadable_card(row: dict[str, Any], why: str) -> SyncError:
    return refused(
        f"{member_name('data_rows')}: the report card of school {row['urn']!r} cannot be read "
        f"({why}). The file was altered, or made by an app version this store does not have; "
        "ask the sender to export it again")


class Programmes:
    """The programmes this file's records may follow, each parsed once."""

    def __init__(self, conn: Connection, incoming: Incoming) -> None:
        self.conn = conn
        self.known: dict[ProgrammeKey, Programme | None] = {}
        self._scopes: dict[tuple[ProgrammeKey, int, int], VisitScope] = {}
        received = conn.execute(select(Meta.value).where(Meta.key == PROGRAMME_KEY)).scalar()
        self._add(_parsed(received, "the store's programme") if received
                  else default_programme())
        if incoming.programme_text is not None:
            self._add(_parsed(incoming.programme_text, "programme.yaml"))
        for row in incoming.records.get("programme_versions", ()):
            where = (f"{member_name('programme_versions')}: programme {row['programme_id']} "
                     f"version {row['version']}")
            programme = _parsed(row["source"], where)
            if (programme.id, programme.version) != (row["programme_id"], row["version"]):
                raise refused(f"{where} holds the text of programme {programme.id} version "
                              f"{programme.version}; ask the sender to export it again")
            self._add(programme)

    def _add(self, programme: Programme) -> None:
        self.known[(programme.id, programme.version)] = programme

    def get(self, key: ProgrammeKey) -> Programme | None:
        """The programme, or None when neither the file nor the store holds it."""
        if key not in self.known:
            source = self.conn.execute(select(ProgrammeVersion.source).where(
                ProgrammeVersion.programme_id == key[0],
                ProgrammeVersion.version == key[1])).scalar()
            try:
                self.known[key] = parse_programme(source, key[0]) if source else None
            except ProgrammeError:
                self.known[key] = None
        return self.known[key]

    def loaded(self) -> list[Programme]:
        return [p for p in self.known.values() if p is not None]

    def numbers(self, key: ProgrammeKey) -> frozenset[int]:
        """The visit numbers of the programme (none when it is not known)."""
        programme = self.get(key)
        return frozenset(v.number for v in programme.visits) if programme else frozenset()

    def scope(self, key: ProgrammeKey, number: int, year: int) -> VisitScope:
        """What a visit may name (nothing when its programme or number is unknown: the
        visit itself is refused for that, so its parts need say no more). The programme is
        read as in the visit's year: self-evaluation areas and scales change with Ofsted's
        framework (report-card areas from 2025/26)."""
        if (key, number, year) not in self._scopes:
            programme = self.get(key)
            self._scopes[(key, number, year)] = _scope(programme.for_year(year), number) \
                if programme and number in self.numbers(key) else VisitScope(*(frozenset(),) * 6)
        return self._scopes[(key, number, year)]


@lru_cache(maxsize=8)
def _parse_cached(text: str) -> Programme | str:
    try:
        return parse_programme(text, "programme")
    except ProgrammeError as exc:
        return str(exc)


def _parsed(text: str, where: str) -> Programme:
    programme = _parse_cached(text)
    if isinstance(programme, str):
        raise refused(f"{where} is not a valid programme ({programme}); ask the centre to "
                      "check its programme file")
    return programme


def _scope(programme: Programme, number: int) -> VisitScope:
    visit = programme.visit(number)
    criteria = [c.key for c in visit.qa_functions]
    for kind in visit.documents:
        criteria += [c.key for c in _document_criteria(programme, kind)]
    return VisitScope(
        agenda=frozenset(i.key for i in visit.agenda),
        checklist=frozenset([i.key for i in visit.role_of_school]
                            + [adviser_task_key(i.key) for i in visit.role_of_link_adviser]),
        sections=frozenset(s.key for s in visit.sections),
        criteria=frozenset(criteria),
        areas=frozenset(a.key for a in programme.self_evaluation_areas),
        grades=frozenset([None, *(g.value for a in programme.self_evaluation_areas
                                  for g in programme.sef_scale(a))]),
    )


def _document_criteria(programme: Programme, kind: str) -> list[Any]:
    try:
        return programme.document(kind).quality_criteria
    except KeyError:
        return []


def _check_visits(rows: Iterable[dict[str, Any]], programmes: Programmes) -> None:
    rows = list(rows)
    for row in rows:
        key = (row["programme_id"], row["programme_version"])
        if programmes.get(key) is None:
            raise refused(
                f"{member_name('visits')}: visit {row['id']} follows programme {key[0]!r} "
                f"version {key[1]!r}, which neither this file nor this store holds. Ask the "
                "sender to export everything again (--all) so the programme travels with it")
    _check("visits", "visit_number", rows,
           lambda r: programmes.numbers((r["programme_id"], r["programme_version"])),
           "a visit of the programme it follows")


def _check_visit_parts(conn: Connection, incoming: Incoming, programmes: Programmes) -> None:
    parts = {t: incoming.records[t] for t in VISIT_PARTS if incoming.records.get(t)}
    if not parts:
        return
    visits = {r["id"]: (r["programme_id"], r["programme_version"], r["visit_number"],
                        r["academic_year"]) for r in incoming.records.get("visits", ())}
    wanted = {r["visit_id"] for rows in parts.values() for r in rows} - visits.keys()
    visits.update(_stored_visits(conn, wanted))
    # Each visit's scope worked out once, not once per part (a county's file has 300,000).
    scopes = {vid: programmes.scope(found[:2], found[2], found[3])
              for vid, found in visits.items()}
    for table, rows in parts.items():
        for column, field, what in VISIT_PARTS[table]:
            allowed = {vid: getattr(scope, field) for vid, scope in scopes.items()}
            _check(table, column, rows,
                   lambda row, a=allowed: a.get(row["visit_id"], frozenset()), f"{what} its visit",
                   bad=[row for row in rows
                        if row[column] not in allowed.get(row["visit_id"], ())])


def _stored_visits(conn: Connection, ids: set[str]) -> dict[str, tuple[str, str, int, int]]:
    table = require_kind("visits").table
    ordered, out = sorted(ids), {}
    for start in range(0, len(ordered), CHUNK):
        among = one_of(conn, table.c.id, ordered[start:start + CHUNK])
        for vid, pid, version, number, year in conn.execute(select(
                table.c.id, table.c.programme_id, table.c.programme_version,
                table.c.visit_number, table.c.academic_year).where(among)):
            out[vid] = (pid, version, number, year)
    return out


def _check_whole_programme(records: dict[str, list[dict[str, Any]]],
                           programmes: Programmes) -> None:
    """Values the programme lists once for every visit: chargeable services, grades."""
    loaded = programmes.loaded()
    services = frozenset(s.key for p in loaded for s in p.chargeable_services)
    _check("chargeable_services", "service_key", records.get("chargeable_services", ()),
           lambda _row: services, "a chargeable service of the programme")
    grades = frozenset([None, *(g.value for p in loaded for g in p.grades)])
    _check("schools", "ofsted_grade", records.get("schools", ()), lambda _row: grades,
           "a grade of the programme")


@lru_cache(maxsize=1)
def _data_kinds() -> frozenset[str]:
    from linkadviser.data.config import default_rules

    return frozenset(k.key for k in default_rules().kinds)


def _check(table: str, column: str, rows: Iterable[dict[str, Any]],
           allowed: Callable[[dict[str, Any]], Collection[Any]], what: str,
           bad: list[dict[str, Any]] | None = None) -> None:
    """Refuse the file if any row's ``column`` is not among what ``allowed`` gives for it.
    ``bad``: those rows, when the caller found them faster than a call per row would."""
    if bad is None:
        bad = [row for row in rows if row[column] not in allowed(row)]
    if not bad:
        return
    row, kind = bad[0], require_kind(table)
    choices = sorted(v for v in allowed(row) if v is not None)
    listed = f" (it may be {', '.join(map(repr, choices))})" if 0 < len(choices) <= SHOWN else ""
    record = table.rstrip("s").replace("_", " ")
    more = f"; {len(bad)} records are like this" if len(bad) > 1 else ""
    raise refused(
        f"{member_name(table)}: {record} {row[kind.key]} has {column} {row[column]!r}, which "
        f"is not {what}{listed}{more}. The file was altered, or made with a programme or app "
        "version this store does not have; ask the sender to export it again")
