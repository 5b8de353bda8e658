"""Proposing visit 1's targets from the data, and judging them when the results arrive.

A proposal is only a starting point: the adviser edits and agrees it with the headteacher and
chair. The reasoning says which benchmark it closes on and by how much, so the adviser can
defend (or change) it in the meeting.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from linkadviser.data.analysis import Fact, fmt
from linkadviser.data.config import DataRules
from linkadviser.data.spec import Measure, TargetRule
from linkadviser.data.verdict import is_met, margin, margin_text
from linkadviser.data.years import label


@dataclass(frozen=True)
class ProposedTarget:
    measure: str
    measure_title: str
    group: str
    group_title: str
    for_year: int
    baseline: float
    target: float
    unit: str
    reasoning: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class TargetResult:
    """An agreed target beside the result it was for: met or missed, and by how much."""

    target_id: str
    measure_title: str
    group_title: str
    target: float
    outcome: float
    met: bool
    by: float  # outcome minus target, positive = better whichever way the measure runs
    text: str


def places(measure: Measure) -> int:
    if measure.notable >= 5:
        return 0
    return 1 if measure.notable >= 0.5 else 2


def _benchmarks(fact: Fact, rule: TargetRule) -> list[tuple[str, float]]:
    found = {"england": ("England", fact["england"]), "la": ("the authority", fact["la"]),
             "others_nationally": (f"{fact['compare_title_lower']} nationally",
                                   fact["england_other"])}
    return [found[key] for key in rule.benchmarks if found[key][1] is not None]


def propose_one(rule: TargetRule, fact: Fact, rules: DataRules, for_year: int) -> ProposedTarget:
    measure = rules.measure(rule.measure)
    sign = 1 if measure.higher_is_better else -1
    baseline = fact["school"]
    benchmarks = _benchmarks(fact, rule)
    better = [(n, v) for n, v in benchmarks if sign * (v - baseline) > 0]
    if better:
        name, value = max(better, key=lambda b: sign * b[1])
        step = max(rule.least_step, rule.share_of_gap * abs(value - baseline))
        why = (f"In {fact['year_label']} the figure was {fmt(baseline, measure)} against "
               f"{name} {fmt(value, measure)}; the target closes {rule.share_of_gap:.0%} of "
               "that gap" + (" (or the least step asked for)." if step == rule.least_step
                             else "."))
    else:
        step = rule.least_step
        shown = ", ".join(f"{n} {fmt(v, measure)}" for n, v in benchmarks) or "no comparator"
        why = (f"In {fact['year_label']} the figure was {fmt(baseline, measure)}, at or "
               f"better than {shown}; the target asks for a further step to keep improving.")
    target = round(baseline + sign * step, places(measure))
    if measure.unit == "%":
        target = min(100.0, max(0.0, target))
    return ProposedTarget(
        rule.measure, measure.title, rule.group, rules.group(rule.group).title, for_year,
        baseline, target, measure.unit,
        " ".join(f"{rule.reasoning} {why} {fact['trend_text'].capitalize()}.".split()))


def propose_targets(facts: list[Fact], rules: DataRules,
                    for_year: int | None = None) -> list[ProposedTarget]:
    """A proposal for every target rule the school has a latest figure for."""
    by_key = {(f["measure"], f["group"]): f for f in facts if f["school"] is not None}
    proposals = []
    for rule in rules.targets.targets:
        fact = by_key.get((rule.measure, rule.group))
        if fact is None:
            continue
        proposals.append(propose_one(rule, fact, rules, for_year or fact["year"] + 1))
    return proposals


def judge(target_id: str, measure: Measure, group_title: str, target: float,
          outcome: float, met_within: float, for_year: int) -> TargetResult:
    by = margin(measure.higher_is_better, target, outcome)
    met = is_met(by, met_within)
    verdict = "met" if met else "missed"
    detail = margin_text(by, measure.unit)
    text = (f"{measure.title} ({group_title}) {label(for_year)}: target "
            f"{fmt(target, measure)}, result {fmt(outcome, measure)}: {verdict} ({detail})")
    return TargetResult(target_id, measure.title, group_title, target, outcome, met, by, text)
