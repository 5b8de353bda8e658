"""The test store as an adviser's laptop, a central store with its authority beside it."""

from __future__ import annotations

import pytest

from linkadviser.documents import DocumentService
from linkadviser.services import Services
from tests.unit.documents.builders import TODAY
from tests.unit.signing.enrol import make_centre


@pytest.fixture
def services(store, programme) -> Services:
    return Services(store, programme, today=lambda: TODAY)


@pytest.fixture
def documents(services) -> DocumentService:
    return DocumentService(services.store, services.programme, services.today)


@pytest.fixture
def central(tmp_path):
    store = make_centre(tmp_path / "centre")
    yield store
    store.close()
