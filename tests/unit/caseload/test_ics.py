"""The calendar export read back through the icalendar library's own parser."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from linkadviser.caseload.ics import event_uid, export_calendar, local_start, zone_named
from linkadviser.errors import LinkAdviserError
from linkadviser.services import Services
from linkadviser.visit.booking import Booking
from tests.factories import make_school

TODAY = date(2026, 11, 26)
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: TODAY)


def events(data: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def export(services: Services) -> bytes:
    data, _count = export_calendar(services.store, services.term, date(2026, 9, 1), LONDON)
    return data


def test_booked_visits_round_trip_with_stable_uids_and_local_times(services):
    school = make_school(services.store, name="Wexham Park Academy")
    winter = services.bookings.book(school, 2, Booking(date(2027, 1, 12), time(9, 30),
                                                       "Head's office"))
    summer = services.bookings.book(school, 3, Booking(date(2027, 6, 15), time(9, 30)))
    all_day = services.bookings.book(school, 4, Booking(date(2026, 12, 3)))
    services.workflow.ensure_visit(school, 1)  # not booked: not in the calendar

    first = events(export(services))
    assert set(first) == {event_uid(v) for v in (winter, summer, all_day)}
    jan, jun = first[event_uid(winter)], first[event_uid(summer)]
    # 09:30 in the adviser's zone both sides of the clocks changing (GMT, then BST).
    assert local_start(jan, LONDON) == datetime(2027, 1, 12, 9, 30, tzinfo=LONDON)
    assert local_start(jun, LONDON) == datetime(2027, 6, 15, 9, 30, tzinfo=LONDON)
    assert jun.decoded("dtstart") == datetime(2027, 6, 15, 8, 30, tzinfo=UTC)
    assert jan.decoded("dtend") - jan.decoded("dtstart") == timedelta(hours=2)
    assert str(jan["location"]) == "Head's office"
    assert "Wexham Park Academy" in str(jan["summary"])
    day = first[event_uid(all_day)]
    assert day.decoded("dtstart") == date(2026, 12, 3)
    assert day.decoded("dtend") == date(2026, 12, 4)
    for event in first.values():  # RFC 5545: DTSTAMP in UTC on every event
        assert event.decoded("dtstamp").tzinfo is not None

    services.bookings.book(school, 2, Booking(date(2027, 1, 19), time(13, 0)))
    second = events(export(services))
    assert set(second) == set(first)  # the same events again: an import updates, not adds
    moved = second[event_uid(winter)]
    assert local_start(moved, LONDON) == datetime(2027, 1, 19, 13, 0, tzinfo=LONDON)
    assert int(moved["sequence"]) == int(jan["sequence"]) + 1
    assert int(second[event_uid(summer)]["sequence"]) == int(jun["sequence"])


def test_the_same_store_exports_the_same_bytes(services):
    school = make_school(services.store)
    services.bookings.book(school, 2, Booking(date(2027, 1, 12), time(9, 30)))
    assert export(services) == export(services)


def test_an_unknown_time_zone_is_refused_in_words():
    with pytest.raises(LinkAdviserError, match="not a time zone name"):
        zone_named("Europe/Nowhere")
    with pytest.raises(LinkAdviserError, match="not a time zone name"):
        zone_named("../../etc/passwd")
