"""The county picture read fast from the MI files' grades alone gives exactly what unpacking
every figure of every school (``long_figures``, the pictures' first way) gave: withheld and
missing grades, phases spelled three ways, schools with no phase or region, a tie between the
county's regions, the older layout and a layout whose grade is not its first figure."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import numpy as np
import pandas as pd

from linkadviser.authority.central import open_central
from linkadviser.authority.grades import ALL_PHASES, GradeCounts, phase_name
from linkadviser.authority.imported import ImportedPicture, imported_pictures
from linkadviser.data.importer import import_file
from linkadviser.data.invented import write_csv
from linkadviser.data.invented_ofsted import OEIF, MiSchool, mi_row
from linkadviser.data.queries import CHOSEN, chosen_figures, long_figures
from linkadviser.store.models_data import DataImport, DataRow

GRADE = f"{OEIF} overall effectiveness"
REGIONS = ("North East", "London", "East of England", "")
PHASES = ("Primary", "Secondary", "PRIMARY", "special", "")
# The county: three schools in the North East, three in London (a tie), three with no region.
COUNTY = {900003, 900004, 900005, 900007, 900008, 900009, 900012, 900013, 900015}


def report_card_file(tmp_path):
    rows = [mi_row(MiSchool(900000 + i, f"School {i}", PHASES[i % 5], "Somewhere",
                            REGIONS[i % 4]), date(2026, 2, 28), 3) for i in range(240)]
    for i, row in enumerate(rows):  # a grade left blank, one not a grade, one withheld
        row[GRADE] = {7: "", 11: "9", 13: "NULL"}.get(i % 17, row[GRADE])
    write_csv(tmp_path / "mi.csv", rows)
    return tmp_path / "mi.csv"


def older_file(tmp_path):
    """The layout before report cards: no region, and its phase is not kept."""
    grades = ["1", "2", "2", "3", "4", "NULL", "", "2"]
    write_csv(tmp_path / "old.csv", [
        {"Web link": "", "URN": str(900000 + i), "School name": f"School {i}",
         "Ofsted phase": PHASES[i % 5], "Inspection start date": "01/03/2023",
         "Overall effectiveness": grades[i % 8], "Quality of education": "2"}
        for i in range(150)])
    return tmp_path / "old.csv"


def odd_layout(store):
    """A layout with the grade fifth: after a figure with limits and another group's grade."""
    layout = [["ofsted_quality_of_education", "all", True],
              ["ofsted_overall", "disadvantaged", False], ["ofsted_overall", "all", False]]
    nan = np.nan
    figures = [(1, 1, 1, 3, 2), (2, 2, 2, 1, nan), (3, 3, 3, 4, 2.5), (4, 4, 4, 2, 4),
               (1, 1, 1, 1, nan), (2, 2, 2, 9, 3)]
    markers = ["", '{"4": "NULL"}', "", "", '{"0": "SUPP"}', ""]
    with store.transaction() as session:
        record = DataImport(kind="ofsted", academic_year=2021, filename="odd.csv",
                            sha256="0" * 64, layout=json.dumps(layout))
        session.add(record)
        session.flush()
        for i, (numbers, marker) in enumerate(zip(figures, markers, strict=True)):
            session.add(DataRow(import_id=record.id, entity="school", urn=900000 + i,
                                phase=PHASES[i % 5], region=REGIONS[i % 3],
                                figures=np.array(numbers, dtype="<f8").tobytes(),
                                markers=marker))
        session.add(DataRow(import_id=record.id, entity="la", la_code="999",
                            figures=np.array((2, 2, 2, 1, 1), dtype="<f8").tobytes()))


def stored(store, tmp_path):
    import_file(store, report_card_file(tmp_path), year=2025)
    import_file(store, older_file(tmp_path), year=2023)
    odd_layout(store)
    return store


def unpacked_pictures(store, county_urns):
    """The pictures as first built: every figure unpacked, then one measure kept."""
    figures = long_figures(store, DataImport.kind == "ofsted", DataRow.entity == "school")
    figures = figures[(figures["measure"] == "ofsted_overall")
                      & (figures["pupil_group"] == "all")]
    pictures = []
    for year, rows in sorted(figures.groupby("academic_year")):
        grades = [int(v) if v is not None and float(v).is_integer() else None
                  for v in rows["value"]]

        def by_phase(phases, grades):
            found = {ALL_PHASES: list(grades)}
            for phase, grade in zip(phases, grades, strict=True):
                if phase:
                    found.setdefault(phase_name(phase), []).append(grade)
            return {p: GradeCounts.of(g) for p, g in found.items()}

        areas = {"England": by_phase(rows["phase"], grades)}
        regions = Counter(r for urn, r in zip(rows["urn"], rows["region"], strict=True)
                          if r and int(urn) in county_urns)
        if regions:
            region = regions.most_common(1)[0][0]
            mine = (rows["region"] == region).to_numpy()
            areas[region] = by_phase(rows["phase"][mine],
                                     [g for g, m in zip(grades, mine, strict=True) if m])
        county = GradeCounts.of(g for g, u in zip(grades, rows["urn"], strict=True)
                                if int(u) in county_urns)
        pictures.append(ImportedPicture(date(int(year) + 1, 8, 31),
                                        areas["England"][ALL_PHASES], county, areas))
    return pictures


def test_the_pictures_are_those_every_figure_unpacked_gave(store, tmp_path):
    stored(store, tmp_path)
    for county in (COUNTY, set(), {900001, 900002, 900006}):
        fast, first = imported_pictures(store, county), unpacked_pictures(store, county)
        assert fast == first
        assert [list(p.areas) for p in fast] == [list(p.areas) for p in first]
        assert [[list(a) for a in p.areas.values()] for p in fast] == \
            [[list(a) for a in p.areas.values()] for p in first]
    pictures = imported_pictures(store, COUNTY)
    assert [p.as_at.year for p in pictures] == [2022, 2024, 2026]
    # the tie: the North East is named first (900004, before London's 900005)
    assert list(pictures[-1].areas) == ["England", "North East"]
    assert set(pictures[-1].areas["England"]) == {ALL_PHASES, "Primary", "Secondary",
                                                  "Special"}
    assert list(pictures[1].areas) == ["England"]  # the older layout names no region
    england = pictures[0].england  # 3, (1 withheld), 4, 2, (no grade, no marker), 9
    assert (england.outstanding, england.good, england.requires_improvement,
            england.inadequate, england.not_inspected) == (0, 1, 1, 1, 2)


def test_the_same_pictures_from_a_postgresql_centre(pg_url, tmp_path):
    store = stored(open_central(pg_url), tmp_path)
    try:
        assert imported_pictures(store, COUNTY) == unpacked_pictures(store, COUNTY)
    finally:
        store.close()


def test_a_row_too_short_for_the_grade_has_none(store):
    odd_layout(store)
    with store.transaction() as session:
        record = session.query(DataImport).one()
        session.add(DataRow(import_id=record.id, entity="school", urn=900099,
                            figures=np.array((1, 1, 1), dtype="<f8").tobytes()))
    found = chosen_figures(store, [("ofsted_overall", "all")], "ofsted")
    assert found["urn"].tolist() == [900000, 900001, 900002, 900003, 900005]  # not 900099
    np.testing.assert_array_equal(found["value"], [2, np.nan, 2.5, 4, 3])
    assert found["marker"].tolist() == ["", "NULL", "", "", ""]


def test_chosen_figures_are_long_figures_kept_to_them(store, tmp_path):
    stored(store, tmp_path)
    figures = long_figures(store, DataRow.entity == "school")
    for wanted in ([("ofsted_overall", "all")], [("ofsted_overall", "disadvantaged")],
                   [("ofsted_quality_of_education", "all"), ("ofsted_overall", "all")]):
        pairs = pd.Series(list(zip(figures["measure"], figures["pupil_group"], strict=True)),
                          index=figures.index)
        want = figures[pairs.isin(wanted)][CHOSEN].reset_index(drop=True)
        pd.testing.assert_frame_equal(chosen_figures(store, wanted), want, check_dtype=False)
    assert chosen_figures(store, [("no_such_measure", "all")], "ofsted").empty
    assert chosen_figures(store, [("ofsted_overall", "all")], "ks4").empty
