"""Questions and hypotheses for a visit, from the analysis and the rules in questions.yaml.

Each rule tests the facts of one measure and group; a fact prompts at most one question (the
highest ranked rule), so the adviser reads one question about maths progress, not three.
"""

from __future__ import annotations

import operator
from dataclasses import asdict, dataclass

from linkadviser.data.analysis import Fact
from linkadviser.data.spec import Condition, QuestionRule, QuestionRules

_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
        "==": operator.eq, "!=": operator.ne}
RANK_CAP = 5.0
RANK_SCALE = 10.0


@dataclass(frozen=True)
class PreparedQuestion:
    rule: str
    text: str
    evidence: str
    score: float
    measure: str
    group: str

    def as_dict(self) -> dict:
        return asdict(self)


class _Fields(dict):
    """Fact fields for a template; a field the fact lacks reads as 'not available'."""

    def __missing__(self, key: str) -> str:
        return "not available"


def holds(condition: Condition, fact: Fact) -> bool:
    value = fact.get(condition.field)
    if value is None or value == "":
        return False
    if condition.equals is not None and str(value) != condition.equals:
        return False
    if condition.op is not None:
        if condition.value is None or not isinstance(value, (int, float)):
            return False
        return _OPS[condition.op](value, condition.value)
    return True


def _applies(rule: QuestionRule, fact: Fact) -> bool:
    if fact["context"]:
        return False
    if rule.measures and fact["measure"] not in rule.measures:
        return False
    if rule.groups and fact["group"] not in rule.groups:
        return False
    return all(holds(c, fact) for c in rule.when)


def _score(rule: QuestionRule, fact: Fact) -> float:
    size = fact.get(rule.rank_by) if rule.rank_by else None
    extra = min(abs(size), RANK_CAP) * RANK_SCALE if isinstance(size, (int, float)) else 0.0
    return round(rule.weight + extra, 2)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]


def prepare_questions(facts: list[Fact], rules: QuestionRules) -> list[PreparedQuestion]:
    """The ranked questions (at most ``rules.most``), best first, each citing its figures."""
    best: dict[tuple[str, str], PreparedQuestion] = {}
    for fact in facts:
        for rule in rules.rules:
            if not _applies(rule, fact):
                continue
            fields = _Fields(fact)
            found = PreparedQuestion(
                rule.id, _sentence(rule.question.format_map(fields)),
                _sentence(rule.evidence.format_map(fields)),
                _score(rule, fact), fact["measure"], fact["group"])
            key = (fact["measure"], fact["group"])
            if key not in best or found.score > best[key].score:
                best[key] = found
    ranked = sorted(best.values(), key=lambda q: (-q.score, q.measure, q.group))
    return ranked[: rules.most]
