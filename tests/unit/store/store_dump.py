"""Every row of every table of a store, to show that nothing was lost or changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def dump(path: Path, tables: set[str] | None = None) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {name: sorted(conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
                for name in names if tables is None or name in tables}
    finally:
        conn.close()


def columns(path: Path) -> dict[str, list[str]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')]
                for name in names}
    finally:
        conn.close()


def rows_in(path: Path, table: str, cols: list[str]) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        listed = ", ".join(f'"{c}"' for c in cols)
        return sorted(conn.execute(f'SELECT {listed} FROM "{table}"').fetchall(), key=repr)
    finally:
        conn.close()
