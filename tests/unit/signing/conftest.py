"""The test store as an adviser's laptop (the documents tests' services), a central store
with its authority beside it."""

from __future__ import annotations

import pytest

from tests.unit.documents.conftest import documents, services  # noqa: F401 (fixtures)
from tests.unit.signing.enrol import make_centre


@pytest.fixture
def central(tmp_path):
    store = make_centre(tmp_path / "centre")
    yield store
    store.close()


@pytest.fixture
def os_keyring():
    """This laptop has an OS keyring (in memory); tests/conftest.py puts "none" back after."""
    import keyring

    from tests.unit.signing.keyrings import MemoryKeyring

    kept = MemoryKeyring()
    keyring.set_keyring(kept)
    return kept
