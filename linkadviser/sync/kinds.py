"""Which tables travel in a sync file, who owns them, and how their values are written.

The list is read from the schema rather than written out, so a table another feature adds
travels without a change here: a table with the ``Synced`` columns travels by its UUID; a
table without them but hanging off a synced one (imported data figures) travels with its
parent; the few tables whose key is a natural value (academic years) travel by that key.
Only what must differ from that default is named below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Table

import linkadviser.store.tables  # noqa: F401  (every table known to the metadata)
from linkadviser.store.base import Base
from linkadviser.sync.errors import SyncError

STAMPS = ("modified_at", "device_id")

# The centre keeps these and sends them out; an adviser's file never carries them.
CENTRE_OWNED = frozenset(
    {"advisers", "schools", "academic_years", "caseload_assignments", "data_imports",
     "authorities"}
)
# Never changed once written: an incoming copy that differs is kept apart, never applied.
IMMUTABLE = frozenset({"signed_versions", "signatures", "amendments"})
# Columns that describe this store, not the record: not sent, never overwritten.
LOCAL_ONLY = {"schools": frozenset({"in_caseload"})}
# Tables that are this store's own bookkeeping and never travel.
NEVER = frozenset({"meta", "alembic_version"})
# The audit trail: no UUID of its own, so it travels as entries identified by their content.
CHANGE_LOG = "change_log"


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

    # Cached: asked for once per record arriving (a county's file is ~450,000), and
    # working them out from the table each time was a third of re-importing one.
    @cached_property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.table.columns if c.name not in self.skip)

    @cached_property
    def content_columns(self) -> tuple[str, ...]:
        """The columns whose values make up the record (not its stamps or key)."""
        return tuple(c.name for c in self.columns if c.name not in STAMPS and c.name != self.key)

    @cached_property
    def content(self) -> Callable[[Mapping[str, Any]], Any]:
        """A record's content values, to compare two copies of it in one C-level step."""
        names = self.content_columns
        return itemgetter(*names) if names else (lambda _record: ())


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


def require_kind(name: str) -> Kind:
    try:
        return kinds_by_name()[name]
    except KeyError:
        raise SyncError(
            f"The file has records of a kind this app does not know ({name!r}). It was made by "
            "a different version of linkadviser; update the app that reads it, or export again."
        ) from None
