"""The visit workflow: states, the QA gate, signing, read-only, amendment."""

from __future__ import annotations

import json
from datetime import date

import pytest

from linkadviser.errors import QANotMetError, ReadOnlyError, WorkflowError
from linkadviser.services import Services
from linkadviser.store.models import SignedVersion
from linkadviser.visit.content import fingerprint_of
from linkadviser.visit.workflow import SignatureInput
from tests.factories import make_school

TODAY = date(2026, 11, 26)
SIGNERS = [SignatureInput("Link Adviser", "A. Adviser", TODAY, b"png-a"),
           SignatureInput("Nominated governor", "N. Governor", TODAY, b"png-n")]


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: TODAY)


def complete_visit_4(services: Services, visit_id: str) -> None:
    edit = services.visits
    edit.set_keyed(visit_id, "qa_confirmation", "trained", confirmed=True)
    edit.add(visit_id, "attendee", name="H. Head", role="Headteacher")
    edit.add(visit_id, "attendee", name="N. Governor", role="Nominated governor")
    edit.set_keyed(visit_id, "section_text", "previous_review", text="Objectives met in part.")
    edit.set_keyed(visit_id, "section_text", "next_steps", text="Governors review in March.")
    edit.add(visit_id, "objective", text="Raise Progress 8 for disadvantaged pupils",
             success_criteria="P8 gap narrows by 0.2", monitoring="Termly data to governors")


def test_a_new_visit_is_planned_under_the_current_programme(services):
    school = make_school(services.store)
    visit_id = services.workflow.ensure_visit(school, 1)
    assert services.workflow.ensure_visit(school, 1) == visit_id
    content = services.visits.content(visit_id)
    assert content.state == "planned" and content.academic_year == 2026
    assert content.programme_version == services.programme.version


def test_states_move_only_along_the_workflow(services):
    visit_id = services.workflow.ensure_visit(make_school(services.store), 4)
    complete_visit_4(services, visit_id)  # preparation may be written before the visit
    with pytest.raises(WorkflowError, match="Only a signed visit can be amended"):
        services.workflow.amend(visit_id, "why")
    with pytest.raises(WorkflowError, match="is planned; it cannot become signed"):
        services.workflow.sign(visit_id, SIGNERS)
    with pytest.raises(WorkflowError, match="is planned; it cannot become in progress"):
        services.workflow.reopen(visit_id)
    services.workflow.prepare(visit_id)
    services.workflow.start(visit_id)
    assert services.visits.content(visit_id).visit_date == TODAY
    with pytest.raises(WorkflowError, match="is in progress; it cannot become in progress"):
        services.workflow.start(visit_id)
    services.workflow.mark_ready(visit_id)
    services.workflow.reopen(visit_id)
    assert services.visits.content(visit_id).state == "in_progress"


def test_ready_to_sign_is_refused_while_qa_is_unmet_and_says_which(services):
    visit_id = services.workflow.start_next(make_school(services.store), 4)
    with pytest.raises(QANotMetError) as caught:
        services.workflow.mark_ready(visit_id)
    unmet = {r.criterion_key for r in caught.value.unmet}
    assert unmet == {"trained", "feedback-form-complete", "objectives-smart", "took-part"}
    assert "All Link Advisers must be appropriately trained" in str(caught.value)
    assert services.visits.content(visit_id).state == "in_progress"
    complete_visit_4(services, visit_id)
    services.workflow.mark_ready(visit_id)
    assert services.visits.content(visit_id).state == "ready_to_sign"


def test_qa_targets_point_to_where_each_problem_is_fixed(services):
    visit_id = services.workflow.start_next(make_school(services.store), 1)
    targets = {r.criterion_key: r.target for r in services.workflow.unmet(visit_id)}
    assert targets["attendees-recorded"] == "attendees"
    assert targets["activities-summarised"] == "agenda:analysis"
    assert targets["targets-agreed"] == "section:targets"
    assert targets["accurate-data"] == "qa"


def test_signing_needs_both_signatures(services):
    visit_id = services.workflow.start_next(make_school(services.store), 4)
    complete_visit_4(services, visit_id)
    services.workflow.mark_ready(visit_id)
    with pytest.raises(WorkflowError, match="Still to sign: Nominated governor"):
        services.workflow.sign(visit_id, SIGNERS[:1])
    assert services.visits.content(visit_id).state == "ready_to_sign"


def test_signed_visit_is_read_only_and_fingerprinted(services):
    visit_id = services.workflow.start_next(make_school(services.store), 4)
    complete_visit_4(services, visit_id)
    services.workflow.mark_ready(visit_id)
    fingerprint = services.workflow.sign(visit_id, SIGNERS)
    with services.store.session() as session:
        signed = session.query(SignedVersion).filter_by(visit_id=visit_id).one()
    assert signed.fingerprint == fingerprint == fingerprint_of(json.loads(signed.content_json))
    assert {s["role"] for s in json.loads(signed.content_json)["signatures"]} == {
        "Link Adviser", "Nominated governor"}
    with pytest.raises(ReadOnlyError, match="Choose Amend"):
        services.visits.set_keyed(visit_id, "section_text", "next_steps", text="changed")
    with pytest.raises(ReadOnlyError):
        services.visits.add(visit_id, "objective", text="sneaked in")
    assert services.visits.content(visit_id).section_texts["next_steps"] == (
        "Governors review in March.")


def test_amendment_keeps_the_original_and_signs_a_new_version(services):
    visit_id = services.workflow.start_next(make_school(services.store), 4)
    complete_visit_4(services, visit_id)
    services.workflow.mark_ready(visit_id)
    first = services.workflow.sign(visit_id, SIGNERS)
    with pytest.raises(WorkflowError, match="Say why"):
        services.workflow.amend(visit_id, "  ")
    services.workflow.amend(visit_id, "Chair asked for the March date to be corrected")
    services.visits.set_keyed(visit_id, "section_text", "next_steps", text="Review in April.")
    services.workflow.mark_ready(visit_id)
    second = services.workflow.sign(visit_id, SIGNERS)
    assert first != second
    with services.store.session() as session:
        versions = session.query(SignedVersion).filter_by(visit_id=visit_id).order_by(
            SignedVersion.version).all()
    assert [v.version for v in versions] == [1, 2]
    assert "Governors review in March." in versions[0].content_json
    assert "Review in April." in versions[1].content_json
    assert services.visits.content(visit_id).visit_id == visit_id  # same record identity


def test_visit_1_targets_may_speak_of_absence_or_disadvantaged_pupils(services):
    """The performance tables word attendance as absence and FSM as disadvantaged."""
    visit_id = services.workflow.start_next(make_school(services.store), 1)

    def target_problem() -> str:
        return next((r.detail for r in services.workflow.unmet(visit_id)
                     if r.criterion_key == "targets-agreed"), "")

    add = services.visits.add
    add(visit_id, "target", measure="overall absence", pupil_group="All pupils",
        baseline=5.0, target=4.7, agreed=True)
    assert target_problem() == "no agreed target for FSM or disadvantaged, SEN"
    add(visit_id, "target", measure="Progress 8", pupil_group="Disadvantaged pupils",
        baseline=-0.5, target=-0.3, agreed=True)
    add(visit_id, "target", measure="Progress 8", pupil_group="Pupils with SEN support",
        baseline=-0.9, target=-0.7, agreed=False)
    assert target_problem() == "no agreed target for SEN"
    add(visit_id, "target", measure="% reaching the expected standard in RWM",
        pupil_group="Pupils with SEN support", baseline=20.0, target=25.0, agreed=True)
    assert target_problem() == ""


def test_signed_content_reads_back_to_the_same_content(services):
    """from_canonical is canonical's inverse: documents re-read signed versions with it."""
    from linkadviser.visit.content import VisitContent, canonical_json

    visit_id = services.workflow.start_next(make_school(services.store), 4)
    complete_visit_4(services, visit_id)
    services.visits.add(visit_id, "action_point", text="Review", owner="Chair",
                        due_date=TODAY)
    services.workflow.mark_ready(visit_id)
    services.workflow.sign(visit_id, SIGNERS)
    with services.store.session() as session:
        stored = session.query(SignedVersion).filter_by(visit_id=visit_id).one()
    content = VisitContent.from_canonical(json.loads(stored.content_json))
    assert canonical_json(content.canonical()) == stored.content_json
    assert content.fingerprint() == stored.fingerprint
    assert content.action_points[0].due_date == TODAY
