"""Whether a target was met, and by how much: one verdict for every view of targets.

Kept apart from the analysis (no pandas) so the school view can judge last year's targets as
it opens, and the county's delivery figures and the data layer agree with it.
"""

from __future__ import annotations

import math

from linkadviser.data.config import DataRules


def margin(higher_is_better: bool, target: float, outcome: float) -> float:
    """The result against its target, positive when better whichever way the measure runs.

    Absence falls as a school improves, so an absence result below its target beats it: the
    sign comes from the catalogue, never from assuming that more is better.
    """
    sign = 1 if higher_is_better else -1
    return round(sign * (outcome - target), 4)


def is_met(by: float, met_within: float) -> bool:
    """Met when the margin is not short by more than the rules' ``met_within`` allowance."""
    return by >= -met_within - 1e-9


def stored_target_met(rules: DataRules, measure_title: str, target: float,
                      outcome: float) -> bool:
    """Whether a stored target was met: the one verdict every view of targets must agree on.

    The direction is the catalogue measure's, found as ``record_target_outcomes`` finds it
    (by title). A target in the adviser's own words has no catalogue measure; it is read as
    the catalogue reads any measure that does not say otherwise (higher is better).
    """
    measure = rules.measure_titled(measure_title)
    higher_is_better = measure.higher_is_better if measure is not None else True
    return is_met(margin(higher_is_better, target, outcome), rules.targets.met_within)


def margin_text(by: float, unit: str) -> str:
    """'beaten by 1.2 percentage points', 'missed by 0.15', or 'exactly'."""
    if math.isclose(by, 0, abs_tol=1e-9):
        return "exactly"
    size = abs(by)
    amount = (f"{size:.1f}".removesuffix(".0") + " percentage points" if unit == "%"
              else f"{size:.2f}")
    return f"{'beaten' if by > 0 else 'missed'} by {amount}"
