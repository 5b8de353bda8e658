"""A booking (date, time, place) travels with its visit to the centre, and so does a re-booking."""

from __future__ import annotations

from datetime import date, time

from linkadviser.programme import default_programme
from linkadviser.services import Services
from linkadviser.store.models import Visit
from linkadviser.visit.booking import Booking
from tests.unit.sync.sync_helpers import Exchange


def test_a_booking_and_a_re_booking_reach_the_centre(tmp_path, central):
    ex = Exchange(tmp_path, central)
    try:
        ex.to_adviser("ann", ex.ann)
        ann = Services(ex.ann, default_programme(), lambda: date(2026, 11, 26))
        visit_id = ann.bookings.book(ex.ids["s1"], 2, Booking(date(2027, 1, 12), time(9, 30),
                                                              "Head's office"))
        ex.to_centre(ex.ann)
        with ex.centre.session() as session:
            visit = session.get(Visit, visit_id)
            assert (visit.planned_date, visit.planned_time, visit.planned_place) == (
                date(2027, 1, 12), "09:30", "Head's office")
            assert visit.adviser_id == ex.ids["ann"]  # the store's adviser, named by the centre
        ann.bookings.book(ex.ids["s1"], 2, Booking(date(2027, 1, 19)))
        ex.to_centre(ex.ann)
        with ex.centre.session() as session:
            visit = session.get(Visit, visit_id)
            assert (visit.planned_date, visit.planned_time, visit.planned_place) == (
                date(2027, 1, 19), None, None)
    finally:
        ex.close()
