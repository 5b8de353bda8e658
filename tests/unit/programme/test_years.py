"""A programme that reads as current: years by placeholder, report-card areas from 2025/26,
a primary programme beside the secondary one, and older visits drawn as they were signed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from linkadviser.documents import DocumentService, verify_pdf
from linkadviser.errors import ProgrammeError
from linkadviser.paths import programme_path
from linkadviser.programme import bundled_history, bundled_programmes
from linkadviser.programme.loader import load_programme, parse_programme
from linkadviser.programme.years import fill_years
from linkadviser.services import Services
from tests.unit.documents import builders
from tests.unit.documents.pdfs import flat

HISTORY = programme_path().parent / "history" / "norfolk-sipp-secondary-2013.1.yaml"


@pytest.mark.parametrize(("year", "results", "targets", "label"), [
    (2025, "2025", "2026", "2025/26"),
    (2026, "2026", "2027", "2026/27"),
    (2027, "2027", "2028", "2027/28"),
])
def test_placeholders_are_filled_from_the_visits_year(programme, year, results, targets, label):
    agenda = {i.key: i.text for i in programme.for_year(year).visit(1).agenda}
    assert f"including the {results} results against" in agenda["analysis"]
    assert agenda["agree-targets"] == (f"To agree targets for {targets} with the headteacher "
                                       "and chair of governors.")
    assert f"target setting process for {targets}" in agenda["target-setting-process"]
    assert f"support the {results}\nresults" in agenda["review-impact"].replace(
        f"{results} results", f"{results}\nresults")
    assert fill_years("{academic_year} after {previous_academic_year}", year) == (
        f"{label} after {year - 1}/{year % 100:02d}")
    whole = str(programme.for_year(year))
    assert "{" not in whole.replace("{'", "").replace("{}", "")
    for stale in ("2011", "2013", "RAISEonline"):
        assert stale not in whole


def test_a_2026_27_record_never_says_2011(services, documents):
    pdf = documents.render(builders.visit(services, 1, year=2026))
    text = flat(pdf)
    assert "targets for 2027" in text and "the 2026 results" in text
    for stale in ("2011", "2013", "RAISEonline", "{"):
        assert stale not in text


def test_an_unknown_placeholder_is_refused_with_the_ones_allowed():
    text = programme_path().read_text(encoding="utf-8").replace(
        "To agree targets for {target_year}", "To agree targets for {target_yeer}")
    with pytest.raises(ProgrammeError, match=r"unknown placeholder \{target_yeer\}.*"
                                             r"\{results_year\}"):
        parse_programme(text, "typo.yaml")


def test_self_evaluation_follows_the_report_card_from_2025_26(programme):
    before = programme.for_year(2024)
    assert [a.text for a in before.self_evaluation_areas][:2] == [
        "Achievement of pupils", "Quality of teaching"]
    assert before.sef_grade_label("achievement", 2) == "Good"
    after = programme.for_year(2025)
    assert [a.key for a in after.self_evaluation_areas] == [
        "inclusion", "curriculum-teaching", "achievement", "attendance-behaviour",
        "personal-development", "post-16", "leadership-governance", "safeguarding"]
    assert [g.label for g in after.self_evaluation_grades] == [
        "Exceptional", "Strong standard", "Expected standard", "Needs attention",
        "Urgent improvement"]
    assert after.sef_grade_label("safeguarding", 2) == "Not met"
    assert after.sef_grade_label("inclusion", 2) == "Strong standard"
    assert programme.visit(2).title == "School Self-Evaluation based on Ofsted's inspection " \
                                       "framework"


def test_report_card_areas_where_applicable_may_be_left_ungraded(services):
    visit_id = builders.visit(services, 2, year=2026)
    services.visits.set_keyed(visit_id, "sef_grade", "post-16", agreed_grade=None,
                              school_grade=None)
    assert "sef-grades-agreed" not in {r.criterion_key for r in services.workflow.unmet(visit_id)}
    services.visits.set_keyed(visit_id, "sef_grade", "safeguarding", agreed_grade=None)
    (unmet,) = [r for r in services.workflow.unmet(visit_id)
                if r.criterion_key == "sef-grades-agreed"]
    assert "not yet graded: Safeguarding" in unmet.detail


def test_primary_and_secondary_schools_get_their_own_programme(services):
    primary = builders.add_school(services, "Ash Primary", urn=111111)
    _set_phase(services, primary, "Primary")
    secondary = builders.add_school(services, "Oak High", urn=222222)
    primary_visit = services.workflow.ensure_visit(primary, 1, 2026)
    secondary_visit = services.workflow.ensure_visit(secondary, 1, 2026)
    assert services.visits.content(primary_visit).programme_id == "norfolk-sipp-primary"
    assert services.visits.content(secondary_visit).programme_id == "norfolk-sipp-secondary"

    documents = DocumentService.of(services)
    primary_pdf = flat(documents.render(primary_visit))
    assert "Partnership Programme (Primary)" in primary_pdf
    assert "(Secondary)" not in primary_pdf
    sheet = flat(documents.render(primary_visit, "preparation_sheet"))
    assert "key stage 2" in sheet and "(Secondary)" not in sheet
    assert "Partnership Programme (Secondary)" in flat(documents.render(secondary_visit))
    by_id = {p.id: p for p, _ in bundled_programmes()}
    assert "early-years" in {a.key for a in by_id["norfolk-sipp-primary"].for_year(2026)
                             .self_evaluation_areas}
    assert "sixth-form-monitoring" not in {
        c.key for c in by_id["norfolk-sipp-primary"].chargeable_services}


def test_older_signed_visits_render_and_verify_byte_for_byte_as_signed(store, programme):
    old = load_programme(HISTORY)
    assert old.version == "2013.1"
    then = Services(store, old, today=lambda: builders.TODAY)
    visit_id = builders.signed_visit(then, 1)
    signed_pdf = DocumentService.of(then).render(visit_id)
    assert "RAISEonline" in flat(signed_pdf)  # as it was signed

    now = Services(store, programme, today=lambda: builders.TODAY)
    assert now.programme.version == "2026.1"
    again = DocumentService.of(now).render(visit_id)
    assert again == signed_pdf
    verdict = verify_pdf(signed_pdf, now.programme, now.store, now.programmes.get)
    assert verdict.ok, verdict.lines
    assert any("byte for byte" in line for line in verdict.lines)


def test_a_store_that_never_saw_the_old_version_finds_it_in_the_bundled_history(
        store, programme, tmp_path):
    from linkadviser.store.db import open_store

    old = load_programme(HISTORY)
    then = Services(store, old, today=lambda: builders.TODAY)
    pdf = DocumentService.of(then).render(builders.signed_visit(then, 1))
    elsewhere = open_store(tmp_path / "fresh.sqlite3")
    try:
        fresh = Services(elsewhere, programme, today=lambda: builders.TODAY)
        verdict = verify_pdf(pdf, fresh.programme, None, fresh.programmes.get)
        assert verdict.ok, verdict.lines
    finally:
        elsewhere.close()
    assert bundled_history("norfolk-sipp-secondary", "2013.1") == HISTORY.read_text("utf-8")


def test_every_bundled_programme_checks(capsys):
    from linkadviser.cli import main

    paths = [p for _, p in bundled_programmes()] + [HISTORY]
    for path in paths:
        assert main(["programme", "check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "(Primary), version 2026.1" in out and "(Secondary), version 2013.1" in out


def test_a_programme_without_phases_serves_every_school(programme, store):
    everyone = replace(programme, phases=[], id="one-for-all")
    services = Services(store, everyone, today=lambda: builders.TODAY)
    assert services.programmes.for_phase("Secondary").id == "one-for-all"
    assert services.programmes.for_phase("Primary").id == "one-for-all"
    secondary_only = Services(store, replace(programme, version="2026.2"),
                              today=lambda: builders.TODAY)
    assert secondary_only.programmes.for_phase("Primary").id == "norfolk-sipp-primary"
    assert secondary_only.programmes.for_phase("Secondary").version == "2026.2"


@pytest.fixture
def services(store, programme) -> Services:
    return Services(store, programme, today=lambda: builders.TODAY)


@pytest.fixture
def documents(services) -> DocumentService:
    return DocumentService.of(services)


def _set_phase(services: Services, school_id: str, phase: str) -> None:
    from linkadviser.store.models import School

    with services.store.transaction() as session:
        session.get(School, school_id).phase = phase
