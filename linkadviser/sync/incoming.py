"""Reading a whole sync file into checked records before the store is touched.

Everything that can be wrong with a file is found here, while the store is only read: a bad
value on line 9,000 or a target for a school nobody has heard of refuses the whole file, so an
import never stops half way for a reason the file could have told us at the start.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, Connection, Text, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY

from linkadviser.sync import marks, old_cards
from linkadviser.sync.archive import Archive
from linkadviser.sync.errors import SyncError, refused
from linkadviser.sync.kinds import CENTRE_OWNED, CHANGE_LOG, Kind, all_kinds, require_kind
from linkadviser.sync.programme_source import PROGRAMME_MEMBER, check_programme_text
from linkadviser.sync.records import DELETIONS, decode_deletions, decode_member, kind_of_member

TRUST_MEMBER = "trust.json"  # what signing sends (signing.exchange.MEMBER)
CHUNK = 5000  # values per IN (...): well under SQLite's 32,766 and PostgreSQL's 65,535


def one_of(conn: Connection, column: Any, values: list[Any]) -> ColumnElement[bool]:
    """``column IN (values)``, written for the database at hand, with the values in one
    parameter. On PostgreSQL it is ``= ANY(array)``: an IN list of 5,000 made SQLAlchemy and
    psycopg render and parse 5,000 placeholders and the server plan them, most of a central
    merge's time. On SQLite it is ``IN (SELECT value FROM json_each(...))`` for text and
    integers: the IN list made SQLAlchemy coerce and render each value, a tenth of a central
    merge's time, where msgspec writes the one JSON parameter in C."""
    values = list(values)
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    if not all(type(v) in (str, int) for v in values):
        return column.in_(values)
    listed = func.json_each(bindparam(None, msgspec.json.encode(values).decode(), type_=Text))
    return column.in_(select(listed.table_valued("value").c.value))


@dataclass
class Incoming:
    archive: Archive
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    change_log: list[dict[str, Any]] = field(default_factory=list)
    deletions: list[dict[str, Any]] = field(default_factory=list)
    programme_text: str | None = None
    trust: bytes | None = None  # trust.json: certificates (see signing.exchange)
    # Records the sender does not own, by table: kept apart for review, never applied.
    not_owned: dict[str, set[Any]] = field(default_factory=dict)

    @property
    def origin(self) -> marks.Party:
        return self.archive.manifest.origin


def read_incoming(archive: Archive) -> Incoming:
    """Decode every member (values checked against the schema); no store access."""
    incoming = Incoming(archive=archive)
    from_adviser = archive.manifest.origin.role != marks.CENTRE
    cards: list[old_cards.OldCard] = []  # a file before format 3 carries them apart
    for name, raw in archive.members.items():
        if name == DELETIONS:
            incoming.deletions = decode_deletions(raw)
            for d in incoming.deletions:
                require_kind(d["table"])
        elif name == PROGRAMME_MEMBER:
            if from_adviser:
                raise refused("it comes from an adviser but carries a programme; only the "
                               "centre sends the programme")
            incoming.programme_text = check_programme_text(raw)
        elif name == TRUST_MEMBER:
            incoming.trust = raw
        elif kind_of_member(name) == CHANGE_LOG:
            incoming.change_log = decode_member(name, raw, CHANGE_LOG)
        elif name == old_cards.MEMBER:
            cards = old_cards.decode_old_cards(raw)
        else:
            kind = require_kind(kind_of_member(name))
            if from_adviser and kind.name in CENTRE_OWNED:
                raise refused(f"it comes from an adviser but carries {kind.name}, which only "
                               "the centre sends")
            rows = decode_member(name, raw, kind.name)
            if not kind.parent:
                _check_unique(name, kind, rows)
            incoming.records[kind.name] = rows
    old_cards.put_on_rows(cards, incoming.records)
    return incoming


def check_references(conn: Connection, incoming: Incoming) -> None:
    """Every reference must name a record in the file or in this store (e.g. a known school)."""
    present: dict[str, set] = {}  # the keys of each table the file holds, built when asked

    def in_file(name: str) -> set:
        if name not in present:
            rows = incoming.records.get(name)
            kind = require_kind(name) if rows else None  # a kind: the file was read as one
            present[name] = set(map(itemgetter(kind.key), rows)) \
                if kind is not None and not kind.parent else set()
        return present[name]

    for kind in all_kinds():
        rows = incoming.records.get(kind.name)
        if not rows:
            continue
        for fk in kind.table.foreign_keys:
            column, target = fk.parent.name, fk.column
            wanted = set(map(itemgetter(column), rows))  # in C: a county's file is 450,000
            wanted.discard(None)
            wanted -= in_file(target.table.name)
            missing = wanted - set(_existing(conn, target, wanted))
            if missing:
                raise _unknown_reference(kind, rows, column, target.table.name, missing)


def _existing(conn: Connection, column: Any, values: set) -> Iterable[Any]:
    ordered = sorted(values)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start:start + CHUNK]
        yield from conn.execute(select(column).where(one_of(conn, column, chunk))).scalars()


def _check_unique(name: str, kind: Kind, rows: list[dict[str, Any]]) -> None:
    keys = [r[kind.key] for r in rows]
    if len(set(keys)) != len(keys):
        raise refused(f"{name} holds the same record twice")


def _unknown_reference(kind: Kind, rows: list[dict[str, Any]], column: str, target: str,
                       missing: set) -> SyncError:
    example = sorted(missing)[0]
    holder = next(r for r in rows if r[column] == example)
    what = target.rstrip("s").replace("_", " ")
    return refused(
        f"records/{kind.name}.jsonl: record {holder.get(kind.key)} refers to a {what} "
        f"({example}) that is neither in this file nor in this store"
        + (f" ({len(missing)} such references)" if len(missing) > 1 else "")
        + ". Import the centre's file first so the " + what + " is known")


def group_by(rows: Iterable[dict[str, Any]], column: str) -> dict[Any, list[dict[str, Any]]]:
    out: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        out[row[column]].append(row)
    return out
