from datetime import date

from linkadviser.authority.risk import SchoolFacts, assess, assess_all
from linkadviser.authority.rules import load_rules

TODAY = date(2026, 11, 26)
RULES = load_rules()


def facts(**fields):
    values = {"urn": 1, "name": "Ash", "phase": "Primary", "ofsted_grade": 2,
              "ofsted_date": date(2024, 1, 1)}
    values.update(fields)
    return SchoolFacts(**values)


def test_requires_improvement_is_flagged_for_the_intensive_programme():
    result = assess(facts(ofsted_grade=3, ofsted_date=date(2025, 3, 1)), RULES, TODAY)
    assert result.category == "high"
    assert result.flags == ["intensive-programme"]
    assert result.reasons == ["Judged Requires improvement by Ofsted (2025-03-01)"]


def test_inadequate_is_a_school_causing_concern():
    result = assess(facts(ofsted_grade=4), RULES, TODAY)
    assert result.flags == ["causing-concern"] and result.category == "high"


def test_good_school_with_nothing_known_against_it_is_low_and_says_what_is_unknown():
    result = assess(facts(), RULES, TODAY)
    assert (result.category, result.reasons) == ("low", [])
    assert "attainment trend" in result.unknown


def test_every_rule_met_is_a_reason_and_the_worst_category_wins():
    result = assess(facts(ofsted_date=date(2019, 1, 1), attainment_change=-8.0,
                          headteacher_since=date(2026, 4, 1), overdue_action_points=4),
                    RULES, TODAY)
    assert result.category == "high"  # good, but falling data with a new head
    assert "causing-concern" in result.flags
    assert any("fell by 8.0" in r for r in result.reasons)
    assert any("4 agreed action points are overdue" in r for r in result.reasons)
    assert any("8 years ago" in r for r in result.reasons)
    assert len(result.reasons) == 5


def test_missing_facts_never_trigger_a_rule():
    result = assess(facts(ofsted_date=None), RULES, TODAY)
    assert result.reasons == []
    assert "inspection date" in result.unknown


def test_never_inspected_is_medium():
    assert assess(facts(ofsted_grade=None, ofsted_date=None), RULES, TODAY).category == "medium"


def test_list_is_in_priority_order():
    results = assess_all([facts(name="Low"), facts(name="Ri", ofsted_grade=3),
                          facts(name="Old", ofsted_date=date(2010, 1, 1))], RULES, TODAY)
    assert [r.facts.name for r in results] == ["Ri", "Old", "Low"]
