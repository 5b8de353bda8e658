"""Which rows go into an export: the partner's share, changed since the last exchange.

One selection serves both directions. An adviser sends everything they keep except what the
centre owns; the centre sends one adviser the schools assigned to them and all that hangs off
those schools. Either way, the content of a confidential visit (visit 4, a matter for the
governors) stays where it is unless the programme says it may travel: only the visit record
itself (that it took place, and when) goes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    func,
    or_,
    select,
    true,
    union_all,
)

from linkadviser.store.base import Base
from linkadviser.store.models_sync import SyncArrival, SyncTombstone
from linkadviser.sync.fetch import fetch_values
from linkadviser.sync.kinds import Kind, change_log_table
from linkadviser.sync.records import (
    DELETIONS,
    columns_of,
    encode_deletion,
    encode_lines,
    encode_rows,
    encode_tuples,
    join_lines,
    member_name,
)

Progress = Callable[[str], None]
Sink = Callable[[str, bytes], None]
FEW_LOG_ENTRIES = 2000  # up to this many new audit entries, each is looked up (see _one_of)


@dataclass(frozen=True)
class Selection:
    kinds: tuple[Kind, ...]
    school_ids: frozenset[str] | None = None  # None: every school
    since: datetime | None = None  # None: everything, whatever its age
    since_log_seq: int = 0
    hidden_visit_numbers: frozenset[int] = frozenset()
    # Schools new to the partner since the last exchange: all they hold goes, however old.
    fresh_school_ids: frozenset[str] = frozenset()


@dataclass
class Selected:
    members: dict[str, bytes]  # member name -> its JSON Lines
    counts: dict[str, int]  # kind name (or "deletions") -> records
    max_log_seq: int
    withheld_visits: int = 0  # confidential visits sent without their content


def _tables() -> dict[str, Table]:
    return Base.metadata.tables


def _hidden_visits(sel: Selection) -> Select | None:
    if not sel.hidden_visit_numbers:
        return None
    visits = _tables()["visits"]
    return select(visits.c.id).where(visits.c.visit_number.in_(sorted(sel.hidden_visit_numbers)))


def _of_schools(kind: Kind, ids: list[str]) -> ColumnElement[bool] | None:
    """The rows of one table that belong to these schools (None: not a school's records)."""
    table = kind.table
    schools, visits = _tables()["schools"], _tables()["visits"]
    if table.name == "schools":
        # with the schools they replaced (an academy's school before it converted), so the
        # adviser's school page can name the old school though it was never theirs
        replaced = select(schools.c.predecessor_urn).where(
            schools.c.id.in_(ids), schools.c.predecessor_urn.is_not(None))
        return table.c.id.in_(ids) | table.c.urn.in_(replaced)
    if "school_id" in table.c:
        return table.c.school_id.in_(ids)
    if "visit_id" in table.c:
        return table.c.visit_id.in_(select(visits.c.id).where(visits.c.school_id.in_(ids)))
    if kind.parent and "urn" in table.c:
        # Figures for other schools stay at the centre; authority and England rows go.
        urns = select(schools.c.urn).where(schools.c.id.in_(ids))
        return table.c.urn.is_(None) | table.c.urn.in_(urns)
    return None


def _scope(kind: Kind, sel: Selection) -> ColumnElement[bool]:
    """The rows of one table that belong to this partner, whatever their age."""
    clause: ColumnElement[bool] = true()
    schools = _of_schools(kind, sorted(sel.school_ids or ()))
    if sel.school_ids is not None and schools is not None:
        clause &= schools
    hidden = _hidden_visits(sel)
    if hidden is not None and "visit_id" in kind.table.c:
        clause &= kind.table.c.visit_id.not_in(hidden)
    return clause


def changed_since(table: Table | type, since: datetime) -> ColumnElement[bool]:
    """Changed here, or arrived here from elsewhere, after ``since`` (this store's clock)."""
    table = getattr(table, "__table__", table)
    arrived = select(SyncArrival.record_id).where(
        SyncArrival.table_name == table.name, SyncArrival.arrived_at > since)
    return (table.c.modified_at > since) | table.c.id.in_(arrived)


def _changed(kind: Kind, sel: Selection) -> ColumnElement[bool]:
    since = sel.since
    if since is None or not kind.synced:
        return true()
    clause = changed_since(kind.table, since)
    fresh = _of_schools(kind, sorted(sel.fresh_school_ids))
    if sel.fresh_school_ids and fresh is not None:
        clause |= fresh
    return clause


def select_rows(conn: Connection, sel: Selection, progress: Progress | None = None,
                sink: Sink | None = None) -> Selected:
    """Every member of the file for this selection. Each is handed to ``sink`` the moment it
    is made, so the file's writer can deflate one table while the next is being read."""
    selected = Selected(members={}, counts={}, max_log_seq=sel.since_log_seq)

    def made(name: str, data: bytes, count: int) -> None:
        member = DELETIONS if name == "deletions" else member_name(name)
        selected.members[member], selected.counts[name] = data, count
        if sink:
            sink(member, data)

    parents = {_parent_of(k) for k in sel.kinds if k.parent}
    exported: dict[str, list] = {}
    for kind in sel.kinds:
        if progress:
            progress(kind.name)
        columns = columns_of(kind.name)
        where = [_scope(kind, sel), _changed(kind, sel)]
        if kind.parent:
            where.append(kind.table.c[kind.parent].in_(exported.get(_parent_of(kind), [])))
            rows, processors = fetch_values(conn, columns, where)
            lines = sorted(encode_tuples(kind.name, rows, processors))
            made(kind.name, join_lines(lines), len(rows))
            continue
        # Sorted here, not by ORDER BY: on SQLite that walks the UUID index and fetches
        # each row out of order, which took longer than the whole encoding.
        key = [c.name for c in columns].index(kind.key)
        rows, processors = fetch_values(conn, columns, where)
        rows.sort(key=itemgetter(key))
        if kind.name in parents:
            exported[kind.name] = [r[key] for r in rows]
        if kind.name == "visits":
            number = [c.name for c in columns].index("visit_number")
            selected.withheld_visits = sum(r[number] in sel.hidden_visit_numbers for r in rows)
        made(kind.name, encode_lines(kind.name, rows, processors), len(rows))
    log_lines, selected.max_log_seq = _log(conn, sel)
    made("change_log", join_lines(log_lines), len(log_lines))
    if deletions := _deletions(conn, sel.since):
        made("deletions", join_lines(deletions), len(deletions))
    return selected


def _parent_of(kind: Kind) -> str:
    """The table a dependent kind's rows hang off (they travel when their parent does)."""
    return next(fk.column.table.name for fk in kind.table.c[kind.parent].foreign_keys)


Rows = list[tuple[Table, ColumnElement[bool]]]  # the rows of each table that match


def _in_scope(sel: Selection) -> Rows:
    return [(k.table, _scope(k, sel)) for k in sel.kinds if k.synced]


def _hidden(sel: Selection) -> Rows:
    """The hidden visits and every record belonging to them."""
    hidden = _hidden_visits(sel)
    if hidden is None:
        return []
    visits = _tables()["visits"]
    return [(visits, visits.c.id.in_(hidden)),
            *((t, t.c.visit_id.in_(hidden)) for t in _tables().values()
              if "visit_id" in t.c and "id" in t.c)]


def _one_of(record_id: ColumnElement, rows: Rows, few: bool) -> ColumnElement[bool]:
    """``record_id`` is the id of one of these rows. For a few entries each is looked up by
    its id; for many, the ids of all the rows are gathered once (a weekly exchange's log
    checked against every hidden record's id took 0.3 s; a full one the other way, longer)."""
    if few:
        return or_(*(select(t.c.id).where(t.c.id == record_id, match).exists()
                     for t, match in rows))
    return record_id.in_(union_all(*(select(t.c.id).where(match) for t, match in rows)))


def _log(conn: Connection, sel: Selection) -> tuple[list[bytes], int]:
    """The audit entries about records this partner may see (so who-changed-what travels).
    Which those are is left to the database: the ids of every record in scope and of every
    hidden one were a set of ~500,000 Python strings, built even when no entry was new."""
    log = change_log_table()
    newer = log.c.seq > sel.since_log_seq
    entries, max_seq = conn.execute(select(func.count(), func.max(log.c.seq)).where(newer)).one()
    if not entries:
        return [], sel.since_log_seq
    few = entries <= FEW_LOG_ENTRIES
    query = select(log).where(newer).order_by(log.c.seq)
    if hidden := _hidden(sel):
        query = query.where(~_one_of(log.c.record_id, hidden, few))
    if sel.school_ids is not None:
        query = query.where(_one_of(log.c.record_id, _in_scope(sel), few))
    return encode_rows("change_log", conn.execute(query).mappings()), max_seq


def _deletions(conn: Connection, since: datetime | None) -> list[bytes]:
    """Deletions carry only a table, an id and a time: no content, so all of them travel."""
    tomb = SyncTombstone.__table__
    query = select(tomb).order_by(tomb.c.table_name, tomb.c.record_id)
    if since is not None:
        query = query.where(tomb.c.recorded_at > since)
    return [encode_deletion(r["table_name"], r["record_id"], r["deleted_at"], r["device_id"])
            for r in conn.execute(query).mappings()]
