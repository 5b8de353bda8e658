"""Each school's risk of not providing a good education, by the authority's rules, with reasons.

The judgement is only as good as what is known: a fact that is missing (no inspection date, no
performance data imported yet) never triggers a rule, and the school's row says which facts
were unknown so nobody reads "low risk" as "checked and fine".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from linkadviser.authority.grades import GRADE_NAMES
from linkadviser.authority.rules import Condition, RiskRules, Rule


@dataclass(frozen=True)
class SchoolFacts:
    urn: int
    name: str
    phase: str
    ofsted_grade: int | None = None
    ofsted_date: date | None = None
    attainment_change: float | None = None  # points, latest year against the earliest imported
    disadvantaged_gap: float | None = None  # points, non-disadvantaged minus disadvantaged
    headteacher_since: date | None = None
    overdue_action_points: int = 0
    adviser: str = ""
    kind: str = ""  # LA maintained, Academy, Free school (from GIAS)


@dataclass(frozen=True)
class RiskResult:
    facts: SchoolFacts
    category: str
    category_label: str
    rank: int
    reasons: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def _years_since(when: date | None, today: date) -> float | None:
    return None if when is None else (today - when).days / 365.25


def _months_since(when: date | None, today: date) -> float | None:
    return None if when is None else (today - when).days / 30.44


def holds(when: Condition, facts: SchoolFacts, today: date) -> bool:
    """True when every condition given holds; a missing fact fails its condition."""
    tests: list[bool] = []
    if when.ofsted_grade_in:
        tests.append(facts.ofsted_grade in when.ofsted_grade_in)
    if when.never_inspected is not None:
        tests.append((facts.ofsted_grade is None) == when.never_inspected)
    if when.inspected_more_than_years_ago is not None:
        years = _years_since(facts.ofsted_date, today)
        tests.append(years is not None and years > when.inspected_more_than_years_ago)
    if when.attainment_fell_by_at_least is not None:
        change = facts.attainment_change
        tests.append(change is not None and -change >= when.attainment_fell_by_at_least)
    if when.disadvantaged_gap_at_least is not None:
        gap = facts.disadvantaged_gap
        tests.append(gap is not None and gap >= when.disadvantaged_gap_at_least)
    if when.new_headteacher_within_months is not None:
        months = _months_since(facts.headteacher_since, today)
        tests.append(months is not None and months <= when.new_headteacher_within_months)
    if when.overdue_action_points_at_least is not None:
        tests.append(facts.overdue_action_points >= when.overdue_action_points_at_least)
    return bool(tests) and all(tests)


def _reason(rule: Rule, facts: SchoolFacts, today: date) -> str:
    years = _years_since(facts.ofsted_date, today)
    values = {
        "name": facts.name, "urn": facts.urn, "phase": facts.phase,
        "grade_label": GRADE_NAMES.get(facts.ofsted_grade or 0, "not graded"),
        "ofsted_date": facts.ofsted_date.isoformat() if facts.ofsted_date else "no date",
        "years_since_inspection": f"{years:.0f}" if years is not None else "unknown",
        "attainment_change": f"{abs(facts.attainment_change or 0):.1f}",
        "disadvantaged_gap": f"{facts.disadvantaged_gap or 0:.1f}",
        "headteacher_since": facts.headteacher_since or "unknown",
        "overdue_action_points": facts.overdue_action_points,
    }
    return rule.reason.format(**values)


def _unknown(facts: SchoolFacts) -> list[str]:
    missing = []
    if facts.ofsted_grade is not None and facts.ofsted_date is None:
        missing.append("inspection date")
    if facts.attainment_change is None:
        missing.append("attainment trend")
    if facts.disadvantaged_gap is None:
        missing.append("disadvantaged gap")
    if facts.headteacher_since is None:
        missing.append("headteacher start date")
    return missing


def assess(facts: SchoolFacts, rules: RiskRules, today: date) -> RiskResult:
    met = [rule for rule in rules.rules if holds(rule.when, facts, today)]
    categories = [rules.category(rule.category) for rule in met]
    worst = max(categories, key=lambda c: c.rank, default=rules.category(rules.default_category))
    flags = sorted({flag for rule in met for flag in rule.flags})
    return RiskResult(
        facts, worst.key, worst.label, worst.rank,
        [_reason(rule, facts, today) for rule in met], flags, _unknown(facts),
    )


def assess_all(schools: list[SchoolFacts], rules: RiskRules, today: date) -> list[RiskResult]:
    """Most at risk first, then by name, so the list reads as a priority order."""
    results = [assess(facts, rules, today) for facts in schools]
    return sorted(results, key=lambda r: (-r.rank, -len(r.reasons), r.facts.name))
