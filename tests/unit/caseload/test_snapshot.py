"""The start-up snapshot: shown only while it still describes the store exactly."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from linkadviser.caseload.snapshot import load_snapshot, snapshot_path
from linkadviser.services import Services
from linkadviser.store.db import open_store
from tests.factories import make_school

TODAY = date(2026, 11, 26)


@pytest.fixture
def closed_store(home) -> Path:
    """A store with two schools, closed by the app with its snapshot kept."""
    path = home / "linkadviser.sqlite3"
    services = Services(open_store(path), _programme(), lambda: TODAY)
    make_school(services.store, name="Oakhurst Academy", urn=990500, ofsted_grade=3)
    make_school(services.store, name="Langmere Primary School", urn=990611, phase="Primary")
    services.close(keep_snapshot=True)
    return path


def _programme():
    from linkadviser.programme import default_programme

    return default_programme()


def _live_rows(path: Path) -> list:
    services = Services(open_store(path), _programme(), lambda: TODAY)
    try:
        return services.caseload.rows()
    finally:
        services.close()


def test_snapshot_round_trips_the_caseload_exactly(closed_store):
    snapshot = load_snapshot(closed_store, TODAY)
    assert snapshot is not None
    assert snapshot.term_label == "Autumn 2026/27" and snapshot.demo is False
    assert sorted(r.name for r in snapshot.rows) == ["Langmere Primary School",
                                                     "Oakhurst Academy"]
    expected = sorted(_live_rows(closed_store), key=lambda r: r.school_id)
    assert sorted(snapshot.rows, key=lambda r: r.school_id) == expected
    assert all(dataclasses.is_dataclass(r.next_visit) for r in snapshot.rows)


def test_a_change_made_elsewhere_makes_the_snapshot_unusable(closed_store):
    store = open_store(closed_store)  # e.g. a sync import from the command line
    make_school(store, name="Brand New School")
    store.close()
    assert load_snapshot(closed_store, TODAY) is None


def test_reading_the_store_without_changing_it_keeps_the_snapshot_usable(closed_store):
    _live_rows(closed_store)
    assert load_snapshot(closed_store, TODAY) is not None


def test_another_day_makes_the_snapshot_unusable(closed_store):
    assert load_snapshot(closed_store, date(2026, 11, 27)) is None


def test_a_store_left_with_its_write_ahead_log_is_not_trusted(closed_store):
    Path(f"{closed_store}-wal").write_bytes(b"")
    assert load_snapshot(closed_store, TODAY) is None


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1}', b"[1, 2]",
                                    b"\xff\xfe"])
def test_a_damaged_snapshot_is_ignored(closed_store, damage):
    snapshot_path(closed_store).write_bytes(damage)
    assert load_snapshot(closed_store, TODAY) is None


def test_a_snapshot_from_another_app_version_is_ignored(closed_store, monkeypatch):
    monkeypatch.setattr("linkadviser.caseload.snapshot.__version__", "99.0")
    assert load_snapshot(closed_store, TODAY) is None


def test_no_store_no_snapshot(home):
    assert load_snapshot(home / "linkadviser.sqlite3", TODAY) is None


def test_closing_without_keeping_writes_no_snapshot(home, programme):
    path = home / "linkadviser.sqlite3"
    services = Services(open_store(path), programme, lambda: TODAY)
    make_school(services.store)
    services.close()
    assert not snapshot_path(path).exists()
