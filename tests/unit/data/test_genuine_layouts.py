"""The DfE's and Ofsted's files as downloaded: each comparator lands on the right row and phase.

The fixtures have the genuine headers, record types and total rows (figures invented):
KS4 RECTYPE 4 authority, 5 England all schools, 7 England state-funded; KS2 3 authority,
4 England all schools, 5 England state-funded; absence and census totals by phase.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from linkadviser.cli import main
from linkadviser.data.errors import DataImportError
from linkadviser.data.importer import import_file
from linkadviser.data.judgements import report_card
from linkadviser.data.queries import long_figures, school_figures
from linkadviser.store.models import School
from linkadviser.store.models_data import DataImport, DataRow
from tests.unit.data.conftest import CASELOAD_URN, FIXTURES, SECONDARY_URN, fixture

REPORT_CARDS = FIXTURES / "ofsted_mi_report_cards.csv"


def rows_of(path: Path, encoding: str = "utf-8") -> list[list[str]]:
    with path.open(encoding=encoding) as fh:
        return list(csv.reader(fh))


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding=encoding) as fh:
        csv.writer(fh).writerows(rows)
    return path


def figure(store, **where) -> list:
    frame = long_figures(store)
    for key, value in where.items():
        frame = frame[frame[key] == value]
    return list(frame.itertuples(index=False))


def add_school(store, urn: int, phase: str) -> None:
    with store.transaction() as session:
        session.add(School(urn=urn, name=f"School {urn}", phase=phase))


def test_ks4_england_is_the_state_funded_row_with_progress_and_disadvantaged(store):
    import_file(store, fixture("england_ks4final.csv"))
    england = {(f.measure, f.pupil_group): f.value for f in figure(store, entity="england")}
    assert england[("ks4_att8", "all")] == 47.0  # RECTYPE 7, not the all-schools 45.3
    assert england[("ks4_basics_94", "all")] == 66.0
    assert england[("ks4_p8", "all")] == 0.0
    assert england[("ks4_att8", "disadvantaged")] == 36.0
    (la,) = figure(store, entity="la", measure="ks4_att8", pupil_group="all")
    assert (la.la_code, la.value) == ("926", 43.4)


def test_ks4_independent_school_is_not_kept_for_comparison(store):
    report = import_file(store, fixture("england_ks4final.csv"))
    assert not figure(store, urn=909001)
    assert report.rows_left_out == 2  # the independent school and England's all-schools row


def test_per_authority_ks4_file_imports_with_its_own_rows(store, tmp_path):
    rows = rows_of(fixture("england_ks4final.csv"))
    lea = rows[0].index("LEA")
    mine = [rows[0]] + [r for r in rows[1:] if r[lea] in ("926", "")]
    report = import_file(store, write(tmp_path / "2024-2025" / "926_ks4final.csv", mine))
    assert (report.kind, report.comparator_rows) == ("ks4", 2)
    assert {f.la_code for f in figure(store, entity="school")} == {"926"}


def test_ks2_authority_is_record_type_3_and_england_record_type_5(store, caseload_school):
    import_file(store, fixture("england_ks2final.csv"))
    (la,) = figure(store, entity="la", measure="ks2_rwm_expected", pupil_group="all")
    (england,) = figure(store, entity="england", measure="ks2_rwm_expected", pupil_group="all")
    assert (la.la_code, la.value) == ("926", 56.0)
    assert england.value == 61.0  # state-funded, not the all-schools row (4)
    latest = school_figures(store, CASELOAD_URN)
    rwm = latest[(latest.measure == "ks2_rwm_expected") & (latest.pupil_group == "all")]
    assert (rwm["la"].iloc[0], rwm["england"].iloc[0]) == (56.0, 61.0)


def test_ks2_record_type_not_known_for_the_year_is_refused(store, tmp_path):
    rows = rows_of(fixture("england_ks2final.csv"))
    rows[-1][0] = "6"
    path = write(tmp_path / "2024-2025" / "england_ks2final.csv", rows)
    with pytest.raises(DataImportError, match=r"record type '6' .* key stage 2 .* in 2024/25 "
                       r"\(it knows: 1 mainstream school; 2 special school; 3 local authority; "
                       r"4 national \(all schools\); 5 national \(state-funded schools\)\)"):
        import_file(store, path)
    with store.session() as session:
        assert session.scalars(select(DataImport)).first() is None


def test_absence_totals_are_comparators_by_phase(store):
    report = import_file(store, fixture("england_abs.csv"))
    assert report.comparator_rows == 6 and not report.columns_missing
    la = {f.phase: f.value for f in figure(store, entity="la", measure="overall_absence")}
    england = {f.phase: f.value for f in figure(store, entity="england",
                                                 measure="overall_absence")}
    assert set(la) == set(england) == {"Primary", "Secondary", "Special"}
    assert {f.la_code for f in figure(store, entity="england")} == {""}
    assert england["Primary"] == 5.5 and england["Secondary"] == 8.0


def test_a_primary_school_is_compared_with_primary_schools(store):
    add_school(store, CASELOAD_URN, "Primary")
    add_school(store, SECONDARY_URN, "Secondary")
    import_file(store, fixture("england_abs.csv"))

    def comparators(urn: int) -> tuple[float, float]:
        found = school_figures(store, urn)
        row = found[found.measure == "overall_absence"].iloc[0]
        return row["la"], row["england"]

    totals = {(r[0], r[1]): float(r[3]) for r in rows_of(fixture("england_abs.csv"),
                                                         "utf-8-sig") if not r[2]}
    assert comparators(CASELOAD_URN) == (totals["926", "PRI"], totals["NAT", "PRI"])
    assert comparators(SECONDARY_URN) == (totals["926", "SEC"], totals["NAT", "SEC"])
    assert totals["926", "PRI"] != totals["926", "SEC"]


def test_absence_before_2015_with_ppersabs15_is_recognised(store, tmp_path):
    rows = rows_of(fixture("england_abs.csv"), "utf-8-sig")
    rows[0] = ["PPERSABS15" if c == "PPERSABS10" else c for c in rows[0]]
    report = import_file(store, write(tmp_path / "2013-2014" / "england_abs.csv", rows))
    assert (report.kind, report.year, report.columns_missing) == ("absence", 2013, [])
    assert figure(store, measure="persistent_absence_15")
    assert not figure(store, measure="persistent_absence")


def test_absence_total_of_an_unknown_phase_is_refused(store, tmp_path):
    rows = rows_of(fixture("england_abs.csv"), "utf-8-sig")
    rows[-1][1] = "MID"
    with pytest.raises(DataImportError, match=r"phase 'MID' is not one .* \(PRI Primary, "
                       "SEC Secondary, SPE Special\\)"):
        import_file(store, write(tmp_path / "2024-2025" / "england_abs.csv", rows))


def test_census_england_rows_by_phase_with_nat_in_the_urn_column(store):
    add_school(store, CASELOAD_URN, "Primary")
    report = import_file(store, fixture("england_census.csv", "2023-2024"))
    assert report.comparator_rows == 3
    england = {f.phase: f.value for f in figure(store, entity="england",
                                                 measure="percent_fsm_ever")}
    assert england == {"Primary": 24.0, "Secondary": 26.0, "Special": 28.0}
    found = school_figures(store, CASELOAD_URN)
    fsm = found[found.measure == "percent_fsm_ever"].iloc[0]
    assert fsm["england"] == 24.0


def test_ofsted_report_card_layout_imports_grades_and_report_cards(store):
    with store.transaction() as session:
        session.add(School(urn=100001, name="High School 1", phase="Secondary"))
    report = import_file(store, REPORT_CARDS)
    assert (report.kind, report.year_label) == ("ofsted", "2025/26")
    assert report.grades_updated == 1
    with store.session() as session:
        school = session.scalar(select(School).where(School.urn == 100001))
        assert (school.ofsted_grade, f"{school.ofsted_date:%d/%m/%Y}") == (2, "19/06/2020")
        cards = session.scalar(select(func.count()).select_from(DataRow)
                               .where(DataRow.card_areas.is_not(None)))
    assert cards == report.report_cards > 0
    with REPORT_CARDS.open(encoding="utf-8") as fh:
        rows = {int(r["URN"]): r for r in csv.DictReader(fh)}
    graded = [u for u, r in rows.items() if r["Inclusion"] != "NULL"]
    assert cards == len({*graded, *(u for u, r in rows.items()
                                    if r["Ungraded inspection overall outcome"] != "NULL")})
    for urn in graded:
        card = report_card(store, urn)
        shown = {a.area: a.grade for a in card.areas}
        assert shown["Inclusion"] == rows[urn]["Inclusion"]
        assert shown["Safeguarding standards"] in {"Met", "Not met"}
        assert shown["Achievement"] in {"Exceptional", "Strong standard", "Expected standard",
                                        "Needs attention", "Urgent improvement"}
        assert f"{card.inspected_on:%d/%m/%Y}" == rows[urn]["Inclusion - date of grade"]
        assert ("Early years" in shown) == (rows[urn]["Ofsted phase"] == "Primary")
    phases = {f.phase for f in figure(store, entity="school", measure="ofsted_overall")}
    regions = {f.region for f in figure(store, entity="school", measure="ofsted_overall")}
    assert phases == {"Primary", "Secondary", "Special"}
    assert regions == {"East of England", "London"}


def test_report_card_grade_off_the_scale_is_refused(store, tmp_path):
    rows = rows_of(REPORT_CARDS)
    column = rows[0].index("Achievement")
    graded = next(i for i, r in enumerate(rows) if r[column] != "NULL" and i)
    rows[graded][column] = "Good"
    with pytest.raises(DataImportError, match=rf"column 'Achievement', row {graded + 1}: 'Good' "
                       "is not a grade linkadviser knows \\(it reads Exceptional, Strong "
                       "standard, Expected standard, Needs attention, Urgent improvement"):
        import_file(store, write(tmp_path / "mi.csv", rows))


def test_both_ofsted_layouts_are_one_publication_per_year(store, tmp_path):
    old = import_file(store, FIXTURES / "ofsted_state_funded_schools_mi.csv", year=2025)
    new = import_file(store, REPORT_CARDS, on_existing="replace")
    assert (old.kind, new.kind, new.outcome) == ("ofsted", "ofsted", "replaced")


@pytest.mark.parametrize("path", [
    fixture("england_ks4final.csv"), fixture("england_ks2final.csv"),
    fixture("england_abs.csv"), fixture("england_census.csv", "2023-2024"), REPORT_CARDS,
    FIXTURES / "ofsted_state_funded_schools_mi.csv", FIXTURES / "edubasealldata20240105.csv",
])
def test_nothing_is_written_to_stderr_on_import(store, capfd, path):
    import_file(store, path)
    assert capfd.readouterr().err == ""


def test_a_refused_file_prints_one_line_on_stderr(capfd, tmp_path):
    rows = rows_of(fixture("england_ks2final.csv"))
    rows[-1][0] = "6"
    path = write(tmp_path / "2024-2025" / "england_ks2final.csv", rows)
    assert main(["import", str(path)]) == 2
    err = capfd.readouterr().err
    assert err.startswith("linkadviser: ") and err.count("\n") == 1 and "record type '6'" in err
