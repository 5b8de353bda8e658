from datetime import date

import pytest

from linkadviser.calendar import school_day_near, term_of, year_label
from linkadviser.programme.model import TermDates


@pytest.mark.parametrize(("day", "year", "term"), [
    (date(2026, 9, 1), 2026, "autumn"),
    (date(2026, 12, 31), 2026, "autumn"),
    (date(2027, 1, 1), 2026, "spring"),
    (date(2027, 3, 31), 2026, "spring"),
    (date(2027, 4, 1), 2026, "summer"),
    (date(2027, 8, 31), 2026, "summer"),
    (date(2026, 8, 31), 2025, "summer"),
])
def test_term_of(day, year, term):
    found = term_of(day, TermDates())
    assert (found.academic_year, found.term) == (year, term)


def test_labels():
    assert year_label(2026) == "2026/27"
    assert year_label(1999) == "1999/00"
    assert term_of(date(2026, 11, 26), TermDates()).label == "Autumn 2026/27"


def test_a_weekend_day_moves_to_the_friday_before_within_its_term():
    terms = TermDates()
    assert school_day_near(date(2026, 11, 26), terms) == date(2026, 11, 26)  # a Thursday
    assert school_day_near(date(2026, 11, 28), terms) == date(2026, 11, 27)  # Sat -> Fri
    assert school_day_near(date(2026, 11, 29), terms) == date(2026, 11, 27)  # Sun -> Fri
    # Spring 2028 starts on Saturday 1 January: the Friday before is the autumn term.
    assert school_day_near(date(2028, 1, 1), terms) == date(2028, 1, 3)
    assert school_day_near(date(2028, 1, 2), terms) == date(2028, 1, 3)
