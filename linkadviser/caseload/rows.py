"""A caseload row as the adviser sees it: plain values, nothing of the store.

Kept apart from ``caseload`` (which reads the store) so that the start-up snapshot can show
the caseload before the data layer is even imported.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScheduledVisit:
    """One of the programme's visits for a school this academic year, and where it stands."""

    number: int
    title: str
    term: str
    status: str  # done, due, overdue, upcoming
    state: str  # the visit's workflow state, or "not started"
    visit_id: str | None


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

    @property
    def next_visit_text(self) -> str:
        v = self.next_visit
        return f"Visit {v.number}: {v.title} ({v.term})" if v else "All visits done"
