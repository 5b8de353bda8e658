"""The caseload as the adviser left it, shown at start-up while the store opens.

Opening the store means importing SQLAlchemy and our models, about half a second before any
query runs. The adviser's first screen should not wait for that: when the app closes it writes
the caseload it was showing beside the store, stamped with the store file's size and time as
they are once the store is closed, and with the date. At the next start the snapshot is shown
only if the store file is exactly as it was left, on the same day, by the same app version;
any change made elsewhere (a sync import from the command line, a restored backup, a crash
that left a write-ahead log) or a new day (what is due depends on the date) makes it unusable
and the app waits for the store as before. The live caseload replaces it as soon as the store
is open, either way.

This module must stay light: it is imported before the data layer.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from linkadviser import __version__
from linkadviser.caseload.rows import CaseloadRow, ScheduledVisit

SNAPSHOT_NAME = "caseload-snapshot.json"
FORMAT = 1
# A store left with one of these beside it was not closed cleanly, or is being written now.
SIDE_FILES = ("-wal", "-journal")


@dataclass(frozen=True)
class CaseloadSnapshot:
    """What the caseload screen needs: its rows, the term it speaks of, the demo banner."""

    term_label: str
    rows: list[CaseloadRow]
    demo: bool


def snapshot_path(store_path: Path) -> Path:
    return store_path.with_name(SNAPSHOT_NAME)


def store_stamp(store_path: Path) -> list[int] | None:
    """Size and modification time of the store file; None while a side file exists."""
    try:
        if any(Path(f"{store_path}{suffix}").exists() for suffix in SIDE_FILES):
            return None
        info = store_path.stat()
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def save_snapshot(store_path: Path, snapshot: CaseloadSnapshot, today: date) -> None:
    """Write the snapshot for the closed store at ``store_path`` (atomically; best effort).

    Call only after the store is closed: closing checkpoints the write-ahead log into the
    file, which changes the stamp.
    """
    target = snapshot_path(store_path)
    stamp = store_stamp(store_path)
    if stamp is None:
        target.unlink(missing_ok=True)
        return
    body = {"format": FORMAT, "app_version": __version__, "store": stamp,
            "today": today.isoformat(), "term_label": snapshot.term_label,
            "demo": snapshot.demo, "rows": [asdict(row) for row in snapshot.rows]}
    partial = target.with_name(f".{target.name}.part")
    try:
        partial.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)  # a cache: the next start simply waits for the store


def load_snapshot(store_path: Path, today: date) -> CaseloadSnapshot | None:
    """The snapshot if it still describes the store exactly, else None (never raises)."""
    try:
        body = json.loads(snapshot_path(store_path).read_text(encoding="utf-8"))
        if (body["format"] != FORMAT or body["app_version"] != __version__
                or body["today"] != today.isoformat()
                or body["store"] != store_stamp(store_path)):
            return None
        return CaseloadSnapshot(term_label=str(body["term_label"]), demo=bool(body["demo"]),
                                rows=[_row(raw) for raw in body["rows"]])
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _row(raw: dict) -> CaseloadRow:
    visit = raw.pop("next_visit")
    return CaseloadRow(**raw, next_visit=ScheduledVisit(**visit) if visit else None)
