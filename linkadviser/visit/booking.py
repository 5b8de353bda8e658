"""Booking a visit: its date, time and place, set and changed before the visit takes place.

A visit not yet begun is created as planned when it is booked. Booking moves the due dates of
the documents requested from the school with it (the SEF two weeks before visit 2), so a
request never waits on a date nobody set. A visit that has begun keeps the date it took place
on; one started by mistake goes back to planned first (``Workflow.back_to_planned``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import select

from linkadviser.calendar import is_school_day, term_start, year_label
from linkadviser.errors import LinkAdviserError
from linkadviser.programme.model import Programme
from linkadviser.store.db import Store
from linkadviser.store.models import School, Visit
from linkadviser.visit.deadlines import document_due
from linkadviser.visit.editor import log_change
from linkadviser.visit.reading import load_visit
from linkadviser.visit.workflow import STATE_LABELS, Workflow

BOOKABLE_STATES = ("planned", "prepared")
MAX_PLACE = 200
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


class BookingError(LinkAdviserError):
    """A booking the adviser asked for cannot be made as given."""


@dataclass(frozen=True)
class Booking:
    on: date
    at: time | None = None  # local time; None books the day only
    place: str = ""

    @property
    def time_text(self) -> str:
        return f"{self.at:%H:%M}" if self.at else ""


def parse_time(text: str | None) -> time | None:
    """'9:30' or '09:30' as a time; empty means no time; anything else is refused."""
    if text is None or not text.strip():
        return None
    match = _TIME.fullmatch(text.strip())
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise BookingError(f"{text!r} is not a time like 09:30 (24-hour clock).")
    return time(int(match[1]), int(match[2]))


def stored_time(text: str | None) -> time | None:
    """A booked time as stored; one that arrived malformed (a sync file from elsewhere) is
    dropped, and the booked day still stands."""
    try:
        return parse_time(text)
    except BookingError:
        return None


def academic_year_bounds(year: int, programme: Programme) -> tuple[date, date]:
    """The first and last day of an academic year, by the programme's term dates."""
    return (term_start(year, "autumn", programme.terms),
            term_start(year + 1, "autumn", programme.terms) - timedelta(days=1))


def weekend_warning(day: date) -> str:
    """What to say when a visit is booked on a Saturday or Sunday ('' on a weekday). A
    warning, not a refusal: a school's open day or residential trip can be the day."""
    if is_school_day(day):
        return ""
    return (f"{day:%a %d %b %Y} is a {day:%A}: schools are usually closed at weekends. "
            "Book it only if the school expects you that day.")


class Bookings:
    def __init__(self, store: Store, programme: Programme, workflow: Workflow,
                 today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.programme = programme
        self.workflow = workflow
        self.today = today

    def book(self, school_id: str, number: int, booking: Booking,
             academic_year: int | None = None) -> str:
        """Book (or re-book) the school's visit ``number``; returns the visit's id.

        Refused, with nothing changed, for a date outside the visit's academic year, a place
        too long to print, or a visit that has already begun.
        """
        if number not in {v.number for v in self.programme.visits}:
            raise BookingError(f"The programme has no visit {number}; its visits are "
                               f"{', '.join(str(v.number) for v in self.programme.visits)}.")
        year = academic_year if academic_year is not None else \
            self.workflow.current_year()
        first, last = academic_year_bounds(year, self.programme)
        if not first <= booking.on <= last:
            raise BookingError(
                f"{booking.on:%d %b %Y} is outside the academic year {year_label(year)} "
                f"({first:%d %b %Y} to {last:%d %b %Y}); give a date in that year or "
                "choose the year the visit belongs to.")
        place = booking.place.strip()
        if len(place) > MAX_PLACE or "\n" in place:
            raise BookingError(f"The place must be one line of at most {MAX_PLACE} "
                               "characters.")
        self._check_bookable(school_id, number, year)
        visit_id = self.workflow.ensure_visit(school_id, number, year)
        with self.store.transaction() as session:
            visit = load_visit(session, visit_id)
            self._refuse_begun(visit.state, visit.visit_number, visit.school.name)
            definition = self.workflow.programme_of(visit).visit(visit.visit_number)
            visit.planned_date = booking.on
            visit.planned_time = booking.time_text or None
            visit.planned_place = place or None
            days = {d.title: d.days_before for d in definition.documents_requested}
            for request in visit.documents_requested:
                if request.title in days and not request.received:
                    request.due_date = document_due(booking.on, days[request.title])
            log_change(session, "visit", visit_id, "booked",
                       {"date": booking.on, "time": booking.time_text, "place": place})
        return visit_id

    def booking_of(self, visit_id: str) -> Booking | None:
        """The visit's booking, or None when it is not booked."""
        with self.store.session() as session:
            row = session.execute(select(Visit.planned_date, Visit.planned_time,
                                         Visit.planned_place).where(Visit.id == visit_id)
                                  ).one_or_none()
        if row is None or row.planned_date is None:
            return None
        return Booking(row.planned_date, stored_time(row.planned_time), row.planned_place or "")

    def _check_bookable(self, school_id: str, number: int, year: int) -> None:
        """Refuse before creating anything when the visit exists and has begun."""
        with self.store.session() as session:
            row = session.execute(
                select(Visit.state, School.name).join(School, School.id == Visit.school_id)
                .where(Visit.school_id == school_id, Visit.academic_year == year,
                       Visit.visit_number == number)).one_or_none()
        if row is not None:
            self._refuse_begun(row.state, number, row.name)

    @staticmethod
    def _refuse_begun(state: str, number: int, school: str) -> None:
        if state not in BOOKABLE_STATES:
            hint = (" If it was started by mistake, put it back to planned first."
                    if state == "in_progress" else "")
            raise BookingError(
                f"Visit {number} to {school} is {STATE_LABELS[state].lower()}, so its date "
                f"is the day it took place and it cannot be booked again.{hint}")
