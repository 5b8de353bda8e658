"""A visit keeps the programme version it was begun under."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from linkadviser.errors import ProgrammeError
from linkadviser.services import Services
from tests.factories import make_school

TODAY = date(2026, 11, 26)


def test_a_visit_keeps_its_programme_after_the_programme_changes(store, programme):
    services = Services(store, programme, lambda: TODAY)
    visit_id = services.workflow.start_next(make_school(store), 4)
    before = {r.criterion_key for r in services.workflow.unmet(visit_id)}

    # The authority publishes a new version in which visit 4 has no QA functions at all.
    changed_visit = dataclasses.replace(programme.visit(4), qa_functions=[])
    newer = dataclasses.replace(
        programme, version="2014.1",
        visits=[changed_visit if v.number == 4 else v for v in programme.visits])
    upgraded = Services(store, newer, lambda: TODAY)
    content = upgraded.visits.content(visit_id)
    assert upgraded.programme_for(content).version == programme.version
    assert {r.criterion_key for r in upgraded.workflow.unmet(visit_id)} == before

    new_visit = upgraded.workflow.start_next(make_school(store), 4)
    assert upgraded.visits.content(new_visit).programme_version == "2014.1"
    assert "trained" not in {r.criterion_key for r in upgraded.workflow.unmet(new_visit)}


def test_an_unknown_programme_version_says_to_sync(store, programme):
    services = Services(store, programme, lambda: TODAY)
    with pytest.raises(ProgrammeError, match="Sync with the centre"):
        services.programmes.get(programme.id, "1999.9")


def test_the_programme_the_centre_sent_is_the_one_in_use(home, programme):
    import dataclasses as dc

    from linkadviser.paths import database_path
    from linkadviser.services import open_services, programme_source
    from linkadviser.store.db import open_store
    from linkadviser.sync.programme_source import PROGRAMME_KEY

    store = open_store(database_path())
    newer = dc.replace(programme, version="2014.1")
    store.set_meta(PROGRAMME_KEY, programme_source(newer))
    store.close()
    services = open_services()
    try:
        assert services.programme.version == "2014.1"
    finally:
        services.close()


def test_services_over_a_store_share_one_constructor(store, programme):
    """The term ahead and the documents take the store, programme, today and version lookup
    the same way: from one base, so they cannot drift apart."""
    from linkadviser.caseload.term import TermAhead
    from linkadviser.documents.service import DocumentService
    from linkadviser.programme.registry import ProgrammeService

    def other(_id: str, _version: str):
        return dataclasses.replace(programme, version="0.9")

    for kind in (TermAhead, DocumentService):
        assert issubclass(kind, ProgrammeService)
        plain = kind(store, programme)
        assert (plain.store, plain.programme, plain.today) == (store, programme, date.today)
        assert plain.programmes("any", "1.0") is programme  # today's programme by default
        told = kind(store, programme, lambda: date(2026, 11, 30), other)
        assert told.today() == date(2026, 11, 30)
        assert told.programmes("any", "0.9").version == "0.9"
