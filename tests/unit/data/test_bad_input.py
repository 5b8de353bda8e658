"""Bad files: each is refused with a message naming the problem, and nothing is imported."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import func, select

from linkadviser.data.errors import DataImportError
from linkadviser.data.importer import import_file
from linkadviser.store.models_data import DataImport, DataRow
from tests.unit.data.conftest import fixture


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.reader(fh))


def write(path: Path, rows: list[list[str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def nothing_imported(store) -> bool:
    with store.session() as session:
        return (session.scalar(select(func.count()).select_from(DataRow)) == 0
                and session.scalar(select(func.count()).select_from(DataImport)) == 0)


def ks4_rows() -> list[list[str]]:
    return rows_of(fixture("england_ks4final.csv"))


def test_unknown_kind(store, tmp_path):
    path = write(tmp_path / "2024-2025" / "shopping.csv", [["Item", "Price"], ["Tea", "2"]])
    with pytest.raises(DataImportError, match=r"not a kind of file .*header begins: Item, Price"):
        import_file(store, path)
    assert nothing_imported(store)


def test_missing_urn_column(store, tmp_path):
    rows = ks4_rows()
    at = rows[0].index("URN")
    path = write(tmp_path / "2024-2025" / "ks4.csv", [r[:at] + r[at + 1:] for r in rows])
    with pytest.raises(DataImportError, match="key stage 4 .* has no 'URN' column"):
        import_file(store, path)
    assert nothing_imported(store)


def test_duplicated_urns_name_both_rows(store, tmp_path):
    rows = ks4_rows()
    rows.insert(5, list(rows[2]))
    path = write(tmp_path / "2024-2025" / "ks4.csv", rows)
    urn = rows[2][rows[0].index("URN")]
    with pytest.raises(DataImportError, match=f"URN {urn} appears on rows 3, 6"):
        import_file(store, path)
    assert nothing_imported(store)


def test_text_where_a_number_belongs_names_row_and_column(store, tmp_path):
    rows = ks4_rows()
    rows[-3][rows[0].index("ATT8SCR")] = "forty"  # near the end: nothing before it is kept
    path = write(tmp_path / "2024-2025" / "ks4.csv", rows)
    with pytest.raises(DataImportError,
                       match=rf"column 'ATT8SCR', row {len(rows) - 2}: 'forty' is not a number"):
        import_file(store, path)
    assert nothing_imported(store)


def test_a_failed_replace_keeps_the_earlier_import(store, tmp_path):
    good = write(tmp_path / "2024-2025" / "ks4.csv", ks4_rows())
    first = import_file(store, good)
    rows = ks4_rows()
    rows[4][rows[0].index("P8MEA")] = "n/a?"
    bad = write(tmp_path / "2024-2025" / "ks4.csv", rows)
    with pytest.raises(DataImportError):
        import_file(store, bad, on_existing="replace")
    with store.session() as session:
        assert session.scalar(select(DataImport.figures)) == first.values
        rows = session.scalar(select(func.count()).select_from(DataRow))
        assert rows == 14  # 12 secondary schools, the LA and England


def test_a_school_row_with_a_blank_urn(store, tmp_path):
    rows = ks4_rows()
    rows[3][rows[0].index("URN")] = ""
    path = write(tmp_path / "2024-2025" / "ks4.csv", rows)
    with pytest.raises(DataImportError, match="row 4: the URN is 'blank'"):
        import_file(store, path)


def test_urns_as_spreadsheets_resave_them_and_one_broken_over_two_lines(store, tmp_path):
    """Plain URNs are checked all at once; any other spelling is still read (or refused)
    one by one: ``100001.0`` and `` 100002`` are URNs, a URN with a line break is not."""
    rows = ks4_rows()
    urn = rows[0].index("URN")
    rows[1][urn], rows[2][urn] = f"{rows[1][urn]}.0", f" {rows[2][urn]}"
    import_file(store, write(tmp_path / "2024-2025" / "ks4.csv", rows))
    rows[3][urn] = f"{rows[3][urn][:3]}\n{rows[3][urn][3:]}"
    path = write(tmp_path / "2023-2024" / "ks4.csv", rows)
    with pytest.raises(DataImportError, match=r"row 4: the URN is '\d{3}\\n\d{3}', not a"):
        import_file(store, path)


def authority_workbook(path: Path, merged_header: bool) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Wexham school data (invented)"])
    sheet.merge_cells("A1:D1")
    if merged_header:
        sheet.append(["School URN", "Academic year", "Absence", None])
        sheet.append([None, None, "Overall absence %", "Persistent absence %"])
        sheet.merge_cells("C2:D2")
    else:
        sheet.append(["School URN", "Academic year", "Overall absence %",
                      "Persistent absence %"])
    sheet.append([100002, "2024/25", 5.1, "SUPP"])
    sheet.append([100003, "2024/25", 6.2, 15.5])
    book.save(path)
    return path


def test_excel_with_a_title_row_above_the_header_is_read(store, tmp_path):
    path = authority_workbook(tmp_path / "la.xlsx", merged_header=False)
    report = import_file(store, path)
    assert (report.kind, report.year, report.values, report.suppressed) == (
        "authority", 2024, 3, 1)


def test_excel_with_merged_header_rows_is_refused(store, tmp_path):
    path = authority_workbook(tmp_path / "la.xlsx", merged_header=True)
    with pytest.raises(DataImportError, match=r"row 2 has merged cells \(C2:D2\)"):
        import_file(store, path)
    assert nothing_imported(store)


def test_a_file_holding_several_years_is_refused(store, tmp_path):
    path = write(tmp_path / "la.csv", [["School URN", "Academic year", "Overall absence %"],
                                       ["100002", "2023/24", "5"], ["100003", "2024/25", "6"]])
    with pytest.raises(DataImportError, match="several academic years"):
        import_file(store, path)


def test_empty_and_missing_files(store, tmp_path):
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(DataImportError, match="empty"):
        import_file(store, tmp_path / "empty.csv")
    with pytest.raises(DataImportError, match="no such file"):
        import_file(store, tmp_path / "nope.csv")


def test_two_rows_for_england_are_refused(store, tmp_path):
    rows = ks4_rows()
    rows.append(list(rows[-1]))  # the England row, twice
    path = write(tmp_path / "2024-2025" / "ks4.csv", rows)
    with pytest.raises(DataImportError, match="row for England appears more than once"):
        import_file(store, path)
    assert nothing_imported(store)


def test_a_record_type_the_kind_does_not_know_is_refused_not_guessed(store, tmp_path):
    rows = ks4_rows()
    odd = list(rows[1])
    odd[rows[0].index("RECTYPE")] = "3"
    odd[rows[0].index("URN")] = "555555"
    path = write(tmp_path / "2024-2025" / "ks4.csv", [*rows, odd])
    with pytest.raises(DataImportError, match=r"record type '3' \(rows 18\) is not one "
                       r"linkadviser knows for .*key stage 4.* in 2024/25 \(it knows: 1 "
                       r"mainstream school; .*7 England, state-funded schools\)"):
        import_file(store, path)
    assert nothing_imported(store)


def test_independent_schools_and_all_schools_england_are_left_out_and_counted(store):
    report = import_file(store, fixture("england_ks4final.csv"))
    # the independent school (NFTYPE IND) and England's all-schools row (RECTYPE 5)
    assert report.rows_left_out == 2
    assert report.schools_for_comparison == 12  # the twelve state schools only


def test_a_full_disk_part_way_through_the_rows_imports_nothing(store, tmp_path):
    """The rows go to the database driver directly (store.bulk): a full disk there is still
    the store's one message, and the transaction rolls back."""
    from linkadviser.errors import StoreError
    from tests.crafted import disk_full_soon
    from tests.unit.data.conftest import invented_mi, write_mi

    mi = write_mi(tmp_path / "ofsted_mi.csv", invented_mi(2000))
    with disk_full_soon(store), pytest.raises(StoreError, match="is full, so nothing was saved"):
        import_file(store, mi)
    assert nothing_imported(store)
