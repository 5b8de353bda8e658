"""What is due this term, what is overdue, and what is open, per school."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from linkadviser.errors import NotFoundError
from linkadviser.services import Services
from linkadviser.store.models import Visit
from tests.factories import make_school


def services_on(store, programme, day: date) -> Services:
    return Services(store, programme, lambda: day)


def test_in_autumn_visits_1_and_4_are_due(store, programme):
    make_school(store, name="Caldor High")
    rows = services_on(store, programme, date(2026, 11, 26)).caseload.rows()
    assert rows[0].next_visit.number == 1 and rows[0].next_visit.status == "due"
    schedule = {v.number: v.status for v in services_on(store, programme, date(2026, 11, 26))
                .caseload.overview(rows[0].school_id).schedule}
    assert schedule == {1: "due", 2: "upcoming", 3: "upcoming", 4: "due"}


def test_in_summer_unsigned_autumn_and_spring_visits_are_overdue(store, programme):
    school = make_school(store)
    summer = services_on(store, programme, date(2027, 5, 10))
    row = summer.caseload.rows()[0]
    assert row.overdue == 3  # visits 1, 2 and 4
    assert [(r.urn, v.number, v.status) for r, v in summer.caseload.due()] == [
        (row.urn, 1, "overdue"), (row.urn, 2, "overdue"), (row.urn, 3, "due"),
        (row.urn, 4, "overdue")]
    assert school == row.school_id


def test_signed_visits_are_done(store, programme):
    from tests.unit.visit.test_workflow import SIGNERS, complete_visit_4

    school = make_school(store)
    services = services_on(store, programme, date(2026, 11, 26))
    visit_id = services.workflow.start_next(school, 4)
    complete_visit_4(services, visit_id)
    services.workflow.mark_ready(visit_id)
    services.workflow.sign(visit_id, SIGNERS)
    schedule = {v.number: v.status for v in services.caseload.overview(school).schedule}
    assert schedule[4] == "done" and schedule[1] == "due"


def test_next_visit_follows_the_terms_not_the_numbering(store, programme):
    """Visit 4 is an autumn visit: once visit 1 is signed it comes before visit 2 (spring)."""
    school = make_school(store)
    services = services_on(store, programme, date(2026, 11, 26))
    visit_id = services.workflow.start_next(school, 1)
    with store.transaction() as session:  # stand-in for a completed, signed visit 1
        session.get(Visit, visit_id).state = "signed"
    row = services.caseload.rows()[0]
    assert (row.next_visit.number, row.next_visit.status) == (4, "due")


def test_open_and_overdue_action_points_are_counted(store, programme):
    today = date(2026, 11, 26)
    services = services_on(store, programme, today)
    school = make_school(store)
    visit_id = services.workflow.start_next(school, 1)
    services.visits.add(visit_id, "action_point", text="Late", owner="Head",
                        due_date=today - timedelta(days=3))
    services.visits.add(visit_id, "action_point", text="Soon", owner="Head",
                        due_date=today + timedelta(days=30))
    done = services.visits.add(visit_id, "action_point", text="Done", owner="Head",
                               due_date=today - timedelta(days=30))
    services.visits.update("action_point", done, status="done")
    row = services.caseload.rows()[0]
    assert (row.open_actions, row.overdue_actions) == (2, 1)
    overview = services.caseload.overview(school)
    assert [a.overdue for a in overview.action_points if a.status == "open"].count(True) == 1


def test_search_by_name_or_urn(store, programme):
    make_school(store, name="Oakhurst Academy", urn=990500)
    make_school(store, name="Langmere Primary School", urn=990611)
    caseload = services_on(store, programme, date(2026, 11, 26)).caseload
    assert [r.name for r in caseload.rows("oak")] == ["Oakhurst Academy"]
    assert [r.name for r in caseload.rows("9906")] == ["Langmere Primary School"]
    assert caseload.rows("nothing like it") == []


def test_unknown_urn_is_a_clear_error(store, programme):
    with pytest.raises(NotFoundError, match="No school with URN 123"):
        services_on(store, programme, date(2026, 11, 26)).caseload.school_by_urn(123)
