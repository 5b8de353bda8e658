from hypothesis import given
from hypothesis import strategies as st

from linkadviser.authority.grades import (
    ALL_PHASES,
    GradeCounts,
    count_by_phase,
    phase_name,
    picture,
)
from linkadviser.authority.tables import picture_table


def test_seed_table_norfolk_secondary_reads_as_the_mi_sheet():
    # Norfolk secondary, September 2012 (seed 001): 7, 14, 19, 5.
    counts = GradeCounts(7, 14, 19, 5)
    assert round(counts.percent(counts.outstanding)) == 16  # the sheet rounds to 15%
    assert round(counts.percent_good_or_better) == 47
    assert round(counts.percent(counts.less_than_good)) == 53
    assert counts.good_or_better == 21 and counts.less_than_good == 24


def test_not_inspected_schools_are_counted_apart_not_as_failures():
    counts = GradeCounts.of([1, 2, None, None])
    assert counts.not_inspected == 2
    assert counts.percent_good_or_better == 100.0


def test_no_graded_school_gives_no_percentage_rather_than_zero():
    assert GradeCounts.of([None]).percent_good_or_better is None


def test_phases_are_spelt_one_way_and_ordered_as_the_sheet():
    county = count_by_phase([("primary", 1), ("PRIMARY", 3), ("Secondary", 2), ("special", 4)])
    assert set(county) == {"Primary", "Secondary", "Special", ALL_PHASES}
    england = {"Primary": GradeCounts(18, 51, 29, 2), "Secondary": GradeCounts(26, 40, 30, 3)}
    result = picture("Wexham", county, {"England": england})
    assert [p.phase for p in result] == ["Secondary", "Primary", "Special", ALL_PHASES]
    assert [r.area for r in result[0].rows] == ["England", "Wexham"]
    assert [r.area for r in result[2].rows] == ["Wexham"]  # no England figures for special
    assert phase_name("") == "Unknown"


def test_table_shows_counts_for_the_county_only():
    county = count_by_phase([("Secondary", 1), ("Secondary", 3)])
    rows = picture_table(picture("Wexham", county,
                                 {"England": {"Secondary": GradeCounts(26, 40, 30, 3)}})).rows
    assert rows[0][1:5] == ["England", "26%", "40%", "67%"]
    assert rows[1][1:5] == ["Wexham", "50% (1)", "0% (0)", "50% (1)"]


@given(st.lists(st.sampled_from([1, 2, 3, 4, None]), max_size=60))
def test_shares_of_graded_schools_add_up(grades):
    counts = GradeCounts.of(grades)
    assert counts.graded + counts.not_inspected == len(grades)
    if counts.graded:
        total = counts.percent(counts.good_or_better) + counts.percent(counts.less_than_good)
        assert abs(total - 100) < 1e-9
