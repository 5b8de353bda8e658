from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select

from linkadviser.data.analysis import analyse
from linkadviser.data.config import default_rules, load_rules, read_spec
from linkadviser.data.errors import DataConfigError
from linkadviser.data.importer import import_file
from linkadviser.data.preparation import (
    prepare_school,
    record_target_outcomes,
    save_proposed_targets,
    save_questions,
)
from linkadviser.data.questions import prepare_questions
from linkadviser.data.spec import QuestionRules
from linkadviser.data.targets import propose_targets
from linkadviser.errors import NotFoundError, ReadOnlyError
from linkadviser.paths import resources_dir
from linkadviser.store.models import Question, Target, Visit
from tests.unit.data.conftest import CASELOAD_URN, fixture
from tests.unit.data.test_analysis import figures

RULES = default_rules()


def imported(store, *names: str) -> None:
    for year in ("2022-2023", "2023-2024", "2024-2025"):
        for name in names:
            import_file(store, fixture(name, year))


def test_the_issue_example_ranks_first_and_cites_its_figures():
    facts = analyse(figures([
        (2022, "ks2_mat_progress", "disadvantaged", -0.5, -2.0, 1.0, -0.6, -0.8),
        (2023, "ks2_mat_progress", "disadvantaged", -1.5, -3.0, 0.0, -0.6, -0.8),
        (2024, "ks2_mat_progress", "disadvantaged", -3.0, -4.5, -1.5, -0.6, -0.8),
        (2024, "ks2_mat_progress", "not_disadvantaged", 0.2, -1.0, 1.4, 0.1, 0.3),
        (2024, "ks2_rwm_expected", "all", 58.0, None, None, 59.0, 61.0),
    ]), RULES)
    questions = prepare_questions(facts, RULES.questions)
    top = questions[0]
    assert (top.rule, top.measure, top.group) == (
        "significantly-below-and-falling", "ks2_mat_progress", "disadvantaged")
    assert "fallen two years running" in top.text
    assert "-3.00" in top.evidence and "-4.50 to -1.50" in top.evidence
    assert "2022/23 -0.50, 2023/24 -1.50, 2024/25 -3.00" in top.evidence
    assert len({(q.measure, q.group) for q in questions}) == len(questions)  # one per fact
    assert all(q.measure != "ks2_rwm_expected" for q in questions)  # under one notable step


def test_context_measures_never_prompt_questions():
    facts = analyse(figures([(2024, "percent_fsm_ever", "all", 60.0, None, None, 25.0, 24.0)]),
                    RULES)
    assert prepare_questions(facts, RULES.questions) == []


def test_rule_files_are_strict_about_keys(tmp_path):
    path = tmp_path / "questions.yaml"
    path.write_text("format: 1\nrules:\n  - id: x\n    weight: 1\n    when: []\n"
                    "    question: q\n    evidence: e\n    colour: red\n")
    with pytest.raises(DataConfigError, match=r"questions.yaml:8: rules\[0\].colour: unknown"):
        read_spec(QuestionRules, path)


def test_a_rule_naming_an_unknown_measure_is_refused(tmp_path):
    folder = tmp_path / "data"
    (folder / "kinds").mkdir(parents=True)
    source = resources_dir() / "data"
    for name in ("catalogue.yaml", "targets.yaml", "kinds/ks4.yaml"):
        (folder / name).write_text((source / name).read_text())
    (folder / "questions.yaml").write_text(
        (source / "questions.yaml").read_text().replace(
            "measures: [overall_absence,", "measures: [overal_absence,"))
    with pytest.raises(DataConfigError, match="unknown measure 'overal_absence'"):
        load_rules(folder)


def test_targets_close_part_of_the_gap_to_the_best_benchmark():
    facts = analyse(figures([
        (2024, "ks4_att8", "all", 40.0, None, None, 44.0, 46.0),
        (2024, "persistent_absence", "all", 15.0, None, None, 18.0, 19.0),
        (2024, "ks4_att8", "disadvantaged", 30.0, None, None, 33.0, 35.0),
        (2024, "ks4_att8", "not_disadvantaged", 45.0, None, None, 49.0, 50.0),
    ]), RULES)
    proposed = {(t.measure, t.group): t for t in propose_targets(facts, RULES)}
    att8 = proposed[("ks4_att8", "all")]
    assert (att8.baseline, att8.target, att8.for_year) == (40.0, 43.0, 2025)  # half of 6
    assert "England 46.0" in att8.reasoning
    absence = proposed[("persistent_absence", "all")]  # already better: one more step down
    assert absence.target == 14.0
    dis = proposed[("ks4_att8", "disadvantaged")]  # closes on other pupils nationally (50)
    assert dis.target == 35.0 and "nationally 50.0" in dis.reasoning


def test_prepare_and_save_into_a_visit_keeps_what_is_there(store, visit_one):
    imported(store, "england_ks2final.csv", "england_abs.csv")
    prepared = prepare_school(store, CASELOAD_URN)
    assert prepared.questions and prepared.targets
    with store.transaction() as session:
        session.add(Question(visit_id=visit_one, text="Adviser's own", position=0))
    assert save_questions(store, visit_one, prepared.questions) == len(prepared.questions)
    assert save_questions(store, visit_one, prepared.questions) == 0  # again: nothing new
    assert save_proposed_targets(store, visit_one, prepared.targets) == len(prepared.targets)
    with store.session() as session:
        visit = session.get(Visit, visit_one)
        assert visit.questions[0].text == "Adviser's own"
        assert [q.position for q in visit.questions] == list(range(len(visit.questions)))
        assert visit.questions[1].source == prepared.questions[0].rule
        assert not any(t.agreed for t in visit.targets)


def test_a_signed_visit_refuses_prepared_questions(store, visit_one):
    imported(store, "england_ks2final.csv")
    with store.transaction() as session:
        session.get(Visit, visit_one).state = "signed"
    prepared = prepare_school(store, CASELOAD_URN)
    with pytest.raises(ReadOnlyError):
        save_questions(store, visit_one, prepared.questions)


def test_no_data_for_a_school_is_a_clear_error(store):
    with pytest.raises(NotFoundError, match="No data has been imported for URN 123"):
        prepare_school(store, 123)


def test_agreed_targets_show_met_or_missed_when_the_year_arrives(store, visit_one,
                                                                 caseload_school):
    import_file(store, fixture("england_ks2final.csv", "2023-2024"))
    prepared = prepare_school(store, CASELOAD_URN, for_year=2024)
    wanted = [t for t in prepared.targets if t.group == "all"]
    save_proposed_targets(store, visit_one, [replace(t, target=t.baseline) for t in wanted])
    with store.transaction() as session:
        for target in session.scalars(select(Target)):
            target.agreed = True
    assert record_target_outcomes(store, caseload_school) == []  # 2024/25 not imported yet
    import_file(store, fixture("england_ks2final.csv", "2024-2025"))
    (result,) = record_target_outcomes(store, caseload_school)
    assert (result.target, result.outcome) == (51.0, 51.0)  # 51% both years
    assert result.met and result.text.endswith("met (exactly)")
    with store.session() as session:
        assert session.scalars(select(Target.outcome)).one() == 51.0


def test_missed_by_how_much(store):
    from linkadviser.data.targets import judge
    result = judge("t", RULES.measure("overall_absence"), "All pupils", 5.0, 5.6, 0.0, 2025)
    assert not result.met and result.by == pytest.approx(-0.6)
    assert "missed by 0.6 percentage points" in result.text


def test_sen_targets_close_on_sen_pupils_nationally_not_on_pupils_without_sen():
    facts = analyse(figures([
        (2024, "ks2_rwm_expected", "sen_support", 11.0, None, None, 22.0, 24.0),
        (2024, "ks2_rwm_expected", "no_sen", 66.0, None, None, 68.0, 70.0),
    ]), RULES)
    (sen,) = [t for t in propose_targets(facts, RULES) if t.group == "sen_support"]
    assert sen.target == 18.0  # halfway to England's 24%, not towards 70%
    assert "England 24%" in sen.reasoning


def test_importing_the_next_year_judges_agreed_targets_by_itself(store, programme, visit_one,
                                                                 caseload_school):
    """No separate step: the import that brings the results says how the targets went, and
    the school view then shows met or missed with the margin."""
    from datetime import date

    from linkadviser.services import Services

    import_file(store, fixture("england_ks2final.csv", "2023-2024"))
    prepared = prepare_school(store, CASELOAD_URN, for_year=2024)
    wanted = [t for t in prepared.targets if t.group == "all"]
    save_proposed_targets(store, visit_one, [replace(t, target=t.baseline + 2) for t in wanted])
    with store.transaction() as session:
        for target in session.scalars(select(Target)):
            target.agreed = True
    report = import_file(store, fixture("england_ks2final.csv", "2024-2025"))
    assert (report.targets_judged, report.targets_met) == (1, 0)
    assert "agreed targets with a result now known: 1 (0 met)" in "\n".join(report.lines())
    overview = Services(store, programme, lambda: date(2025, 11, 1)).caseload.overview(
        caseload_school)
    (target,) = overview.targets
    assert target.met is False and target.how == "missed by 2 percentage points"
