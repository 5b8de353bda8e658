"""Which tables travel in a sync file, who owns them, and how their values are written.

The list is read from the schema rather than written out, so a table another feature adds
travels without a change here: a table with the ``Synced`` columns travels by its UUID; a
table without them but hanging off a synced one (imported data figures) travels with its
parent; the few tables whose key is a natural value (academic years) travel by that key.
Only what must differ from that default is named below.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, LargeBinary, Table

import linkadviser.store.tables  # noqa: F401  (every table known to the metadata)
from linkadviser.store.base import Base
from linkadviser.sync.errors import SyncError

STAMPS = ("modified_at", "device_id")

# The centre keeps these and sends them out; an adviser's file never carries them.
CENTRE_OWNED = frozenset(
    {"advisers", "schools", "academic_years", "caseload_assignments", "data_imports"}
)
# Never changed once written: an incoming copy that differs is kept apart, never applied.
IMMUTABLE = frozenset({"signed_versions", "signatures", "amendments"})
# Columns that describe this store, not the record: not sent, never overwritten.
LOCAL_ONLY = {"schools": frozenset({"in_caseload"})}
# Tables that are this store's own bookkeeping and never travel.
NEVER = frozenset({"meta", "alembic_version"})
# The audit trail: no UUID of its own, so it travels as entries identified by their content.
CHANGE_LOG = "change_log"


Encode = Callable[[Any], Any]
Decode = Callable[[Any], Any]


@dataclass(frozen=True)
class Kind:
    """One table as sync sees it."""

    table: Table
    key: str  # the column that identifies a record across stores
    parent: str | None = None  # for a dependent table: the column naming its synced parent
    skip: frozenset[str] = frozenset()  # columns not written (local-only, autoincrement keys)
    stamped: bool = False  # has the Synced columns (UUID, modified_at, device_id)

    @property
    def name(self) -> str:
        return self.table.name

    @property
    def synced(self) -> bool:
        return self.stamped

    @property
    def columns(self) -> list[Column]:
        return [c for c in self.table.columns if c.name not in self.skip]

    @property
    def content_columns(self) -> list[str]:
        """The columns whose values make up the record (not its stamps or key)."""
        return [c.name for c in self.columns if c.name not in STAMPS and c.name != self.key]


def _is_synced(table: Table) -> bool:
    return {"id", *STAMPS} <= set(table.columns.keys())


def _kind_of(table: Table, synced_tables: set[str]) -> Kind | None:
    if table.name in NEVER or table.name.startswith("sync_") or table.name == CHANGE_LOG:
        return None
    local = LOCAL_ONLY.get(table.name, frozenset())
    if _is_synced(table):
        return Kind(table, "id", skip=local, stamped=True)
    parents = [fk for fk in table.foreign_keys if fk.column.table.name in synced_tables]
    pk = list(table.primary_key.columns)
    if parents and len(pk) == 1 and pk[0].autoincrement in (True, "auto"):
        return Kind(table, pk[0].name, parent=parents[0].parent.name, skip=local | {pk[0].name})
    if len(pk) == 1 and pk[0].autoincrement is False and not table.foreign_keys:
        return Kind(table, pk[0].name, skip=local)  # a natural key, e.g. an academic year
    return None


@cache
def all_kinds() -> tuple[Kind, ...]:
    """Every travelling table, parents before children (the order records are applied in)."""
    tables = Base.metadata.sorted_tables
    synced = {t.name for t in tables if _is_synced(t)}
    return tuple(k for t in tables if (k := _kind_of(t, synced)) is not None)


@cache
def kinds_by_name() -> dict[str, Kind]:
    return {k.name: k for k in all_kinds()}


def change_log_table() -> Table:
    return Base.metadata.tables[CHANGE_LOG]


# --- values in the file: JSON types only, dates as ISO text, bytes as base64 ------------


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _b64(value: bytes | None) -> str | None:
    return None if value is None else base64.b64encode(value).decode("ascii")


def encoder(column: Column) -> Encode | None:
    """How a column's value is written, or None when it is written as it is."""
    if isinstance(column.type, Date | DateTime):
        return _iso
    if isinstance(column.type, LargeBinary):
        return _b64
    return None


def decoder(column: Column) -> Decode:
    """How a value read from a file is checked and turned back into the column's type."""
    kind = column.type
    nullable = bool(column.nullable)
    if isinstance(kind, DateTime):
        return _checked(datetime.fromisoformat, str, "a date and time", nullable)
    if isinstance(kind, Date):
        return _checked(date.fromisoformat, str, "a date", nullable)
    if isinstance(kind, LargeBinary):
        return _checked(lambda v: base64.b64decode(v, validate=True), str, "base64", nullable)
    if isinstance(kind, Boolean):
        return _checked(None, bool, "true or false", nullable)
    if isinstance(kind, Integer):
        return _checked(_int64, int, "a whole number", nullable, reject_bool=True)
    if isinstance(kind, Float):
        return _checked(float, int | float, "a number", nullable, reject_bool=True)
    return _checked(None, str, "text", nullable)


def _int64(value: int) -> int:
    if not -(2**63) <= value < 2**63:
        raise ValueError("it is out of range")
    return value


def _checked(convert: Callable[[Any], Any] | None, accepted: Any, words: str,
             nullable: bool, reject_bool: bool = False) -> Decode:
    def decode(value: Any) -> Any:
        if value is None:
            if nullable:
                return None
            raise ValueError(f"is empty but must be {words}")
        if not isinstance(value, accepted) or (reject_bool and isinstance(value, bool)):
            raise ValueError(f"must be {words}, not {type(value).__name__}")
        if convert is None:
            return value
        try:
            return convert(value)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"must be {words} ({exc})") from None

    return decode


@cache
def codecs(kind_name: str) -> tuple[list[tuple[str, Encode | None]], dict[str, Decode]]:
    """The encoders (in column order) and decoders (by name) for one travelling table."""
    if kind_name == CHANGE_LOG:
        columns = [c for c in change_log_table().columns if c.name != "seq"]
    else:
        columns = kinds_by_name()[kind_name].columns
    return [(c.name, encoder(c)) for c in columns], {c.name: decoder(c) for c in columns}


def require_kind(name: str) -> Kind:
    try:
        return kinds_by_name()[name]
    except KeyError:
        raise SyncError(
            f"The file has records of a kind this app does not know ({name!r}). It was made by "
            "a different version of linkadviser; update the app that reads it, or export again."
        ) from None
