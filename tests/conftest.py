"""Shared fixtures: every test gets its own data folder; Qt runs offscreen."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from linkadviser.programme import default_programme  # noqa: E402
from linkadviser.programme.model import Programme  # noqa: E402
from linkadviser.store.db import Store, open_store  # noqa: E402


@pytest.fixture(autouse=True)
def home(tmp_path, monkeypatch):
    """A fresh LINKADVISER_HOME for each test, so no test sees another's store."""
    folder = tmp_path / "home"
    monkeypatch.setenv("LINKADVISER_HOME", str(folder))
    return folder


@pytest.fixture
def store(home) -> Store:
    opened = open_store(home / "linkadviser.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def programme() -> Programme:
    return default_programme()


@pytest.fixture(autouse=True)
def no_os_keyring():
    """No test reads or writes the developer's own keyring (Keychain, Credential Manager):
    each starts with none, as on a laptop without one; tests of remembering set their own."""
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)
