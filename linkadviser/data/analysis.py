"""What a school's figures say: against its authority and England, over time, between groups.

The result is a list of *facts*, one per measure and pupil group, for the latest year the
school has that figure: plain dicts of named fields, so the question rules (data) can test
and quote any of them. Differences are also given in the measure's ``notable`` steps with
positive meaning better, so one rule serves attainment (higher is better) and absence (lower
is better) alike.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from linkadviser.data.config import DataRules
from linkadviser.data.spec import Measure
from linkadviser.data.years import label

Fact = dict[str, Any]


def fmt(value: float | None, measure: Measure) -> str:
    """A figure as an adviser would say it: 52%, +0.35 (progress), 46.3."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "not available"
    if measure.progress:
        return f"{value:+.2f}"
    if measure.unit == "%":
        return f"{value:.1f}".removesuffix(".0") + "%"
    if measure.unit in ("pupils", "grade"):
        return f"{value:.0f}"
    return f"{value:.1f}"


def _num(value: object) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _steps(a: float | None, b: float | None, measure: Measure) -> float | None:
    """``a`` minus ``b`` in notable steps, positive when ``a`` is the better."""
    if a is None or b is None:
        return None
    sign = 1 if measure.higher_is_better else -1
    return round(sign * (a - b) / measure.notable, 2)


def _run(series: list[float], measure: Measure, worse: bool) -> int:
    """How many years running, up to the latest, the figure got worse (or better)."""
    count = 0
    for before, after in zip(series[-2::-1], series[::-1], strict=False):
        step = _steps(after, before, measure)
        if step is None or (step >= 0 if worse else step <= 0):
            break
        count += 1
    return count


def _significance(measure: Measure, lower: float | None, upper: float | None) -> str:
    if not measure.progress or lower is None or upper is None:
        return ""
    if lower > 0:
        return "above"
    if upper < 0:
        return "below"
    return "average"


def analyse(figures: pd.DataFrame, rules: DataRules) -> list[Fact]:
    """One fact per measure and group the school has a figure for, at its latest year."""
    known = figures[figures["school"].notna()]
    if known.empty:
        return []
    lookup = {(r.academic_year, r.measure, r.pupil_group): r
              for r in known.itertuples(index=False)}
    england = {(r.academic_year, r.measure, r.pupil_group): _num(r.england)
               for r in figures.itertuples(index=False)}
    facts = []
    for (measure_key, group_key), rows in known.groupby(["measure", "pupil_group"], sort=True):
        measure, group = rules.measure(measure_key), rules.group(group_key)
        rows = rows.sort_values("academic_year")
        latest = rows.iloc[-1]
        year = int(latest["academic_year"])
        school, la, eng = _num(latest["school"]), _num(latest["la"]), _num(latest["england"])
        lower, upper = _num(latest["lower"]), _num(latest["upper"])
        series = [float(v) for v in rows["school"]]
        compare = rules.group(group.compare_with) if group.compare_with else None
        other_key = (year, measure_key, compare.key) if compare else None
        england_other = england.get(other_key) if other_key else None
        school_other_row = lookup.get(other_key) if other_key else None
        school_other = _num(school_other_row.school) if school_other_row is not None else None
        facts.append({
            "measure": measure_key, "measure_title": measure.title, "unit": measure.unit,
            "context": measure.context, "group": group_key, "group_title": group.title,
            "group_title_lower": group.title[0].lower() + group.title[1:],
            "group_short": group.short or group.title,
            "year": year, "year_label": label(year),
            "school": school, "la": la, "england": eng, "lower": lower, "upper": upper,
            "school_text": fmt(school, measure), "la_text": fmt(la, measure),
            "england_text": fmt(eng, measure), "lower_text": fmt(lower, measure),
            "upper_text": fmt(upper, measure),
            "vs_england": _steps(school, eng, measure), "vs_la": _steps(school, la, measure),
            "significance": _significance(measure, lower, upper),
            "falls": _run(series, measure, worse=True),
            "rises": _run(series, measure, worse=False),
            "trend_text": _trend_text(rows, measure),
            "compare_title": compare.title if compare else "",
            "compare_title_lower": (compare.title[0].lower() + compare.title[1:]
                                    if compare else ""),
            "england_other": england_other, "england_other_text": fmt(england_other, measure),
            "vs_england_other": _steps(school, england_other, measure),
            "gap_england_other_text": _gap_text(school, england_other, measure),
            "school_other": school_other, "school_other_text": fmt(school_other, measure),
            "vs_school_other": _steps(school, school_other, measure),
        })
    return facts


def _trend_text(rows: pd.DataFrame, measure: Measure) -> str:
    recent = rows.tail(3)
    if len(recent) < 2:
        return f"no earlier year to compare ({label(int(recent.iloc[-1]['academic_year']))} only)"
    parts = [f"{label(int(r.academic_year))} {fmt(_num(r.school), measure)}"
             for r in recent.itertuples(index=False)]
    return "over time " + ", ".join(parts)


def _gap_text(a: float | None, b: float | None, measure: Measure) -> str:
    """The gap in words: "61 percentage points lower", "0.35 higher", "the same"."""
    if a is None or b is None:
        return "gap not known"
    gap = a - b
    if measure.unit == "%":
        size = f"{abs(gap):.1f}".removesuffix(".0") + " percentage points"
    else:
        size = f"{abs(gap):.2f}" if measure.progress else f"{abs(gap):.1f}"
    if float(size.split()[0]) == 0:
        return "the same"
    return f"{size} {'higher' if gap > 0 else 'lower'}"


def chart_series(figures: pd.DataFrame, measure: str, group: str = "all",
                 years: int = 3) -> pd.DataFrame:
    """The school, authority and England for one measure and group over the last ``years``."""
    rows = figures[(figures["measure"] == measure) & (figures["pupil_group"] == group)]
    rows = rows.sort_values("academic_year").tail(years)
    return rows[["academic_year", "school", "la", "england"]].reset_index(drop=True)


def group_gaps(facts: list[Fact]) -> list[Fact]:
    """Facts for groups with a national comparison group, for the gaps chart."""
    return [f for f in facts if f["england_other"] is not None and f["school"] is not None]
