"""A caseload row as the adviser sees it: plain values, nothing of the store.

Kept apart from ``caseload`` (which reads the store) so that the start-up snapshot can show
the caseload before the data layer is even imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from linkadviser.calendar import booking_text


@dataclass(frozen=True)
class ScheduledVisit:
    """One of the programme's visits for a school this academic year, and where it stands."""

    number: int
    title: str
    term: str
    status: str  # done, due, overdue, upcoming
    state: str  # the visit's workflow state, or "not started"
    visit_id: str | None
    # The booking, as plain text so the start-up snapshot can hold it: ISO date, "HH:MM".
    booked_on: str = ""
    booked_time: str = ""
    place: str = ""

    @property
    def booking(self) -> str:
        """'Tue 12 Jan 2027, 09:30, Main office', or '' when not booked."""
        on = date.fromisoformat(self.booked_on) if self.booked_on else None
        return booking_text(on, self.booked_time, self.place)


@dataclass(frozen=True)
class CaseloadRow:
    school_id: str
    urn: int
    name: str
    phase: str
    la_maintained: bool
    ofsted_grade: int | None
    ofsted_label: str
    next_visit: ScheduledVisit | None
    overdue: int
    open_actions: int
    overdue_actions: int
    # Closed (GIAS): kept in the caseload with its history, but no visit is due any more.
    closed: bool = False

    @property
    def next_visit_text(self) -> str:
        v = self.next_visit
        if v is None:
            return "All visits done"
        booked = f", booked {v.booking}" if v.booked_on else ""
        return f"Visit {v.number}: {v.title} ({v.term}{booked})"
