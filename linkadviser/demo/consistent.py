"""What a demo record says about targets and objectives, worked out from the demo's records.

A phrase picked at random must never claim what the records deny (an annual report naming a
target "not met" that nobody agreed, a feedback form saying "two met" and then "all three"),
so every such statement is written here from the targets, outcomes and objectives themselves:
this year's visit 1 for the annual report, last year's records for this year's comparison and
review. ``tests/unit/demo/test_consistency.py`` reads the whole demo back to check it.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


def target_met(target: Mapping[str, Any]) -> bool | None:
    """Whether the outcome reached the target (lower is better where the target is below the
    baseline, e.g. persistent absence); None while the outcome is not known."""
    if target.get("outcome") is None or target.get("target") is None:
        return None
    baseline = target.get("baseline")
    if baseline is not None and target["target"] < baseline:
        return target["outcome"] <= target["target"]
    return target["outcome"] >= target["target"]


def describe(target: Mapping[str, Any]) -> str:
    return f"{target['measure']} for {target['pupil_group'][0].lower()}{target['pupil_group'][1:]}"


def headline_of(targets: list[dict[str, Any]]) -> dict[str, Any]:
    """The headline target: the first, for all pupils (see ``demo.targets``)."""
    return targets[0]


def position(figure: float, la: float, national: float) -> str:
    if figure >= max(la, national):
        return "above the LA and national figures"
    if figure >= min(la, national):
        return "in line with the LA and national figures"
    return "below the LA and national figures"


def _met_counts(targets: list[dict[str, Any]]) -> tuple[list[dict], list[dict]]:
    known = [t for t in targets if target_met(t) is not None]
    return [t for t in known if target_met(t)], [t for t in known if not target_met(t)]


def _were(items: list) -> str:
    return "was" if len(items) == 1 else "were"


def targets_outcome(targets: list[dict[str, Any]]) -> dict[str, str]:
    """The annual report's account of this year's targets, target by target."""
    met, missed = _met_counts(targets)
    if not met and not missed:
        return {"targets_outcome": "Results against this year's targets are not yet known."}
    text = (f"{len(met)} of the {len(met) + len(missed)} targets agreed at visit 1 "
            f"{_were(met)} met")
    if missed:
        text += "; not met: " + "; ".join(describe(t) for t in missed)
    return {"targets_outcome": text + "."}


def previous_year_fields(previous: list[dict[str, Any]], phase: Mapping[str, Any],
                         la_figure: float, national: float) -> dict[str, Any]:
    """Last summer's figures as last year's visit 1 targets and outcomes recorded them."""
    visit_1 = next((r for r in previous if r["number"] == 1 and r.get("targets")), None)
    if visit_1 is None:
        return {}
    targets = visit_1["targets"]
    headline = headline_of(targets)
    if target_met(headline) is None:
        return {}
    met, missed = _met_counts(targets)
    fields: dict[str, Any] = {
        "figure": headline["outcome"], "target_figure": headline["target"],
        "met": "met" if target_met(headline) else "not met",
        "met_short": f"met {len(met)} of its {len(met) + len(missed)} targets",
        "last_targets": (f"{len(met)} of the {len(met) + len(missed)} targets agreed last "
                         f"autumn {_were(met)} met"),
        "position": position(headline["outcome"], la_figure, national),
        "new_target": round(headline["outcome"] + 3, 1),
    }
    attendance = next((t for t in targets if t["measure"].startswith("Attendance")), None)
    if attendance is not None and attendance.get("outcome") is not None:
        fields["attendance"] = attendance["outcome"]
    return fields


def objectives_review(rng: random.Random, last_visit_4: Mapping[str, Any] | None
                      ) -> dict[str, str]:
    """One account of last year's objectives, used by every phrase of the visit 4 form."""
    objectives = (last_visit_4 or {}).get("objectives") or []
    if not objectives:
        text = ("no objectives were agreed with the Link Adviser last year; governors reviewed "
                "those they had set themselves")
    else:
        n = len(objectives)
        word = NUMBER_WORDS.get(n, str(n))
        rest = NUMBER_WORDS.get(n - 1, str(n - 1))
        text = f"of last year's {word} objectives, " + rng.choice([
            f"all {word} were met",
            f"{rest} were met in full and one partly met",
            f"one was met in full and {rest} partly met",
        ])
    return {"objectives_review": text, "Objectives_review": text[0].upper() + text[1:]}
