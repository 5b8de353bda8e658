from __future__ import annotations

import shutil

import pandas as pd
import pytest
from sqlalchemy import func, select

from linkadviser.data.errors import DataImportError
from linkadviser.data.importer import import_file
from linkadviser.data.queries import long_figures
from linkadviser.store.models import School
from linkadviser.store.models_data import DataImport
from tests.unit.data.conftest import CASELOAD_URN, FIXTURES, fixture


def values(store, **where):
    frame = long_figures(store)
    for key, value in where.items():
        frame = frame[frame[key] == value]
    return list(frame.itertuples(index=False))


def test_ks2_import_reports_kind_year_caseload_and_comparators(store, caseload_school):
    report = import_file(store, fixture("england_ks2final.csv"))
    assert (report.kind, report.year_label, report.outcome) == ("ks2", "2024/25", "imported")
    assert report.schools_in_caseload == 1
    assert report.schools_for_comparison == 23  # 24 invented primaries, one in the caseload
    assert report.comparator_rows == 2  # LA 926 and England
    assert report.suppressed > 0


def test_percent_signs_and_confidence_limits_are_read(store):
    import_file(store, fixture("england_ks2final.csv"))
    (read,) = values(store, urn=CASELOAD_URN, measure="ks2_read_progress", pupil_group="all")
    assert read.lower < read.value < read.upper
    (rwm,) = values(store, urn=CASELOAD_URN, measure="ks2_rwm_expected", pupil_group="all")
    assert rwm.value == 51.0  # written "51%" in the file


def test_suppressed_figures_are_missing_never_zero(store):
    report = import_file(store, fixture("england_ks2final.csv"))
    withheld = [v for v in values(store) if v.marker]
    assert len(withheld) == report.suppressed
    assert all(pd.isna(v.value) for v in withheld)
    assert {v.marker for v in withheld} <= {"SUPP", "LOWCOV", "NE"}


def test_la_and_england_rows_are_kept_as_comparators(store):
    import_file(store, fixture("england_ks4final.csv"))
    (la,) = values(store, entity="la", measure="ks4_att8", pupil_group="all")
    (england,) = values(store, entity="england", measure="ks4_att8", pupil_group="all")
    assert la.la_code == "926" and pd.isna(la.urn)
    assert england.value == 47.0  # the invented national figure for 2024/25


def test_schools_outside_the_caseload_are_not_added_to_it(store, caseload_school):
    import_file(store, fixture("england_ks4final.csv"))
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(School)) == 1
    assert values(store, urn=100001)  # kept for comparison all the same


@pytest.mark.parametrize(("name", "kind", "year"), [
    ("2023-2024/england_abs.csv", "absence", 2023),  # UTF-8 with BOM, totals without URN
    ("2023-2024/england_census.csv", "census", 2023),
    ("edubasealldata20240105.csv", "gias", 2023),  # Windows-1252, year from the date
    ("ofsted_state_funded_schools_mi.csv", "ofsted", 2023),  # year from inspection dates
])
def test_each_kind_is_recognised_from_its_header(store, name, kind, year):
    report = import_file(store, FIXTURES / name)
    assert (report.kind, report.year) == (kind, year)
    assert report.values > 0


def test_absence_totals_without_urn_become_la_and_england(store):
    import_file(store, fixture("england_abs.csv", "2023-2024"))
    assert values(store, entity="la", measure="overall_absence")[0].la_code == "926"
    england = values(store, entity="england", measure="persistent_absence")
    assert sorted(e.phase for e in england) == ["Primary", "Secondary", "Special"]


def test_windows_1252_names_survive(store, tmp_path):
    report = import_file(store, FIXTURES / "edubasealldata20240105.csv")
    assert report.schools_for_comparison == 36
    text = (FIXTURES / "edubasealldata20240105.csv").read_bytes()
    assert "Église".encode("cp1252") in text


def test_year_argument_overrides_the_path(store, tmp_path):
    copy = tmp_path / "download.csv"
    shutil.copy(fixture("england_ks4final.csv"), copy)
    with pytest.raises(DataImportError, match="--year"):
        import_file(store, copy)
    assert import_file(store, copy, year="2021/22").year == 2021


def test_three_years_import_side_by_side(store):
    for year in ("2022-2023", "2023-2024", "2024-2025"):
        import_file(store, fixture("england_ks4final.csv", year))
    with store.session() as session:
        years = session.scalars(select(DataImport.academic_year).order_by(
            DataImport.academic_year)).all()
    assert years == [2022, 2023, 2024]


def test_same_year_again_must_say_replace_or_keep(store):
    path = fixture("england_ks4final.csv")
    first = import_file(store, path)
    with pytest.raises(DataImportError, match="--replace .* --keep"):
        import_file(store, path)
    assert import_file(store, path, on_existing="keep").outcome == "kept"
    again = import_file(store, path, on_existing="replace")
    assert again.outcome == "replaced"
    assert long_figures(store)["value"].notna().sum() == first.values  # not added twice


def _stored(path, tmp_path) -> list[tuple]:
    from linkadviser.store.db import open_store
    from linkadviser.store.models_data import DataRow

    store = open_store(tmp_path / f"{path.parent.name}-{path.name}.sqlite3")
    try:
        import_file(store, path, year=2025)
        with store.session() as session:
            rows = session.execute(select(
                DataRow.entity, DataRow.urn, DataRow.la_code, DataRow.phase, DataRow.region,
                DataRow.figures, DataRow.markers, DataRow.card_areas,
                DataRow.ungraded_outcome)).all()
        return sorted(map(tuple, rows), key=repr)
    finally:
        store.close()


@pytest.mark.parametrize("name", ["ofsted_mi_report_cards.csv", "2024-2025/england_ks4final.csv",
                                  "2023-2024/england_census.csv"])
def test_a_space_after_each_comma_reads_as_the_same_file(tmp_path, name):
    """A sheet saved by hand may write ``, `` between values: every figure, marker, phase and
    grade is read as in the file without (pandas reads it without skipping them, which is a
    fifth quicker on a national file)."""
    import csv
    import io

    plain = FIXTURES / name
    rows = csv.reader(io.StringIO(plain.read_text(encoding="utf-8-sig")))
    spaced = tmp_path / "spaced" / plain.name
    spaced.parent.mkdir()
    spaced.write_text("".join(", ".join(r) + "\n" for r in rows), encoding="utf-8")
    assert ", " in spaced.read_text(encoding="utf-8")
    assert _stored(spaced, tmp_path) == _stored(plain, tmp_path)
