"""Hostile files built the way the review of issue 14 built them, for regression tests and the
fuzz suite: each function writes or returns one crafted input of a kind a user might be sent."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from linkadviser.paths import programme_path
from linkadviser.store.db import Store


def programme_alias_bomb(width: int = 1000) -> str:
    """A schema-valid programme whose aliases stand for ``width``**3 values (visits x QA
    functions x pupil groups): about 40 KB of text for a billion values when width is 1000."""
    text = programme_path().read_text(encoding="utf-8")
    head, _, _ = text.partition("\nvisits:")
    groups = ", ".join(f"g{n}" for n in range(width))
    criteria = [f"      - {{key: c0, text: t, rule: confirm, pupil_groups: &g [{groups}]}}"]
    criteria += [f"      - {{key: c{n}, text: t, rule: confirm, pupil_groups: *g}}"
                 for n in range(1, width)]
    first = ["  - &v", "    number: 1", "    key: v1", "    title: T", "    term: autumn",
             "    purpose: P", "    agenda: []", "    outcomes: []", "    role_of_school: []",
             "    role_of_link_adviser: []", "    qa_functions:", *criteria, "    links: []",
             "    documents: []", "    sections: []"]
    return head + "\nvisits:\n" + "\n".join(first + ["  - *v"] * (width - 1)) + "\n"


def bundled_programme_with(old: str, new: str) -> str:
    text = programme_path().read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


def xlsx_with_far_cell(path: Path, cell: str = "XFD1048576") -> Path:
    """A tiny workbook (a header, one row) plus one stray value at ``cell``."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["URN", "School name"])
    sheet.append([100002, "Invented Primary School 2"])
    sheet[cell] = "x"
    workbook.save(path)
    return path


def store_digest(path: Path) -> str:
    """SHA-256 of every row of every table of the SQLite store at ``path`` (committed state,
    read through SQLite so the write-ahead log counts): equal digests, unchanged store."""
    import hashlib
    import sqlite3

    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for line in connection.iterdump():
            digest.update(line.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()
    finally:
        connection.close()


def disk_fills_after(monkeypatch, pages: int) -> None:
    """Make every store opened from now on hold at most ``pages`` pages of 4 KB: SQLite then
    fails its writes with its own "database or disk is full", as on a full disk."""
    from sqlalchemy import event

    from linkadviser.store import db

    original = db.sqlite_engine

    def small(path: Path):  # noqa: ANN202 - returns what sqlite_engine returns
        engine = original(path)
        event.listen(engine, "connect",
                     lambda conn, _record: conn.execute(f"PRAGMA max_page_count={pages}"))
        return engine

    monkeypatch.setattr(db, "sqlite_engine", small)


@contextmanager
def disk_full_soon(store: Store) -> Iterator[None]:
    """Within the block, the open ``store`` may grow by one page more: a write of any size
    then fails part way with SQLite's own "database or disk is full", as on a full disk."""
    from sqlalchemy import Connection, event

    with store.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def limit(conn: Connection) -> None:
        conn.exec_driver_sql(f"PRAGMA max_page_count={pages + 1}")

    event.listen(store.engine, "begin", limit)
    try:
        yield
    finally:
        event.remove(store.engine, "begin", limit)


def pdf_with_payload(payload: str, extra: dict[str, str] | None = None) -> bytes:
    """A one-page PDF whose metadata carries ``payload`` as linkadviser's embedded record."""
    import io

    from pypdf import PdfWriter

    from linkadviser.documents.render import PAYLOAD_KEY

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({PAYLOAD_KEY: payload, **(extra or {})})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def sync_exchange(folder: Path) -> Path:
    """In ``folder``: a centre (central.sqlite3), its file to Ann (to-ann.zip), Ann's store
    after importing it (ann.sqlite3) and Ann's file back with two visits, one signed
    (from-ann.zip): the genuine files the sync tests and the fuzz suite mutate."""
    from linkadviser.sync.export import export_adviser, export_central
    from linkadviser.sync.importer import import_file
    from tests.unit.sync.sync_helpers import add_visit, new_central, new_store

    centre, ids = new_central(folder / "central.sqlite3")
    ann = new_store(folder / "ann.sqlite3")
    export_central(centre, folder / "to-ann.zip", "ann@example.org")
    import_file(ann, folder / "to-ann.zip")
    add_visit(ann, ids["s1"], 1, "notes")
    add_visit(ann, ids["s2"], 2, "signed", state="signed")
    export_adviser(ann, folder / "from-ann.zip")
    ann.close()
    centre.close()
    return folder
