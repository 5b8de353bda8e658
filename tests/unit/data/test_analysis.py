from __future__ import annotations

import pandas as pd
import pytest

from linkadviser.data.analysis import analyse, chart_series, fmt
from linkadviser.data.config import default_rules
from linkadviser.data.queries import KEYS

RULES = default_rules()


def figures(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (year, measure, group, school, lower, upper, la, england)."""
    frame = pd.DataFrame(rows, columns=[*KEYS, "school", "lower", "upper", "la", "england"])
    frame["marker"] = ""
    return frame


def fact(facts, measure, group="all"):
    (found,) = [f for f in facts if f["measure"] == measure and f["group"] == group]
    return found


def test_progress_significance_comes_from_the_confidence_limits():
    facts = analyse(figures([
        (2024, "ks2_mat_progress", "all", -2.0, -3.1, -0.9, -0.5, 0.0),
        (2024, "ks2_read_progress", "all", -2.0, -3.5, 0.4, -0.5, 0.0),
        (2024, "ks2_writ_progress", "all", 1.5, 0.2, 2.8, 0.0, 0.0),
    ]), RULES)
    assert fact(facts, "ks2_mat_progress")["significance"] == "below"
    assert fact(facts, "ks2_read_progress")["significance"] == "average"
    assert fact(facts, "ks2_writ_progress")["significance"] == "above"


def test_differences_are_in_notable_steps_with_better_positive_both_ways():
    facts = analyse(figures([
        (2024, "ks2_rwm_expected", "all", 50.0, None, None, 55.0, 60.0),  # notable 5
        (2024, "persistent_absence", "all", 23.0, None, None, 20.0, 19.0),  # lower is better
    ]), RULES)
    assert fact(facts, "ks2_rwm_expected")["vs_england"] == -2.0
    assert fact(facts, "ks2_rwm_expected")["vs_la"] == -1.0
    assert fact(facts, "persistent_absence")["vs_england"] == -2.0


def test_falls_count_years_running_and_the_trend_is_quoted():
    facts = analyse(figures([
        (2022, "ks4_att8", "all", 48.0, None, None, 46.0, 46.0),
        (2023, "ks4_att8", "all", 46.0, None, None, 46.0, 46.0),
        (2024, "ks4_att8", "all", 44.0, None, None, 46.0, 46.0),
        (2022, "overall_absence", "all", 7.0, None, None, 6.5, 6.5),
        (2023, "overall_absence", "all", 6.0, None, None, 6.5, 6.5),
        (2024, "overall_absence", "all", 5.5, None, None, 6.5, 6.5),
    ]), RULES)
    att8 = fact(facts, "ks4_att8")
    assert (att8["falls"], att8["rises"], att8["year"]) == (2, 0, 2024)
    assert att8["trend_text"] == "over time 2022/23 48.0, 2023/24 46.0, 2024/25 44.0"
    absence = fact(facts, "overall_absence")  # falling absence is improvement
    assert (absence["falls"], absence["rises"]) == (0, 2)


def test_group_gap_to_other_pupils_nationally():
    facts = analyse(figures([
        (2024, "ks4_att8", "disadvantaged", 30.0, None, None, 34.0, 35.0),
        (2024, "ks4_att8", "not_disadvantaged", 48.0, None, None, 49.0, 50.0),
    ]), RULES)
    gap = fact(facts, "ks4_att8", "disadvantaged")
    assert gap["england_other"] == 50.0
    assert gap["vs_england_other"] == -10.0  # 20 points in steps of 2
    assert gap["vs_school_other"] == -9.0
    assert gap["gap_england_other_text"] == "20.0 lower"


def test_missing_comparators_stay_missing():
    facts = analyse(figures([(2024, "ks4_p8", "all", 0.2, None, None, None, None)]), RULES)
    p8 = fact(facts, "ks4_p8")
    assert p8["vs_england"] is None and p8["england_text"] == "not available"
    assert p8["significance"] == ""


@pytest.mark.parametrize(("value", "measure", "shown"), [
    (52.0, "ks2_rwm_expected", "52%"), (6.25, "overall_absence", "6.2%"),
    (-0.351, "ks4_p8", "-0.35"), (46.34, "ks4_att8", "46.3"), (None, "ks4_att8", "not available"),
])
def test_figures_are_shown_as_advisers_say_them(value, measure, shown):
    assert fmt(value, RULES.measure(measure)) == shown


def test_chart_series_takes_the_last_three_years():
    frame = figures([(y, "ks4_att8", "all", 40.0 + y - 2020, None, None, 45.0, 46.0)
                     for y in range(2020, 2025)])
    series = chart_series(frame, "ks4_att8")
    assert list(series["academic_year"]) == [2022, 2023, 2024]
    assert list(series["school"]) == [42.0, 43.0, 44.0]
