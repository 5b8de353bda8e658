"""Invented visit-1 targets: the headline measure, FSM and SEN groups and attendance.

Visit 1's QA asks for agreed targets covering attendance and pupils with FSM and SEN, so every
demo visit 1 has those, with figures that follow the school's own year (its headline result,
attendance and the gap for groups) rather than unrelated random numbers.
"""

from __future__ import annotations

from typing import Any

from linkadviser.demo.bank import Chooser

FSM_GROUP = "Pupils eligible for FSM"
SEN_GROUP = "Pupils with SEN support"


def compose_targets(ch: Chooser, phase: dict[str, Any], *, outcomes: bool
                    ) -> list[dict[str, Any]]:
    """Five or six agreed targets; ``outcomes`` adds the result achieved (a past year)."""
    ctx, rng = ch.ctx, ch.rng
    headline = phase["measures"][0]
    figure = float(ctx["figure"])
    rows = [
        _target(headline["measure"], "All pupils", figure, figure + rng.uniform(1, 5)),
        _target(phase["group_measure"], FSM_GROUP, figure - ctx["gap"],
                figure - ctx["gap"] + rng.uniform(3, 8)),
        _target(phase["group_measure"], SEN_GROUP, figure - ctx["gap"] - rng.uniform(10, 20),
                figure - ctx["gap"] - rng.uniform(4, 9)),
        _target("Attendance (overall)", "All pupils", ctx["attendance"],
                min(97.5, ctx["attendance"] + rng.uniform(0.3, 1.2))),
    ]
    extra = rng.choice(phase["measures"][1:])
    low, high = extra.get("spread", (0, 100))
    baseline = rng.uniform(low, high)
    step = (high - low) / 10
    rows.append(_target(extra["measure"], extra["group"], baseline,
                        baseline + rng.uniform(0.2, 1.0) * step, unit=extra["unit"]))
    if rng.random() < 0.6:
        absent = rng.uniform(14, 30)
        rows.append(_target("Persistent absence", FSM_GROUP, absent,
                            absent - rng.uniform(2, 5)))
    for row in rows:
        row["reasoning"] = ch.phrase(ch.bank["target_reasoning"])
        if outcomes:
            spread = abs(row["target"] - row["baseline"]) or 1.0
            row["outcome"] = _round(row["target"] + rng.uniform(-1.5, 1.0) * spread, row["unit"])
    return rows


def _target(measure: str, group: str, baseline: float, target: float, unit: str = "%"
            ) -> dict[str, Any]:
    return {"measure": measure, "pupil_group": group, "baseline": _round(baseline, unit),
            "target": _round(target, unit), "unit": unit, "agreed": True, "outcome": None}


def _round(value: float, unit: str) -> float:
    """Scores to two places; percentages to one, kept between 0 and 100."""
    if unit != "%":
        return round(value, 2)
    return round(min(100.0, max(0.0, value)), 1)
