"""Chargeable extras: recorded per school and year, validated, removable, never £0 by default."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from linkadviser.errors import NotFoundError
from linkadviser.extras import ExtraServiceError
from linkadviser.services import Services
from linkadviser.store.models import ChangeLog
from linkadviser.store.models_sync import SyncTombstone
from tests.factories import make_school


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: date(2026, 11, 26))


def test_add_list_and_remove(services):
    school = make_school(services.store)
    first = services.extras.add(school, "health-check", date(2027, 2, 3), 450.0, "Maths")
    services.extras.add(school, "brokering")
    listed = services.extras.for_school(school)
    assert [(e.service_key, e.academic_year, e.cost) for e in listed] == [
        ("health-check", 2026, 450.0), ("brokering", 2026, None)]
    assert listed[0].title.startswith("Health checks")
    assert listed[1].taken_on == date(2026, 11, 26)
    services.extras.remove(first)
    assert [e.service_key for e in services.extras.for_school(school)] == ["brokering"]
    with services.store.session() as session:
        actions = session.scalars(select(ChangeLog.action).where(
            ChangeLog.record_type == "chargeable_service")).all()
        assert sorted(actions) == ["add", "add", "remove"]
        assert session.get(SyncTombstone, ("chargeable_services", first)) is not None


def test_bad_values_are_refused_and_nothing_is_stored(services):
    school = make_school(services.store)
    with pytest.raises(ExtraServiceError, match="not one of the programme's chargeable"):
        services.extras.add(school, "spa-day")
    with pytest.raises(ExtraServiceError, match="cannot be negative"):
        services.extras.add(school, "brokering", cost=-1)
    with pytest.raises(NotFoundError):
        services.extras.add("no-such-school", "brokering")
    assert services.extras.for_school(school) == []
