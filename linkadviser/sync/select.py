"""Which rows go into an export: the partner's share, changed since the last exchange.

One selection serves both directions. An adviser sends everything they keep except what the
centre owns; the centre sends one adviser the schools assigned to them and all that hangs off
those schools. Either way, the content of a confidential visit (visit 4, a matter for the
governors) stays where it is unless the programme says it may travel: only the visit record
itself (that it took place, and when) goes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter

from sqlalchemy import ColumnElement, Connection, Select, Table, select, true

from linkadviser.store.base import Base
from linkadviser.store.models_sync import SyncArrival, SyncTombstone
from linkadviser.sync.kinds import Kind, change_log_table
from linkadviser.sync.records import columns_of, encode_deletion, encode_rows, encode_tuples

Progress = Callable[[str], None]


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
    lines: dict[str, list[bytes]]  # kind name -> JSON lines
    deletions: list[bytes]
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
        return table.c.id.in_(ids)
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


def select_rows(conn: Connection, sel: Selection, progress: Progress | None = None) -> Selected:
    lines: dict[str, list[bytes]] = {}
    withheld = 0
    exported: dict[str, set] = {}
    for kind in sel.kinds:
        if progress:
            progress(kind.name)
        table = kind.table
        columns = columns_of(kind.name)
        query = select(*columns).where(_scope(kind, sel), _changed(kind, sel))
        if kind.parent:
            parent = next(fk.column.table.name for fk in table.c[kind.parent].foreign_keys)
            parents = sorted(exported.get(parent, set()))
            query = query.where(table.c[kind.parent].in_(parents))
            lines[kind.name] = sorted(encode_tuples(kind.name, conn.execute(query)))
        else:
            # Sorted here, not by ORDER BY: on SQLite that walks the UUID index and fetches
            # each row out of order, which took longer than the whole encoding.
            key = [c.name for c in columns].index(kind.key)
            rows = sorted(conn.execute(query).all(), key=itemgetter(key))
            exported[kind.name] = {r[key] for r in rows}
            if kind.name == "visits":
                number = [c.name for c in columns].index("visit_number")
                withheld = sum(r[number] in sel.hidden_visit_numbers for r in rows)
            lines[kind.name] = encode_tuples(kind.name, rows)
    log_lines, max_seq = _log(conn, sel)
    lines["change_log"] = log_lines
    return Selected(lines=lines, deletions=_deletions(conn, sel.since), max_log_seq=max_seq,
                    withheld_visits=withheld)


def _ids_in_scope(conn: Connection, sel: Selection) -> Iterator[str]:
    for kind in sel.kinds:
        if kind.synced:
            yield from conn.execute(select(kind.table.c.id).where(_scope(kind, sel))).scalars()


def _hidden_ids(conn: Connection, sel: Selection) -> set[str]:
    hidden = _hidden_visits(sel)
    if hidden is None:
        return set()
    ids = set(conn.execute(hidden).scalars())
    for table in _tables().values():
        if "visit_id" in table.c and "id" in table.c:
            ids.update(conn.execute(select(table.c.id).where(table.c.visit_id.in_(hidden)))
                       .scalars())
    return ids


def _log(conn: Connection, sel: Selection) -> tuple[list[bytes], int]:
    """The audit entries about records this partner may see (so who-changed-what travels)."""
    log = change_log_table()
    rows = conn.execute(select(log).where(log.c.seq > sel.since_log_seq).order_by(log.c.seq)
                        ).mappings().all()
    max_seq = max((r["seq"] for r in rows), default=sel.since_log_seq)
    hidden = _hidden_ids(conn, sel)
    allowed = set(_ids_in_scope(conn, sel)) if sel.school_ids is not None else None
    kept = [r for r in rows if r["record_id"] not in hidden
            and (allowed is None or r["record_id"] in allowed)]
    return encode_rows("change_log", kept), max_seq


def _deletions(conn: Connection, since: datetime | None) -> list[bytes]:
    """Deletions carry only a table, an id and a time: no content, so all of them travel."""
    tomb = SyncTombstone.__table__
    query = select(tomb).order_by(tomb.c.table_name, tomb.c.record_id)
    if since is not None:
        query = query.where(tomb.c.recorded_at > since)
    return [encode_deletion(r["table_name"], r["record_id"], r["deleted_at"], r["device_id"])
            for r in conn.execute(query).mappings()]
