"""Governors' part, as the programme says: who takes part, who signs, targets sanctioned."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from linkadviser.errors import QANotMetError, WorkflowError
from linkadviser.services import Services
from linkadviser.store.models import Attendee
from linkadviser.store.models_school import TargetSanction
from linkadviser.visit.workflow import SignatureInput
from tests.unit.documents import builders

TODAY = builders.TODAY


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: TODAY)


def _remove_attendee(services: Services, visit_id: str, role: str) -> None:
    with services.store.transaction() as session:
        for attendee in session.scalars(select(Attendee).where(
                Attendee.visit_id == visit_id, Attendee.role == role)):
            session.delete(attendee)


def test_programme_names_who_takes_part_and_signs(programme):
    assert programme.visit(1).participants == ["Headteacher", "Chair of governors"]
    assert programme.visit(1).signers_of("record_of_visit") == [
        "Link Adviser", "Headteacher", "Chair of governors"]
    assert programme.visit(4).participants == ["Headteacher", "Nominated governor"]
    assert programme.visit(4).signers_of("governor_feedback_form") == [
        "Link Adviser", "Nominated governor"]


def test_qa_gate_refuses_visit_1_without_the_chair_and_names_who_is_missing(services):
    visit_id = builders.visit(services, 1)
    _remove_attendee(services, visit_id, "Chair of governors")
    with pytest.raises(QANotMetError) as caught:
        services.workflow.mark_ready(visit_id)
    (unmet,) = [r for r in caught.value.unmet if r.criterion_key == "took-part"]
    assert unmet.detail == "not recorded as taking part: Chair of governors"
    assert unmet.target == "attendees"
    assert "Chair of governors" in str(caught.value)

    services.visits.add(visit_id, "attendee", name="Bob Chair", role="Chair of governors")
    services.workflow.mark_ready(visit_id)  # now it may go forward


def test_qa_gate_refuses_visit_4_without_a_nominated_governor(services):
    visit_id = builders.visit(services, 4)
    _remove_attendee(services, visit_id, "Nominated governor")
    with pytest.raises(QANotMetError, match="not recorded as taking part: Nominated governor"):
        services.workflow.mark_ready(visit_id)
    # The chair alone is not a nominated governor.
    assert "Chair of governors" in {a.role for a in services.visits.content(visit_id).attendees}

    services.visits.add(visit_id, "attendee", name="Nia Governor", role="Nominated governor")
    services.workflow.mark_ready(visit_id)


def test_visit_1_record_needs_the_headteacher_and_the_chair_to_sign(services):
    visit_id = builders.visit(services, 1)
    services.workflow.mark_ready(visit_id)
    head_only = builders.signatures(number=2)  # adviser and headteacher
    with pytest.raises(WorkflowError, match="Still to sign: Chair of governors"):
        services.workflow.sign(visit_id, head_only)
    assert services.visits.content(visit_id).state == "ready_to_sign"  # nothing changed
    services.workflow.sign(visit_id, builders.signatures(number=1))
    assert services.visits.content(visit_id).state == "signed"


@pytest.mark.parametrize(("number", "school_signers", "missing"), [
    (4, [("Chair of governors", "Bob Chair")], "Nominated governor"),
    # A second headteacher signature does not stand in for the chair.
    (1, [("Headteacher", "Ann Head"), ("Headteacher", "Ann")], "Chair of governors"),
])
def test_the_school_signers_the_programme_names_are_all_needed(services, number,
                                                               school_signers, missing):
    visit_id = builders.visit(services, number)
    services.workflow.mark_ready(visit_id)
    given = [SignatureInput("Link Adviser", "S. Llŷr", TODAY),
             *(SignatureInput(role, name, TODAY) for role, name in school_signers)]
    with pytest.raises(WorkflowError, match=f"Still to sign: {missing}"):
        services.workflow.sign(visit_id, given)
    services.workflow.sign(visit_id, builders.signatures(number=number))


def test_governors_sanction_agreed_targets_after_the_record_is_signed(services):
    visit_id = builders.signed_visit(services, 1)
    school_id = _school_of(services, visit_id)
    assert services.sanctions.summary(school_id).text == (
        "3 targets agreed in 2026/27; awaiting governors' sanction.")
    meeting = date(2026, 11, 26)
    assert services.sanctions.sanction(visit_id, meeting) == 3
    assert set(services.sanctions.for_visit(visit_id).values()) == {meeting}
    summary = services.sanctions.summary(school_id)
    assert summary.text == ("3 targets agreed in 2026/27; sanctioned by governors on "
                            "26 November 2026.")
    # The signed record is untouched: still signed, same version.
    content = services.visits.content(visit_id)
    assert (content.state, content.signed_version) == ("signed", 1)


def test_a_sanction_in_the_future_or_before_the_visit_changes_nothing(services):
    visit_id = builders.visit(services, 1)
    with pytest.raises(WorkflowError, match="in the future"):
        services.sanctions.sanction(visit_id, date(2027, 1, 1))
    with pytest.raises(WorkflowError, match="before the visit"):
        services.sanctions.sanction(visit_id, date(2026, 9, 1))
    with services.store.session() as session:
        assert session.scalars(select(TargetSanction)).all() == []
    empty = services.workflow.ensure_visit(builders.add_school(services, urn=654321), 1, 2026)
    with pytest.raises(WorkflowError, match="No targets are agreed"):
        services.sanctions.sanction(empty, TODAY)


def _school_of(services: Services, visit_id: str) -> str:
    from linkadviser.store.models import Visit

    with services.store.session() as session:
        return session.get(Visit, visit_id).school_id


def test_one_target_is_counted_in_the_singular():
    from linkadviser.visit.sanction import SanctionSummary

    one = SanctionSummary("v", "2026/27", 1, 0, None)
    assert one.text == "1 target agreed in 2026/27; awaiting governors' sanction."
    done = SanctionSummary("v", "2026/27", 1, 1, date(2026, 12, 1))
    assert done.text.startswith("1 target agreed in 2026/27; sanctioned by governors on")
