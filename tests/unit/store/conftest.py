"""The store's own tests open new stores the way the app does: migrations and all."""

from __future__ import annotations

import pytest

from linkadviser.store import migrate
from tests.store_template import REAL_UPGRADE


@pytest.fixture(autouse=True)
def real_migrations(monkeypatch):
    monkeypatch.setattr(migrate, "upgrade", REAL_UPGRADE)
