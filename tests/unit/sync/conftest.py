"""Fixtures for sync tests: a central store with two advisers, and an empty adviser store."""

from __future__ import annotations

import pytest

from linkadviser.store.db import Store
from tests.unit.sync.sync_helpers import new_central, new_store


@pytest.fixture
def central(tmp_path) -> tuple[Store, dict[str, str]]:
    store, ids = new_central(tmp_path / "central.sqlite3")
    yield store, ids
    store.close()


@pytest.fixture
def adviser_store(tmp_path) -> Store:
    store = new_store(tmp_path / "ann.sqlite3")
    yield store
    store.close()
