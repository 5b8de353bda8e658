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
