"""Shared fixtures: every test gets its own data folder; Qt runs offscreen; a new store is a
copy of one migrated once per run."""

from __future__ import annotations

import os
from functools import cache

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from linkadviser.programme import default_programme  # noqa: E402
from linkadviser.programme.model import Programme  # noqa: E402
from linkadviser.signing import keys  # noqa: E402
from linkadviser.store import migrate  # noqa: E402
from linkadviser.store.db import Store, open_store  # noqa: E402
from tests.demo_store import demo_copy  # noqa: E402, F401 (a fixture)
from tests.store_template import make_template, upgrade_from  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def migrated_template(tmp_path_factory):
    """New SQLite stores start as a copy of one migrated once per run (tests/store_template.py);
    the store's own tests (tests/unit/store) switch the copy off."""
    template = make_template(tmp_path_factory.mktemp("template") / "empty.sqlite3")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrate, "upgrade", upgrade_from(template))
        yield template


@pytest.fixture(scope="session", autouse=True)
def scrypt_once_per_key():
    """Each passphrase-protected key is unlocked with scrypt (~50 ms and 32 MB a try, on
    purpose), the same key file many times in one test; the derivation is a pure function
    of passphrase, salt and cost, so it is remembered for the run. Every key file still
    gets its own random salt and its own derivation; a wrong passphrase is derived afresh."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keys, "_derive", cache(keys._derive))
        yield


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
