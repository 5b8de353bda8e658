"""The demo agrees with itself: what every demo document says about targets, outcomes and
objectives is what the demo's own records hold, and every signed record meets its programme.

The whole demo is loaded and read back through the services, visit by visit, as the documents
draw it; each statement of a known shape is checked against the records it speaks of.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import asdict
from datetime import date

import pytest
from sqlalchemy import select

from linkadviser.demo import caseload as demo
from linkadviser.demo.caseload import load_demo
from linkadviser.demo.consistent import NUMBER_WORDS, describe, headline_of, target_met
from linkadviser.services import Services
from linkadviser.store.models import Visit
from linkadviser.visit.content import VisitContent
from linkadviser.visit.qa_rules import missing_roles

TODAY = date(2026, 11, 26)
WORDS = {w: n for n, w in NUMBER_WORDS.items()}


@pytest.fixture(scope="module")
def demo_visits(tmp_path_factory) -> dict[tuple[int, int], dict[int, VisitContent]]:
    """Every demo visit's content, by (URN, academic year) then visit number."""
    from linkadviser.programme import default_programme
    from linkadviser.store.db import open_store

    store = open_store(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    saved, demo._import_data = demo._import_data, lambda _store: ""
    try:
        load_demo(store, default_programme(), TODAY)
        services = Services(store, default_programme(), lambda: TODAY)
        with store.session() as session:
            ids = session.scalars(select(Visit.id)).all()
        by_school: dict[tuple[int, int], dict[int, VisitContent]] = defaultdict(dict)
        for visit_id in ids:
            content = services.visits.content(visit_id)
            by_school[(content.school_urn, content.academic_year)][content.visit_number] = content
        # Check what needs the services while they are open.
        for visits in by_school.values():
            for content in visits.values():
                _check_programme(services, content)
        return dict(by_school)
    finally:
        demo._import_data = saved
        store.close()


def _check_programme(services: Services, content: VisitContent) -> None:
    """A signed demo record meets its programme's QA and carries the signers it names."""
    if content.state != "signed":
        return
    where = f"URN {content.school_urn} {content.academic_year} visit {content.visit_number}"
    unmet = [f"{r.text}: {r.detail}" for r in services.workflow.unmet(content.visit_id)]
    assert unmet == [], where
    signed = [s.role for s in content.signatures]
    assert missing_roles(services.workflow.signers(content.visit_id), signed) == [], where


def _texts(content: VisitContent) -> list[str]:
    return [*content.agenda_notes.values(), *content.section_texts.values(),
            *(t for items in content.statements.values() for t in items)]


def _targets(content: VisitContent | None) -> list[dict]:
    return [asdict(t) for t in content.targets] if content else []


def test_the_whole_demo_is_checked(demo_visits):
    numbers = [n for visits in demo_visits.values() for n in visits]
    assert len(demo_visits) >= 70 and {1, 2, 3, 4} <= set(numbers)


def test_annual_reports_account_for_the_targets_actually_agreed(demo_visits):
    checked = 0
    for (urn, year), visits in demo_visits.items():
        report = visits.get(3)
        if report is None or "report_outcomes" not in report.section_texts:
            continue
        text = report.section_texts["report_outcomes"]
        targets = [t for t in _targets(visits.get(1)) if target_met(t) is not None]
        missed = [describe(t) for t in targets if not target_met(t)]
        found = re.search(r"(\d+) of the (\d+) targets agreed at visit 1 (?:was|were) met"
                          r"(?:; not met: (.*?))?\.(?: |$)", text)
        if not targets:
            assert found is None, (urn, year, text)
            continue
        assert found, (urn, year, text)
        assert (int(found[1]), int(found[2])) == (len(targets) - len(missed), len(targets))
        assert (found[3].split("; ") if found[3] else []) == missed, (urn, year, text)
        checked += 1
    assert checked >= 30


def test_no_document_names_a_target_result_the_records_do_not_hold(demo_visits):
    """Any "the target for X was (not) met" names a target of that year, with that result."""
    claim = re.compile(r"target for ([^.;,]+?) (was|were) (not )?met", re.IGNORECASE)
    for (urn, year), visits in demo_visits.items():
        targets = {describe(t).lower(): target_met(t) for t in _targets(visits.get(1))}
        groups = {t["pupil_group"].lower() for t in _targets(visits.get(1))}
        for content in visits.values():
            for text in _texts(content):
                for match in claim.finditer(text):
                    named = match[1].lower()
                    assert named in targets or named in groups, (urn, year, text)
                    if named in targets:
                        assert targets[named] == (match[3] is None), (urn, year, text)


def test_this_years_comparison_follows_last_years_targets_and_outcomes(demo_visits):
    checked = 0
    for (urn, year), visits in demo_visits.items():
        now, before = visits.get(1), demo_visits.get((urn, year - 1), {}).get(1)
        if now is None or before is None or not before.targets or not now.targets:
            continue
        headline = headline_of(_targets(before))
        if headline["outcome"] is None:
            continue
        met = [t for t in _targets(before) if target_met(t)]
        known = [t for t in _targets(before) if target_met(t) is not None]
        for text in _texts(now):
            for figure, word in re.findall(r"Last year's target of ([\d.]+)% was (met|not met)",
                                           text):
                assert float(figure) == headline["target"], (urn, text)
                assert (word == "met") == target_met(headline), (urn, text)
            for n, m in re.findall(
                    r"(\d+) of the (\d+) targets agreed last autumn (?:was|were) met", text):
                assert (int(n), int(m)) == (len(met), len(known)), (urn, text)
            for n, m in re.findall(r"the school met (\d+) of its (\d+) targets", text):
                assert (int(n), int(m)) == (len(met), len(known)), (urn, text)
        # Last summer's result is last year's headline outcome, and this year's baseline.
        assert headline_of(_targets(now))["baseline"] == headline["outcome"], urn
        checked += 1
    assert checked >= 10


def test_agreed_headline_target_is_the_one_recorded(demo_visits):
    for (urn, _year), visits in demo_visits.items():
        visit_1 = visits.get(1)
        if visit_1 is None or not visit_1.targets:
            continue
        for text in _texts(visit_1):
            for figure in re.findall(r"first proposal to ([\d.]+)%", text):
                assert float(figure) == headline_of(_targets(visit_1))["target"], urn


OBJECTIVES = re.compile(
    r"of last year's (\w+) objectives, (all \w+ were met|\w+ were met in full and one partly "
    r"met|one was met in full and \w+ partly met)|no objectives were agreed", re.IGNORECASE)


def test_every_feedback_form_tells_one_story_of_last_years_objectives(demo_visits):
    checked = 0
    for (urn, year), visits in demo_visits.items():
        form = visits.get(4)
        if form is None or form.state == "planned":
            continue
        last = demo_visits.get((urn, year - 1), {}).get(4)
        accounts = set()
        for text in _texts(form):
            if "objective" in text.lower() and re.search(r"\bmet\b", text):
                found = OBJECTIVES.search(text)
                assert found, (urn, year, text)  # no account of its own making
                accounts.add(found[0].lower())
                if found[1]:
                    assert last is not None and WORDS[found[1]] == len(last.objectives)
                else:
                    assert last is None or not last.objectives, (urn, year, text)
        assert len(accounts) <= 1, (urn, year, accounts)
        checked += bool(accounts)
    assert checked >= 10
