"""Academic years and terms, as the programme file defines their start dates.

Visits are planned by term (autumn, spring, summer), so "what is due" depends only on today's
date and the programme's term dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # kept light: the start-up snapshot formats bookings before the programme
    from linkadviser.programme.model import TermDates

TERM_ORDER = ("autumn", "spring", "summer")


@dataclass(frozen=True)
class TermOfYear:
    academic_year: int  # the calendar year the academic year starts in
    term: str

    @property
    def index(self) -> int:
        return TERM_ORDER.index(self.term)

    @property
    def label(self) -> str:
        return f"{self.term.capitalize()} {year_label(self.academic_year)}"


def year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _month_day(text: str) -> tuple[int, int]:
    month, day = text.split("-")
    return int(month), int(day)


def term_start(academic_year: int, term: str, dates: TermDates) -> date:
    month, day = _month_day(getattr(dates, term))
    year = academic_year if term == "autumn" else academic_year + 1
    return date(year, month, day)


def term_of(today: date, dates: TermDates) -> TermOfYear:
    """Which academic year and term ``today`` falls in."""
    autumn_month, autumn_day = _month_day(dates.autumn)
    start_year = today.year if (today.month, today.day) >= (autumn_month, autumn_day) \
        else today.year - 1
    current = "autumn"
    for term in TERM_ORDER:
        if today >= term_start(start_year, term, dates):
            current = term
    return TermOfYear(start_year, current)


def is_school_day(day: date) -> bool:
    """Monday to Friday: Link Advisers visit schools on school days. The programme knows when
    each term starts, not the school holidays, so only the weekend is known not to be one."""
    return day.weekday() < 5


def school_day_near(day: date, dates: TermDates) -> date:
    """``day`` on a weekday; a Saturday or Sunday moves to the Friday before, or to the Monday
    after when that Friday falls in the term before (a term that starts at a weekend)."""
    if is_school_day(day):
        return day
    friday = day - timedelta(days=day.weekday() - 4)
    if term_of(friday, dates) == term_of(day, dates):
        return friday
    return day + timedelta(days=7 - day.weekday())


def booking_text(on: date | None, at: str | None = None, place: str | None = None) -> str:
    """A booking as advisers write it: 'Tue 12 Jan 2027, 09:30, Main office' ('' if none)."""
    if on is None:
        return ""
    return ", ".join(p for p in (f"{on:%a %d %b %Y}", at or "", place or "") if p)
