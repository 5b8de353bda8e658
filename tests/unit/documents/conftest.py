"""Services over the test store, with a fixed today so drafts print the same date."""

from __future__ import annotations

import pytest

from linkadviser.documents import DocumentService
from linkadviser.services import Services
from tests.unit.documents.builders import TODAY


@pytest.fixture
def services(store, programme) -> Services:
    return Services(store, programme, today=lambda: TODAY)


@pytest.fixture
def documents(services) -> DocumentService:
    return DocumentService(services.store, services.programme, services.today)
