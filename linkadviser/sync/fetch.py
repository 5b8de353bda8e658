"""Rows for an export, read through the DBAPI cursor rather than SQLAlchemy's result rows.

A county export is ~450,000 rows. SQLAlchemy's result wrapped each in a ``Row`` and ran its
column processors one value at a time: more time than reading the rows from SQLite. Here the
query is still built and run by SQLAlchemy (so its parameters are bound as always) but the rows
come straight from the DBAPI cursor, and each column that needs it is passed through the very
processor SQLAlchemy would have run (SQLite's datetime text to ``datetime``, 0/1 to ``bool``),
a column at a time in C-level loops (``records.encode_lines``). The values are therefore those
the ORM gave, on any dialect (the central store may be PostgreSQL): the file's bytes are too.

Tried and dropped: rewriting SQLite's datetime text into msgspec's form in SQL. It saved the
parse, but proving every stored value had SQLAlchemy's form (a ``GLOB`` over each table) cost
more than parsing them all with ``datetime.fromisoformat``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Column, ColumnElement, Connection, Table, select

from linkadviser.store.bulk import driver_rows

Processor = Callable[[Any], Any]


class Fetched(NamedTuple):
    rows: list[Sequence[Any]]  # as the DBAPI gives them
    # (column name, processor): what SQLAlchemy would run on that column's values. Applied
    # by the encoder to the records it makes, a column at a time (``records.convert``).
    processors: list[tuple[str, Processor]]


def fetch_values(conn: Connection, columns: Sequence[Column],
                 where: Sequence[ColumnElement[bool]]) -> Fetched:
    """The rows of these columns that match ``where``, and how to make their values what
    SQLAlchemy's rows would hold. Keys and ids (text, integers) need no processor on any
    dialect, so the rows can be sorted and filtered by them as they come."""
    rows, description = driver_rows(conn, select(*columns).where(*where))
    processors = [(c.name, p) for c, d in zip(columns, description, strict=True)
                  if (p := _processor(conn, c, d[1])) is not None]
    return Fetched(rows, processors)


def _processor(conn: Connection, column: Column, type_code: object) -> Processor | None:
    """What SQLAlchemy runs on this column's DBAPI value (None: the value as it comes)."""
    impl = column.type.dialect_impl(conn.dialect)
    return impl.result_processor(conn.dialect, type_code)


def fetch_records(conn: Connection, table: Table, where: Sequence[ColumnElement[bool]] = (),
                  keep: Callable[[Any], bool] | None = None) -> list[dict[str, Any]]:
    """Whole records as dicts of what SQLAlchemy's rows would hold, for the importer to
    compare with those arriving. ``keep`` is asked of each record's ``id`` before any value
    is converted (a whole table read for a few thousand of its records)."""
    columns = list(table.columns)
    names = [c.name for c in columns]
    rows, processors = fetch_values(conn, columns, where)
    if keep is not None:
        at = names.index("id")
        rows = [row for row in rows if keep(row[at])]
    if not rows:
        return []
    values = [list(column) for column in zip(*rows, strict=True)]
    for name, process in processors:
        at = names.index(name)
        values[at] = [None if v is None else process(v) for v in values[at]]
    return [dict(zip(names, record, strict=True)) for record in zip(*values, strict=True)]
