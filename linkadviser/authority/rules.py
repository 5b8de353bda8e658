"""The rules an authority may change, read strictly from ``resources/risk/``.

Risk categories, the rules that put a school in them, the flags they raise (intensive
programme, school causing concern) and the county's goal are policy, not code: an authority
edits the YAML and the reader rejects anything it does not understand, naming file, line and key.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Literal

from linkadviser.errors import LinkAdviserError
from linkadviser.paths import resources_dir
from linkadviser.programme.loader import build_yaml


class AuthorityRulesError(LinkAdviserError):
    """A risk-rules or goal file is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Condition:
    """Every condition given must hold for the rule to apply; unknown data never matches."""

    ofsted_grade_in: list[int] = field(default_factory=list)
    inspected_more_than_years_ago: float | None = None
    never_inspected: bool | None = None
    attainment_fell_by_at_least: float | None = None
    disadvantaged_gap_at_least: float | None = None
    new_headteacher_within_months: int | None = None
    overdue_action_points_at_least: int | None = None


@dataclass(frozen=True)
class Category:
    key: str
    label: str
    rank: int  # higher is more at risk; a school takes the highest rank of the rules it meets


@dataclass(frozen=True)
class Flag:
    key: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Rule:
    key: str
    category: str
    reason: str  # shown to people; may name facts in braces, e.g. {ofsted_date}
    when: Condition
    flags: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class HeadlineMeasure:
    """The imported measure (a percentage) whose trend and disadvantaged gap rules read."""

    phase: str
    measure: str
    years: int = 3  # the trend is the latest year against the earliest of this many


@dataclass(frozen=True)
class RiskRules:
    format: int
    categories: list[Category]
    default_category: str
    rules: list[Rule]
    flags: list[Flag] = field(default_factory=list)
    headline_measures: list[HeadlineMeasure] = field(default_factory=list)

    def category(self, key: str) -> Category:
        return next(c for c in self.categories if c.key == key)


@dataclass(frozen=True)
class Goal:
    """The county's ambition, e.g. good or better at least in line with England by a date."""

    format: int
    description: str
    by: date
    compare_with: str  # the comparator area, e.g. England
    phase: str = "All schools"
    margin: float = 0.0  # percentage points the county may be below the comparator
    measure: Literal["good_or_better"] = "good_or_better"


# Facts a reason may quote (see linkadviser.authority.risk.SchoolFacts).
REASON_FIELDS = {
    "name", "urn", "phase", "grade_label", "ofsted_date", "years_since_inspection",
    "attainment_change", "disadvantaged_gap", "headteacher_since", "overdue_action_points",
}


def check_rules(rules: RiskRules) -> list[str]:
    problems = []
    categories = {c.key for c in rules.categories}
    flags = {f.key for f in rules.flags}
    if rules.default_category not in categories:
        problems.append(f"default_category: {rules.default_category!r} is not a category")
    for i, rule in enumerate(rules.rules):
        where = f"rules[{i}] ({rule.key})"
        if rule.category not in categories:
            problems.append(f"{where}.category: {rule.category!r} is not one of "
                            f"{', '.join(sorted(categories))}")
        for flag in rule.flags:
            if flag not in flags:
                problems.append(f"{where}.flags: {flag!r} is not a flag listed under flags")
        for _, name, _, _ in string.Formatter().parse(rule.reason):
            if name and name not in REASON_FIELDS:
                problems.append(f"{where}.reason: {{{name}}} is not a fact a reason can quote "
                                f"({', '.join(sorted(REASON_FIELDS))})")
        if not any(getattr(rule.when, f.name) not in (None, []) for f in fields(Condition)):
            problems.append(f"{where}.when: give at least one condition")
    keys = [r.key for r in rules.rules]
    problems += [f"rules: key {k!r} is used twice" for k in sorted({k for k in keys
                                                                    if keys.count(k) > 1})]
    return problems


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AuthorityRulesError(f"{path}: cannot be read ({exc})") from exc


def parse_rules(source: str, filename: str) -> RiskRules:
    rules = build_yaml(RiskRules, source, filename, AuthorityRulesError, "risk rules")
    problems = check_rules(rules)
    if problems:
        raise AuthorityRulesError(f"{filename}: " + "; ".join(problems))
    return rules


def parse_goal(source: str, filename: str) -> Goal:
    return build_yaml(Goal, source, filename, AuthorityRulesError, "goal")


def rules_path() -> Path:
    return resources_dir() / "risk" / "rules.yaml"


def goal_path() -> Path:
    return resources_dir() / "risk" / "goal.yaml"


def load_rules(path: Path | None = None) -> RiskRules:
    path = path or rules_path()
    return parse_rules(_read(path), str(path))


def load_goal(path: Path | None = None) -> Goal:
    path = path or goal_path()
    return parse_goal(_read(path), str(path))
