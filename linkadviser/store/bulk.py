"""Many rows in and out through the database driver's own cursor, not SQLAlchemy's rows.

A national file's 22,000 rows go in as an iterator straight to the driver's cursor (the
connection's, so in its transaction): through SQLAlchemy they had to be a list of tuples
first, and building that list took as long as a tenth of the write. Read back, SQLAlchemy
wrapped each of tens of thousands of rows in a ``Row`` (as costly again as the read, and the
garbage collector kept tracking them); the driver's tuples of plain values cost neither.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Executable
from sqlalchemy.exc import DBAPIError


def insert_many(connection: Connection, sql: str, rows: Iterable[Sequence[Any]]) -> None:
    """Run ``sql`` (written with ``?`` placeholders) once per row. sqlite3 takes ``?``,
    psycopg (a central store on PostgreSQL) ``%s``; written for one, an import failed on the
    other."""
    if connection.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    driver_error = connection.dialect.loaded_dbapi.Error
    cursor = connection.connection.dbapi_connection.cursor()
    try:
        cursor.executemany(sql, rows)
    except driver_error as exc:  # as SQLAlchemy raises it, so "disk is full" reads the same
        raise DBAPIError.instance(sql, None, exc, driver_error) from exc
    finally:
        cursor.close()


def driver_rows(connection: Connection, statement: Executable) -> tuple[list[Sequence[Any]],
                                                                       Sequence[Any]]:
    """The rows of a statement SQLAlchemy builds and binds (on any dialect), as the driver's
    own tuples, with the cursor's description of their columns."""
    result = connection.execute(statement)
    try:
        return result.cursor.fetchall(), result.cursor.description
    finally:
        result.close()
