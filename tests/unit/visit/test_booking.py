"""Booking visits, re-booking them, the deadlines that follow, and going back to planned."""

from __future__ import annotations

from datetime import date, time

import pytest

from linkadviser.calendar import TermOfYear
from linkadviser.errors import WorkflowError
from linkadviser.services import Services
from linkadviser.store.models import AcademicYear, Adviser, CaseloadAssignment, Visit
from linkadviser.visit.booking import Booking, BookingError, parse_time
from tests.factories import make_school

TODAY = date(2026, 11, 26)  # a Thursday in the autumn term of 2026/27


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: TODAY)


def assign(services: Services, school_id: str, name: str, year: int) -> str:
    """Enrol an adviser and assign them the school for the year; returns their id."""
    with services.store.transaction() as session:
        adviser = Adviser(name=name)
        session.add(adviser)
        session.merge(AcademicYear(start_year=year))
        session.flush()
        session.add(CaseloadAssignment(school_id=school_id, adviser_id=adviser.id,
                                       academic_year=year))
        return adviser.id


def visit_row(services: Services, visit_id: str) -> Visit:
    with services.store.session() as session:
        return session.get(Visit, visit_id)


def test_booking_creates_a_planned_visit_and_re_booking_moves_it(services):
    school = make_school(services.store)
    visit_id = services.bookings.book(school, 2, Booking(date(2027, 1, 12), time(9, 30),
                                                         "Head's office"))
    row = visit_row(services, visit_id)
    assert (row.state, row.academic_year, row.visit_number) == ("planned", 2026, 2)
    assert (row.planned_date, row.planned_time, row.planned_place) == (
        date(2027, 1, 12), "09:30", "Head's office")
    assert row.visit_date is None

    again = services.bookings.book(school, 2, Booking(date(2027, 1, 19)))
    assert again == visit_id
    row = visit_row(services, visit_id)
    assert (row.planned_date, row.planned_time, row.planned_place) == (
        date(2027, 1, 19), None, None)


def test_the_sef_request_is_due_two_weeks_before_visit_2_and_follows_a_re_booking(services):
    school = make_school(services.store)
    visit_id = services.bookings.book(school, 2, Booking(date(2027, 1, 12)))
    services.visits.add(visit_id, "document_request",
                        title="The school's self-evaluation (SEF)", due_date=None)
    services.bookings.book(school, 2, Booking(date(2027, 2, 3), time(13, 0)))
    (request,) = services.visits.content(visit_id).documents_requested
    assert request.due_date == date(2027, 1, 20)  # 14 days before, from the programme

    assert services.term.plan().weeks == []  # autumn: nothing of this visit falls in it
    spring = services.term.plan(TermOfYear(2026, "spring"))
    due = {(d.deadline.what, d.deadline.due) for w in spring.weeks for d in w.due}
    assert due == {("The school's self-evaluation (SEF) from the school", date(2027, 1, 20)),
                   ("Prepare visit 2", date(2027, 2, 2))}


def test_a_received_document_no_longer_moves_and_counts_as_done(services):
    school = make_school(services.store)
    visit_id = services.bookings.book(school, 2, Booking(date(2027, 1, 12)))
    services.visits.add(visit_id, "document_request",
                        title="The school's self-evaluation (SEF)", due_date=date(2026, 12, 29),
                        received=True)
    services.bookings.book(school, 2, Booking(date(2027, 3, 2)))
    (request,) = services.visits.content(visit_id).documents_requested
    assert request.due_date == date(2026, 12, 29)


def test_bad_bookings_are_refused_and_change_nothing(services):
    school = make_school(services.store)
    with pytest.raises(BookingError, match="outside the academic year 2026/27"):
        services.bookings.book(school, 3, Booking(date(2027, 9, 2)))
    with pytest.raises(BookingError, match="no visit 7"):
        services.bookings.book(school, 7, Booking(date(2027, 1, 2)))
    with pytest.raises(BookingError, match="one line of at most 200"):
        services.bookings.book(school, 3, Booking(date(2027, 5, 2), None, "x" * 201))
    with services.store.session() as session:
        assert session.query(Visit).count() == 0
    with pytest.raises(BookingError, match="not a time like 09:30"):
        parse_time("9.30")
    assert parse_time("7:05") == time(7, 5) and parse_time(" ") is None


def test_a_visit_that_has_begun_cannot_be_booked_again(services):
    school = make_school(services.store)
    visit_id = services.bookings.book(school, 1, Booking(date(2026, 11, 26)))
    services.workflow.start(visit_id)
    with pytest.raises(BookingError, match="in progress.*back to planned first"):
        services.bookings.book(school, 1, Booking(date(2026, 12, 3)))
    assert visit_row(services, visit_id).planned_date == date(2026, 11, 26)


def test_a_visit_started_by_mistake_goes_back_to_planned_until_something_is_recorded(services):
    school = make_school(services.store)
    visit_id = services.bookings.book(school, 2, Booking(date(2027, 1, 12)))
    services.visits.add(visit_id, "question", text="Is the SEF accurate for boys?")
    services.workflow.start(visit_id)
    assert visit_row(services, visit_id).visit_date == TODAY
    services.workflow.back_to_planned(visit_id)  # a prepared question is not a record
    row = visit_row(services, visit_id)
    assert (row.state, row.visit_date, row.planned_date) == ("planned", None,
                                                             date(2027, 1, 12))
    with pytest.raises(WorkflowError, match="only a visit in progress"):
        services.workflow.back_to_planned(visit_id)

    services.workflow.start(visit_id)
    services.visits.add(visit_id, "attendee", name="Ms A Jones", role="Headteacher")
    with pytest.raises(WorkflowError, match=r"already records attendees \(1\)"):
        services.workflow.back_to_planned(visit_id)
    assert visit_row(services, visit_id).state == "in_progress"


def test_this_week_shows_visits_booked_this_week_and_what_falls_due(services):
    a = make_school(services.store, name="Aylsham Heath")
    b = make_school(services.store, name="Brundall Rise")
    services.bookings.book(a, 4, Booking(date(2026, 11, 27), time(10, 0)))  # Friday
    services.bookings.book(b, 2, Booking(date(2027, 1, 11)))  # SEF due Mon 28 Dec
    later = services.bookings.book(a, 1, Booking(date(2026, 12, 1)))  # preparation Mon 30 Nov
    week = services.term.this_week()
    assert week.starts == date(2026, 11, 23)
    assert [(v.school_name, v.number, v.booked_time) for v in week.visits] == [
        ("Aylsham Heath", 4, "10:00")]
    assert [d.text for d in week.due] == [
        "Prepare visit 4 (Aylsham Heath, Visit 4: Support for Head Teacher Performance "
        "Management)"]
    services.visits.add(later, "question", text="Prepared")
    plan = services.term.plan()
    assert [w.starts for w in plan.weeks] == [date(2026, 11, 23), date(2026, 11, 30),
                                              date(2026, 12, 28)]
    assert {(v.school_name, v.number) for v in plan.unbooked} == {("Brundall Rise", 1),
                                                                   ("Brundall Rise", 4)}
    prepare_1 = next(d for d in plan.weeks[1].due if d.visit.number == 1)
    assert prepare_1.deadline.done  # its questions are prepared


def test_a_visit_begun_in_the_app_records_the_stores_adviser(services):
    school = make_school(services.store)
    assign(services, school, "Olu Other", 2026)
    with services.store.transaction() as session:
        mine = Adviser(name="Ann Adviser")
        session.add(mine)
        session.flush()
        mine_id = mine.id
    assert services.visits.content(services.workflow.start_next(school, 4)).adviser_name == \
        "Olu Other"  # no adviser named for the store: the assignment's
    services.store.set_meta("sync.adviser_id", mine_id)
    visit_id = services.workflow.start_next(school, 1)
    assert visit_row(services, visit_id).adviser_id == mine_id
    assert services.visits.content(visit_id).adviser_name == "Ann Adviser"


def test_an_older_visit_with_no_adviser_takes_the_assignments(services):
    school = make_school(services.store)
    visit_id = services.workflow.ensure_visit(school, 3, academic_year=2025)
    assert services.visits.content(visit_id).adviser_name == ""
    adviser_id = assign(services, school, "Pat Previous", 2025)
    assert services.visits.content(visit_id).adviser_name == "Pat Previous"
    services.workflow.start(visit_id)  # the record itself now names them, and syncs so
    assert visit_row(services, visit_id).adviser_id == adviser_id
