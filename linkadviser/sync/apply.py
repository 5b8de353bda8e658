"""Applying checked records to the store, inside the one transaction the importer holds.

Work is done table by table in bulk (one query to fetch what the store has, one to insert,
one to update), because a county's file is hundreds of thousands of records and the adviser
waits for it. Every record that is not applied as it came is recorded as a conflict.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.schema import CreateIndex, DropIndex

from linkadviser.store.bulk import insert_many
from linkadviser.store.models_sync import SyncArrival, SyncConflict, SyncPartner, SyncTombstone
from linkadviser.sync import rules
from linkadviser.sync.fetch import fetch_records, fetch_values
from linkadviser.sync.incoming import CHUNK, Incoming, group_by, one_of
from linkadviser.sync.kinds import IMMUTABLE, Kind, all_kinds, change_log_table, require_kind
from linkadviser.sync.records import encode_rows, log_entry_id
from linkadviser.visit.content import fingerprint_of

Progress = Callable[[int, int, str], None]
WHOLE_TABLE_FROM = 20_000  # asked for more records than this, read the table in one pass
REBUILD_FROM = 1_000  # inserting this many rows into an empty table, rebuild its indexes after
ASIDE = "linkadviser.indexes_aside"  # in Connection.info: tables whose indexes are set aside
FRESH = "linkadviser.fresh_ids"  # in Connection.info during a batch: ids it wrote, by table


@dataclass
class Conflict:
    table: str
    record_id: str
    kind: str
    kept: str  # "here", "incoming" or "deletion"
    local: dict[str, Any] | None
    incoming: dict[str, Any] | None
    where: str = ""  # the school and visit it belongs to, once the importer has looked

    @property
    def message(self) -> str:
        return rules.MESSAGES[self.kind]


@dataclass
class Applied:
    tally: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    conflicts: list[Conflict] = field(default_factory=list)


def _chunks(values: Iterable[Any]) -> Iterable[list[Any]]:
    ordered = sorted(values)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start:start + CHUNK]


class Applier:
    def __init__(self, conn: Connection, incoming: Incoming, partner: str,
                 last_import: datetime | None, last_export: datetime | None, now: datetime,
                 progress: Progress | None = None) -> None:
        self.conn, self.incoming, self.partner, self.now = conn, incoming, partner, now
        self.last_import, self.last_export = last_import, last_export
        self.progress = progress
        self.result = Applied()
        self.accepted: dict[str, set[Any]] = defaultdict(set)  # applied as they came
        self.arrived: dict[str, list[Any]] = defaultdict(list)  # ... older than a partner mark
        self.horizon: datetime | None = None
        self.apart: dict[str, set[Any]] = defaultdict(set)  # kept out (children follow)
        self.frozen: dict[str, int] = {}
        self.deleted: dict[str, dict[Any, datetime]] | None = None  # tombstones, by table

    # -- the whole run --------------------------------------------------------------------

    def run(self) -> Applied:
        partners = SyncPartner.__table__
        self.horizon = self.conn.execute(select(func.max(partners.c.last_export_at))).scalar()
        visits = _t("visits")
        # Read with the driver's cursor: in a central merge the store's signed visits grow
        # to thousands, read again for each file, and SQLAlchemy's rows cost more than that.
        self.frozen = dict(fetch_values(self.conn, [visits.c.id, visits.c.signed_version],
                                        [visits.c.state == "signed"]).rows)
        kinds = [k for k in all_kinds() if self.incoming.records.get(k.name)]
        steps = len(kinds) + 3
        for n, kind in enumerate(kinds, start=1):
            self._report(n, steps, f"Applying {kind.name.replace('_', ' ')}")
            rows = self.incoming.records[kind.name]
            if kind.parent:
                self._dependents(kind, rows)
            elif not kind.synced:
                self._by_natural_key(kind, rows)
            else:
                self._synced(kind, rows)
        self._report(steps - 2, steps, "Applying the audit trail")
        self._change_log()
        self._report(steps - 1, steps, "Applying deletions")
        self._deletions()
        self._save_conflicts()
        self._save_arrivals()
        return self.result

    def _report(self, done: int, total: int, text: str) -> None:
        if self.progress:
            self.progress(done, total, text)

    # -- records with a UUID --------------------------------------------------------------

    def _synced(self, kind: Kind, rows: list[dict[str, Any]]) -> None:
        table, tally = kind.table, self.result.tally[kind.name]
        fresh = self._written(kind.name)
        ids = map(itemgetter("id"), rows)
        local = self._fetch(table, ids if fresh is None else fresh.ids.intersection(ids))
        gone = self._tombstones(kind.name, [r["id"] for r in rows if r["id"] not in local])
        ctx = rules.Context(self.last_import, self.last_export, frozenset(self.frozen))
        inserts, updates = [], []
        not_owned = self.incoming.not_owned.get(kind.name, ())
        for row in rows:
            rid, here = row["id"], local.get(row["id"])
            if rid in not_owned:
                self._apart(kind, rules.NOT_THE_SENDERS, here, row, kept="refused")
            elif self._orphan(kind, row):
                self._apart(kind, rules.PARENT_APART, here, row)
            elif here is None and rid in gone and gone[rid] >= row["modified_at"]:
                self._apart(kind, rules.DELETED_HERE, None, row, kept="deletion")
            elif here is None and row.get("visit_id") in self.frozen \
                    and kind.name not in IMMUTABLE:
                self._apart(kind, rules.SIGNED_EDIT, None, row)
            elif here is None:
                inserts.append(row)
            else:
                decision = rules.decide(kind, here, row, ctx)
                taken = decision.action == rules.TAKE
                if decision.conflict:
                    self._conflict(kind, decision.conflict, here, row,
                                   "incoming" if taken else "here")
                if taken:
                    updates.append(row)
                tally["unchanged" if decision.action == rules.SAME else
                      "updated" if taken else "kept here"] += 1
        # A table the batch found empty holds only what it wrote since (see ``batch``).
        if local or (bool(fresh.ids) if fresh is not None else not _empty(self.conn, table)):
            inserts = self._without_clashes(kind, inserts)
        bulk_insert(self.conn, table, inserts)
        if updates:
            self.conn.execute(_update_statement(kind), [_prefixed(r) for r in updates])
        tally["added"] += len(inserts)
        self.accepted[kind.name].update(map(itemgetter("id"), inserts),
                                        map(itemgetter("id"), updates))
        if fresh is not None:
            fresh.note(table, inserts, updates)
        self._arrived(kind.name, ((r["id"], r["modified_at"]) for r in inserts + updates))
        if kind.name == "visits":
            self._unfreeze(updates)

    def _unfreeze(self, updates: list[dict[str, Any]]) -> None:
        """A visit re-signed or opened for amendment there takes its parts from there too."""
        for row in updates:
            version = self.frozen.get(row["id"])
            if version is not None and (row["state"] != "signed" or
                                        row["signed_version"] > version):
                del self.frozen[row["id"]]

    def _orphan(self, kind: Kind, row: dict[str, Any]) -> bool:
        return bool(self.apart) and any(
            row[fk.parent.name] in self.apart.get(fk.column.table.name, ())
            for fk in kind.table.foreign_keys)

    def _without_clashes(self, kind: Kind, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """New records that would duplicate one already here (same school/year/visit number,
        same signed version number) are kept apart rather than failing the import."""
        for columns in _unique_keys(kind.table):
            if not rows:
                break
            here = self._local_keys(kind.table, columns, rows)
            if not here:
                continue  # nothing here to clash with (most keys of a merge's new records)
            kept = []
            for row in rows:
                other = here.get(tuple(row[c] for c in columns))
                if other is not None and other != row["id"]:
                    local = self._fetch(kind.table, [other])[other]
                    if not rules.differs(kind, local, row):
                        self.result.tally[kind.name]["unchanged"] += 1
                        continue  # the same record made in two places: nothing to review
                    name = rules.SIGNED_TWICE if kind.name in IMMUTABLE else rules.CREATED_TWICE
                    self._apart(kind, name, local, row)
                else:
                    kept.append(row)
            rows = kept
        return rows

    def _local_keys(self, table: Table, columns: tuple[str, ...],
                    rows: list[dict[str, Any]]) -> dict[tuple, Any]:
        first = table.c[columns[0]]
        values = {r[columns[0]] for r in rows if r[columns[0]] is not None}
        if (fresh := self._written(table.name)) is not None:
            values &= fresh.leading[columns[0]]
        out = {}
        for among in self._among(first, values):
            query = select(table.c.id, *(table.c[c] for c in columns)).where(among)
            for found in self.conn.execute(query):
                out[tuple(found[1:])] = found[0]
        return out

    def _written(self, table_name: str) -> Written | None:
        """What the batch this file is part of wrote into the table, if it found it empty."""
        return self.conn.info.get(FRESH, {}).get(table_name)

    def _fetch(self, table: Table, ids: Iterable[Any]) -> dict[Any, dict[str, Any]]:
        """This store's copies of these records (one scan when most of the table is asked)."""
        wanted = set(ids)
        if not wanted or _empty(self.conn, table):
            return {}
        if len(wanted) > WHOLE_TABLE_FROM:
            rows = fetch_records(self.conn, table, keep=wanted.__contains__)
        else:
            rows = [row for among in self._among(table.c.id, wanted)
                    for row in fetch_records(self.conn, table, [among])]
        return {row["id"]: row for row in rows}

    def _among(self, column: Any, values: Iterable[Any]) -> Iterator[ColumnElement[bool]]:
        """``column`` among ``values``, a chunk at a time (see ``incoming.one_of``)."""
        for chunk in _chunks(values):
            yield one_of(self.conn, column, chunk)

    def _tombstones(self, table_name: str, ids: list[Any]) -> dict[Any, datetime]:
        """Deletions here of records arriving (few: deletions are rare, so all of them are
        read in one query for the whole file, not one per table: on PostgreSQL each query
        was a round trip, 14 per file). Read before this file's own deletions are applied."""
        if self.deleted is None:
            tomb = SyncTombstone.__table__
            self.deleted = defaultdict(dict)
            for table, rid, when in self.conn.execute(
                    select(tomb.c.table_name, tomb.c.record_id, tomb.c.deleted_at)):
                self.deleted[table][rid] = when
        here = self.deleted.get(table_name, {})
        return {rid: here[rid] for rid in ids if rid in here}

    # -- conflicts ------------------------------------------------------------------------

    def _apart(self, kind: Kind, name: str, local: dict[str, Any] | None,
               row: dict[str, Any], kept: str = "here") -> None:
        self.apart[kind.name].add(row[kind.key])
        self.result.tally[kind.name]["kept apart"] += 1
        self._conflict(kind, name, local, row, kept)

    def _conflict(self, kind: Kind, name: str, local: dict[str, Any] | None,
                  incoming: dict[str, Any] | None, kept: str) -> None:
        record_id = (incoming or local or {}).get(kind.key)
        self.result.conflicts.append(Conflict(kind.name, str(record_id), name, kept, local,
                                              incoming))

    def _save_conflicts(self) -> None:
        table = SyncConflict.__table__
        rows = {}
        for c in self.result.conflicts:
            local_json = _as_json(c.table, c.local)
            incoming_json = _as_json(c.table, c.incoming)
            cid = fingerprint_of([c.table, c.record_id, c.kind, incoming_json])
            rows[cid] = {"id": cid, "detected_at": self.now, "partner_device_id": self.partner,
                         "table_name": c.table, "record_id": c.record_id, "kind": c.kind,
                         "kept": c.kept, "local_json": local_json,
                         "incoming_json": incoming_json, "message": c.message,
                         "reviewed": False}
        known = set()
        for among in self._among(table.c.id, rows):
            known.update(self.conn.execute(select(table.c.id).where(among)).scalars())
        new = [row for cid, row in rows.items() if cid not in known]
        bulk_insert(self.conn, table, new)

    # -- records without a UUID -----------------------------------------------------------

    def _by_natural_key(self, kind: Kind, rows: list[dict[str, Any]]) -> None:
        column = kind.table.c[kind.key]
        wanted = {r[kind.key] for r in rows}
        have = {v for among in self._among(column, wanted)
                for v in self.conn.execute(select(column).where(among)).scalars()}
        new = [r for r in rows if r[kind.key] not in have]
        bulk_insert(self.conn, kind.table, new)
        self.result.tally[kind.name]["added"] += len(new)
        self.result.tally[kind.name]["unchanged"] += len(rows) - len(new)

    def _dependents(self, kind: Kind, rows: list[dict[str, Any]]) -> None:
        """Figures travel with their parent: a parent taken brings its figures, replacing ours."""
        parent_table = next(fk.column.table.name for fk in kind.table.c[kind.parent].foreign_keys)
        taken = self.accepted.get(parent_table, set())
        by_parent = group_by(rows, kind.parent)
        parents = [p for p in by_parent if p in taken]
        column = kind.table.c[kind.parent]
        for among in self._among(column, parents):
            self.conn.execute(delete(kind.table).where(among))
        new = [row for p in parents for row in by_parent[p]]
        bulk_insert(self.conn, kind.table, new)
        self.result.tally[kind.name]["added"] += len(new)
        self.result.tally[kind.name]["unchanged"] += len(rows) - len(new)

    def _change_log(self) -> None:
        entries = self.incoming.change_log
        if not entries:
            return
        log = change_log_table()
        have = set()
        for among in self._among(log.c.record_id, {e["record_id"] for e in entries}):
            for row in self.conn.execute(select(log).where(among)).mappings():
                have.add(log_entry_id(row))
        new = [{k: v for k, v in e.items() if k != "entry"} for e in entries
               if log_entry_id(e) not in have]
        bulk_insert(self.conn, log, new)
        self.result.tally["change_log"]["added"] += len(new)
        self.result.tally["change_log"]["unchanged"] += len(entries) - len(new)

    # -- deletions ------------------------------------------------------------------------

    def _deletions(self) -> None:
        tomb = SyncTombstone.__table__
        for d in self.incoming.deletions:
            kind = require_kind(d["table"])
            if not kind.synced:
                continue
            here = self._fetch(kind.table, [d["id"]]).get(d["id"])
            if here is not None and not self._delete(kind, here, d):
                continue
            key = (tomb.c.table_name == d["table"]) & (tomb.c.record_id == d["id"])
            self.conn.execute(delete(tomb).where(key))
            self.conn.execute(insert(tomb), {"table_name": d["table"], "record_id": d["id"],
                                             "deleted_at": d["deleted_at"],
                                             "device_id": d["device_id"], "recorded_at": self.now})

    def _delete(self, kind: Kind, here: dict[str, Any], d: dict[str, Any]) -> bool:
        tally = self.result.tally[kind.name]
        signed = kind.name in IMMUTABLE or here.get("visit_id") in self.frozen or (
            kind.name == "visits" and here["signed_version"] > 0)
        if signed or here["modified_at"] > d["deleted_at"]:
            self._conflict(kind, rules.SIGNED_EDIT if signed else rules.EDITED_HERE, here,
                           None, "here")
            tally["kept here"] += 1
            return False
        savepoint = self.conn.begin_nested()
        try:
            self.conn.execute(delete(kind.table).where(kind.table.c.id == d["id"]))
            savepoint.commit()
        except IntegrityError:
            savepoint.rollback()
            self._conflict(kind, rules.STILL_USED, here, None, "here")
            tally["kept here"] += 1
            return False
        tally["deleted"] += 1
        return True

    def _arrived(self, table: str, stamped: Iterable[tuple[Any, datetime]]) -> None:
        """Note records whose own stamp is older than some partner's last export: without the
        note they would not count as changed for that partner (see ``select.changed_since``).
        Newer ones are picked up by their stamp anyway, so a first, bulk import notes none."""
        if self.horizon is not None:
            self.arrived[table].extend(i for i, when in stamped if when <= self.horizon)

    def _save_arrivals(self) -> None:
        table = SyncArrival.__table__
        for name, ids in self.arrived.items():
            if not ids:
                continue
            for among in self._among(table.c.record_id, ids):
                self.conn.execute(delete(table).where(table.c.table_name == name, among))
            bulk_insert(self.conn, table, [{"table_name": name, "record_id": i,
                                            "arrived_at": self.now} for i in ids])


@dataclass
class Written:
    """What a batch wrote into a table that was empty when it began: the ids, and the values
    of each column that leads a unique key (the only values a new record's key can clash
    with). Both may name more than the table holds (a refused file's rows, a value since
    updated away); they only ever narrow a lookup that the store itself then answers."""

    ids: set[Any] = field(default_factory=set)
    leading: dict[str, set[Any]] = field(default_factory=lambda: defaultdict(set))

    def note(self, table: Table, inserts: list[dict[str, Any]],
             updates: list[dict[str, Any]]) -> None:
        self.ids.update(map(itemgetter("id"), inserts))
        for columns in _unique_keys(table):
            leading = itemgetter(columns[0])
            self.leading[columns[0]].update(map(leading, inserts), map(leading, updates))


@contextmanager
def batch(conn: Connection) -> Iterator[None]:
    """Many files applied one after another in one transaction (a central merge).

    The tables of records with a UUID that are empty when the batch begins can only hold
    what the batch itself wrote, so what it writes is noted (``Written``) and a file's records
    are looked up only among that: a county's merge looked up 440,000 ids on PostgreSQL
    (2.6 s) and the keys of as many records (1 s) to find none. Those tables also keep their
    plain indexes aside until the batch ends (``indexes_set_aside``)."""
    empty = [k.table for k in all_kinds() if k.synced and not k.parent
             and _empty(conn, k.table)]
    conn.info[FRESH] = {t.name: Written() for t in empty}
    try:
        with indexes_set_aside(conn, empty):
            yield
    finally:
        conn.info.pop(FRESH, None)


def _empty(conn: Connection, table: Table) -> bool:
    """No row at all (any table: figures hanging off a record have no ``id`` column)."""
    return conn.execute(select(literal(1)).select_from(table).limit(1)).first() is None


def bulk_insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many records, every row with the same columns as the first.

    SQLAlchemy's per-row parameter handling cost more than the database's own work on a
    county's file, so on SQLite the values go straight to the driver in the form SQLAlchemy
    itself stores them, and on PostgreSQL (psycopg) they go by ``COPY``: one statement
    streaming every row, where an INSERT per row was most of a central merge's time. Both run
    on the importer's connection, inside its one transaction, so all-or-nothing still holds.
    Anything else (or a column left to a computed default) goes through SQLAlchemy."""
    if not rows:
        return
    with indexes_set_aside(conn, [table] if len(rows) >= REBUILD_FROM else []):
        _insert(conn, table, rows)


@contextmanager
def indexes_set_aside(conn: Connection, tables: Iterable[Table]) -> Iterator[None]:
    """Those of ``tables`` that are empty lose their plain (non-unique) indexes while the
    block runs, and have them built again, in the same transaction, when it ends.

    Adding random UUIDs and stamps to an index one row at a time touched pages all over it;
    building it whole from the sorted column is a fraction of that (a county's first import:
    ~0.6 s of 3 s of inserts on SQLite). Unique indexes and constraints stay: they are what
    refuses a duplicate, and what the applier looks records up by. On SQLite only inside a
    transaction begun for real (``importer.writing``), so that a failure or a killed process
    rolls the dropped indexes back with everything else. A central merge sets its empty
    tables' indexes aside for all its files at once; inserts within it leave those alone."""
    aside: set[str] = conn.info.setdefault(ASIDE, set())
    in_transaction = conn.dialect.name != "sqlite" or \
        conn.connection.driver_connection.in_transaction
    tables = [t for t in tables if in_transaction and t.name not in aside and
              any(not ix.unique for ix in t.indexes) and
              _empty(conn, t)]
    plain = [ix for t in tables for ix in t.indexes if not ix.unique]
    for index in plain:
        conn.execute(DropIndex(index, if_exists=True))
    aside.update(t.name for t in tables)
    try:
        yield
    finally:
        aside.difference_update(t.name for t in tables)
    for index in plain:
        conn.execute(CreateIndex(index))


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    names = list(rows[0])
    missing = [c for c in table.columns if c.name not in rows[0] and c.default is not None]
    if any(not c.default.is_scalar for c in missing):
        conn.execute(insert(table), rows)
        return
    defaults = {c.name: c.default.arg for c in missing}  # columns this file never sets
    if conn.dialect.name == "sqlite":
        _sqlite_insert(conn, table, names, defaults, rows)
    elif conn.dialect.driver == "psycopg":
        _copy_insert(conn, table, names, defaults, rows)
    else:
        conn.execute(insert(table), rows)


def _sqlite_insert(conn: Connection, table: Table, names: list[str], defaults: dict[str, Any],
                   rows: list[dict[str, Any]]) -> None:
    """The rows as tuples, built a column at a time by ``map`` and ``zip`` in C, each stamp
    column converted by one ``map``: a Python loop over the rows with a call per stamp took
    a second of a county's import."""
    columns: list[Iterable[Any]] = []
    for name in names:
        values = map(itemgetter(name), rows)
        convert = _to_sqlite(table.c[name])
        if convert is not None:
            values = map(convert if not table.c[name].nullable else _or_none(convert), values)
        columns.append(values)
    columns += [repeat(value, len(rows)) for value in defaults.values()]
    names = names + list(defaults)
    listed = ", ".join(f'"{n}"' for n in names)
    sql = f'INSERT INTO "{table.name}" ({listed}) VALUES ({", ".join("?" * len(names))})'
    insert_many(conn, sql, zip(*columns, strict=True))


def _copy_insert(conn: Connection, table: Table, names: list[str], defaults: dict[str, Any],
                 rows: list[dict[str, Any]]) -> None:
    """``COPY ... FROM STDIN`` on the connection's own cursor (same transaction); psycopg
    adapts each Python value (datetime, date, bytes, bool) as it would for an INSERT.

    In binary form when every column's type is a plain one: no text to escape on our side
    nor stamps to parse on the server's."""
    listed = ", ".join(f'"{n}"' for n in [*names, *defaults])
    types = [_PG_BINARY.get(type(table.c[n].type)) for n in [*names, *defaults]]
    binary = all(types)
    extra = tuple(defaults.values())
    with conn.connection.driver_connection.cursor() as cursor, cursor.copy(
            f'COPY "{table.name}" ({listed}) FROM STDIN'
            + (" (FORMAT BINARY)" if binary else "")) as copy:
        if binary:
            copy.set_types(types)
        columns = [map(itemgetter(n), rows) for n in names] + [repeat(v, len(rows)) for v in extra]
        for row in zip(*columns, strict=True):  # tuples built in C, a column at a time
            copy.write_row(row)


# Binary COPY needs each column's exact PostgreSQL type; other types go as text.
_PG_BINARY: dict[type, str] = {Boolean: "bool", Date: "date", DateTime: "timestamp",
                               Float: "float8", Integer: "int4", LargeBinary: "bytea",
                               String: "text", Text: "text"}


def _or_none(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda v: None if v is None else convert(v)


def _to_sqlite(column: Any) -> Callable[[Any], Any] | None:
    if isinstance(column.type, DateTime):
        return methodcaller("isoformat", " ", "microseconds")  # SQLAlchemy's storage format
    if isinstance(column.type, Date):
        return date.isoformat
    return None


def _t(name: str) -> Table:
    return require_kind(name).table


def _unique_keys(table: Table) -> list[tuple[str, ...]]:
    keys = [tuple(c.name for c in con.columns) for con in table.constraints
            if isinstance(con, UniqueConstraint)]
    keys += [tuple(c.name for c in ix.columns) for ix in table.indexes if ix.unique]
    return keys


def _update_statement(kind: Kind) -> Any:
    table = kind.table
    columns = [c.name for c in kind.columns if c.name != kind.key]
    return (update(table).where(table.c[kind.key] == bindparam("b_" + kind.key))
            .values({c: bindparam("b_" + c) for c in columns}))


def _prefixed(row: dict[str, Any]) -> dict[str, Any]:
    return {"b_" + k: v for k, v in row.items()}


def _as_json(table: str, row: dict[str, Any] | None) -> str:
    if row is None:
        return ""
    kind = require_kind(table)
    clean = {c.name: row.get(c.name) for c in kind.columns}
    return encode_rows(table, [clean])[0].decode("utf-8")
