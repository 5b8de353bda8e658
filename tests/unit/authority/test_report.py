import csv
from datetime import date

from pypdf import PdfReader

from linkadviser.authority import trajectory
from linkadviser.authority.export import write_csvs
from linkadviser.authority.grades import GradeCounts
from linkadviser.authority.pdf import write_pdf
from linkadviser.authority.report import build_report
from linkadviser.data.importer import import_file
from tests.unit.authority.county import TODAY, build_county


def _england(store, when, counts):
    with store.transaction() as s:
        trajectory.record(s, when, "England", {"All schools": GradeCounts(*counts),
                                               "Primary": GradeCounts(*counts)},
                          False, "published")


def test_report_records_todays_picture_for_the_trajectory(store, programme):
    build_county(store)
    report = build_report(store, programme, TODAY, authority="Wexham")
    assert [(p.area, round(p.percent_good_or_better)) for p in report.trajectory] == [
        ("Wexham", 60)]
    assert "no figures for England" in report.goal.text
    again = build_report(store, programme, TODAY, authority="Wexham")
    assert len(again.trajectory) == 1  # once a day, not once a run


def test_goal_against_england_and_comparator_rows(store, programme):
    build_county(store)
    _england(store, date(2026, 9, 1), (20, 60, 18, 2))
    report = build_report(store, programme, TODAY, authority="Wexham")
    assert report.goal.met is False
    assert "20.0 points below England (80%)" in report.goal.text
    primary = next(p for p in report.picture if p.phase == "Primary")
    assert [r.area for r in primary.rows] == ["England", "Wexham"]


def test_dry_report_keeps_nothing(store, programme):
    build_county(store)
    build_report(store, programme, TODAY, record_snapshot=False)
    assert build_report(store, programme, TODAY, record_snapshot=False).trajectory == []


def test_csv_and_pdf(store, programme, tmp_path):
    build_county(store)
    _england(store, date(2025, 9, 1), (19, 55, 24, 2))
    report = build_report(store, programme, TODAY, authority="Wexham")
    written = write_csvs(report, tmp_path)
    assert {p.name for p in written} >= {"county-picture.csv", "risk.csv", "invoice.csv"}
    with (tmp_path / "risk.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    assert rows[0]["School"] in {"Cedar Primary", "Damson High"}
    assert rows[0]["Reasons"].startswith("Judged")
    pdf = write_pdf(report, tmp_path / "county.pdf")
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    pages = len(reader.pages)
    assert f"Page {pages} of {pages}" in text
    for heading in ("Ofsted grades by phase", "Schools causing concern", "Programme delivery",
                    "Costs", "Intensive programme"):
        assert heading in text


def test_pdf_survives_names_that_look_like_markup(store, programme, tmp_path):
    build_county(store)
    with store.transaction() as s:
        from linkadviser.store.models import School
        s.query(School).filter_by(urn=3).update({"name": "St Mary & St John <C of E>"})
    report = build_report(store, programme, TODAY, authority="Wexham")
    text = "".join(p.extract_text() for p in PdfReader(write_pdf(report, tmp_path / "c.pdf"))
                   .pages)
    assert "St Mary & St John <C of E>" in text



def _ofsted_file(store, tmp_path, year, grades):
    """An Ofsted MI file as published (URNs 1-6 are the county's), imported for ``year``."""
    lines = ["Web link,URN,School name,Ofsted phase,Inspection start date,"
             "Overall effectiveness,Quality of education"]
    lines += [f"x,{urn},School {urn},Primary,01/03/{year + 1},{grade},NULL"
              for urn, grade in grades.items()]
    path = tmp_path / f"ofsted-{year}.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file(store, path, year=year)


def test_england_and_trajectory_come_from_imported_ofsted_files(store, programme, tmp_path):
    build_county(store)
    national = {urn: 2 for urn in range(100, 180)} | {urn: 3 for urn in range(180, 200)}
    _ofsted_file(store, tmp_path, 2024, national | {1: 3, 2: 3, 3: 2, 4: 4})
    _ofsted_file(store, tmp_path, 2025, national | {1: 1, 2: 2, 3: 3, 4: 4, 5: "NULL"})
    report = build_report(store, programme, TODAY, authority="Wexham", record_snapshot=False)
    everyone = next(p for p in report.picture if p.phase == "All schools")
    england = everyone.rows[0]
    assert england.area == "England" and england.counts.graded == 104
    county_line = [(p.taken_on.year, round(p.percent_good_or_better))
                   for p in report.trajectory if p.is_county]
    assert county_line == [(2025, 25), (2026, 50)]
    assert report.goal.comparator is not None


def _ks2_file(store, tmp_path, year, figures):
    """Key stage 2 tables: (all, disadvantaged, other) % at the expected standard by URN."""
    lines = ["RECTYPE,LEA,URN,SCHNAME,PTRWM_EXP,READPROG,PTRWM_EXP_FSM6CLA1A,"
             "PTRWM_EXP_NotFSM6CLA1A"]
    lines += [f"1,999,{urn},School {urn},{a}%,0.1,{d}%,{o}%"
              for urn, (a, d, o) in figures.items()]
    folder = tmp_path / f"{year}-{year + 1}"
    folder.mkdir()
    (folder / "england_ks2final.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file(store, folder / "england_ks2final.csv", year=year)


def test_trends_and_gaps_from_performance_tables_feed_the_risk_rules(store, programme,
                                                                     tmp_path):
    build_county(store)  # Birch Primary (URN 2): good, inspected 2024
    _ks2_file(store, tmp_path, 2022, {2: (70, 60, 75)})
    _ks2_file(store, tmp_path, 2023, {2: (66, 50, 72)})
    _ks2_file(store, tmp_path, 2024, {2: (62, 40, 74)})
    report = build_report(store, programme, TODAY, authority="Wexham", record_snapshot=False)
    birch = next(r for r in report.risk if r.facts.urn == 2)
    assert birch.facts.attainment_change == -8
    assert birch.facts.disadvantaged_gap == 34
    assert birch.category == "medium"
    assert "Attainment fell by 8.0 percentage points" in birch.reasons
    assert "Gap for disadvantaged pupils of 34.0 percentage points" in birch.reasons
    assert "attainment trend" not in birch.unknown
