"""Hostile and malformed data files (issue 14 items 6, 9, 12): each refused in one line, fast,
with nothing stored; the LA and England total rows of a spreadsheet import as in a CSV."""

from __future__ import annotations

import time
import tracemalloc
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from linkadviser.data.errors import DataImportError
from linkadviser.data.importer import import_file
from linkadviser.data.queries import value_for
from linkadviser.data.sheets import SheetLimits, read_excel_rows
from tests.crafted import xlsx_with_far_cell
from tests.unit.data.conftest import fixture
from tests.unit.data.test_bad_input import nothing_imported, rows_of, write


def test_one_cell_at_xfd1048576_is_refused_without_growing(store, tmp_path):
    path = xlsx_with_far_cell(tmp_path / "far.xlsx")
    assert path.stat().st_size < 10_000
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(DataImportError, match=r"far.xlsx: the sheet has a cell at XFD1048576, "
                       r"beyond the 200,000 rows and 2,000 columns"):
        import_file(store, path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 200_000_000 and time.monotonic() - started < 30
    assert nothing_imported(store)


def test_cell_and_unpacked_size_bounds_name_themselves(tmp_path):
    book = openpyxl.Workbook()
    for row in range(60):
        book.active.append([row] * 26)
    path = tmp_path / "wide.xlsx"
    book.save(path)
    with pytest.raises(DataImportError, match=r"more than 1,000 cells \(up to Z39\)"):
        read_excel_rows(path, SheetLimits(max_cells=1000))
    with pytest.raises(DataImportError, match=r"unpacks to [\d,]+ bytes, more than the 100"):
        read_excel_rows(path, SheetLimits(max_unpacked_bytes=100))


def test_a_far_but_bounded_cell_reads_only_the_cells_there(tmp_path):
    rows, merged = read_excel_rows(xlsx_with_far_cell(tmp_path / "f.xlsx", "C5000"))
    assert len(rows) == 5000 and rows[1] == (100002, "Invented Primary School 2")
    assert rows[2] == () and rows[-1] == (None, None, "x") and merged == []


def test_a_damaged_workbook_is_one_line(store, tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(DataImportError, match="not a readable Excel workbook"):
        import_file(store, path)


def excel_with_totals(path: Path) -> Path:
    """The authority's own sheet with its LA and England total rows, URN blank as in a CSV."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["School URN", "LA code", "Academic year", "Overall absence %"])
    sheet.append([100002, 926, "2024/25", 5.1])
    sheet.append([100003, 926, "2024/25", 6.2])
    sheet.append([None, 926, "2024/25", 5.6])
    sheet.append([None, None, "2024/25", 6.0])
    book.save(path)
    return path


def test_excel_total_rows_with_blank_urn_import_like_csv(store, tmp_path):
    excel = import_file(store, excel_with_totals(tmp_path / "la.xlsx"))
    assert (excel.comparator_rows, excel.schools_for_comparison + excel.schools_in_caseload,
            excel.values) == (2, 2, 4)
    rows = [["School URN", "LA code", "Academic year", "Overall absence %"],
            ["100002", "926", "2024/25", "5.1"], ["100003", "926", "2024/25", "6.2"],
            ["", "926", "2024/25", "5.6"], ["", "", "2024/25", "6.0"]]
    from_csv = import_file(store, write(tmp_path / "la.csv", rows), on_existing="replace")
    assert (from_csv.comparator_rows, from_csv.values) == (excel.comparator_rows, excel.values)


def ks4(tmp_path: Path, rows: list[list[str]], name: str = "ks4.csv") -> Path:
    return write(tmp_path / "2024-2025" / name, rows)


def test_header_only_and_blank_lines_only(store, tmp_path):
    rows = rows_of(fixture("england_ks4final.csv"))
    with pytest.raises(DataImportError, match="has its header but no rows of data"):
        import_file(store, ks4(tmp_path, rows[:1]))
    blank = tmp_path / "2024-2025" / "blank.csv"
    blank.write_text(",".join(rows[0]) + "\n\n\n,,\n")
    with pytest.raises(DataImportError, match="has its header but no rows of data"):
        import_file(store, blank)
    blank.write_text("\n\n \n")
    with pytest.raises(DataImportError, match="the file is empty"):
        import_file(store, blank)
    blank.write_text("\n\nnot a header\n")
    with pytest.raises(DataImportError, match="not a kind of file"):
        import_file(store, blank)
    assert nothing_imported(store)


@pytest.mark.parametrize("where", [1, 6])
def test_ragged_rows_are_refused_naming_the_row(store, tmp_path, where):
    rows = rows_of(fixture("england_ks4final.csv"))
    rows[where] = rows[where] + ["12", "x"]
    with pytest.raises(DataImportError, match=rf"row {where + 1} has {len(rows[0]) + 2} values "
                       rf"but the header names {len(rows[0])} columns"):
        import_file(store, ks4(tmp_path, rows))
    assert nothing_imported(store)


def test_short_rows_and_trailing_empty_fields_still_import(store, tmp_path):
    rows = rows_of(fixture("england_ks4final.csv"))
    rows[3] = rows[3][:5]
    rows[4] = rows[4] + ["", ""]
    assert import_file(store, ks4(tmp_path, rows)).values > 0


@pytest.mark.parametrize("urn", ["99999999999999999999999", "18446744073709551616", "1e5",
                                 "100001.5", "-100001"])
def test_urn_beyond_64_bits_or_not_whole_is_refused(store, tmp_path, urn):
    rows = rows_of(fixture("england_ks4final.csv"))
    at = rows[0].index("URN")
    school = next(i for i, r in enumerate(rows) if i and r[at])
    rows[school][at] = urn
    with pytest.raises(DataImportError, match=rf"row {school + 1}: the URN is '{urn}', not a "
                       "school's number"):
        import_file(store, ks4(tmp_path, rows))
    assert nothing_imported(store)


def test_nul_bytes_are_one_line(store, tmp_path):
    path = tmp_path / "2024-2025" / "nul.csv"
    path.parent.mkdir()
    path.write_bytes(fixture("england_ks4final.csv").read_bytes()[:2000] + b"\x00,\x00\n")
    try:
        import_file(store, path)
    except DataImportError as exc:
        assert "\n" not in str(exc)


def test_a_line_break_in_a_header_cell_stays_one_line(store, tmp_path):
    """Found by the fuzz suite: an unknown header was quoted with its line break."""
    book = openpyxl.Workbook()
    book.active.append(["Name\nof school", "\r\n", "Phase"])
    book.active.append(["Ash", "", "Primary"])
    book.save(tmp_path / "odd.xlsx")
    with pytest.raises(DataImportError, match="its header begins: Name of school, , Phase") as e:
        import_file(store, tmp_path / "odd.xlsx")
    assert "\n" not in str(e.value)


def test_a_zip_version_nobody_knows_is_one_line(store, tmp_path):
    """Found by bench/fuzz.py: zipfile's NotImplementedError for "version 20.8"."""
    import re

    path = excel_with_totals(tmp_path / "la.xlsx")
    data = bytearray(path.read_bytes())
    for found in re.finditer(rb"PK\x01\x02", data):
        data[found.start() + 6] = 208  # "version needed to extract": 20.8
    path.write_bytes(bytes(data))
    with pytest.raises(DataImportError, match="not a readable Excel workbook .zip file version"):
        import_file(store, path)
    assert nothing_imported(store)


def test_a_figure_withheld_only_far_down_a_wide_file_is_read_as_a_whole_read_reads_it(
        store, tmp_path, capsys):
    """pandas reads a file in chunks, guessing each chunk's types: a column of figures whose
    only word (SUPP) is in a later chunk would come back half numbers, half text. The import
    then reads the file whole, as before: same figures, nothing said on stderr."""
    rows = rows_of(fixture("england_ks4final.csv"))
    header, school = rows[0], next(r for r in rows[1:] if r[0] == "1")
    urn, att8 = header.index("URN"), header.index("ATT8SCR")
    padding = [f"PAD{i}" for i in range(1_000)]  # wide, so pandas' chunks are 512 rows
    schools = []
    for i in range(700):
        row = list(school)
        row[urn], row[att8] = str(200_000 + i), "SUPP" if i == 650 else "45.5"
        schools.append(row + [""] * len(padding))
    path = ks4(tmp_path, [header + padding, *schools])
    with pytest.warns(pd.errors.DtypeWarning):  # the case the import must not fall into
        pd.read_csv(path, low_memory=True, keep_default_na=False, na_values=[""])
    with warnings.catch_warnings(record=True) as said:
        warnings.simplefilter("always")
        report = import_file(store, path)
    assert [str(w.message) for w in said] == []
    assert report.schools_for_comparison == 700 and report.suppressed >= 1
    assert value_for(store, 200_000, 2024, "ks4_att8", "all") == 45.5
    assert value_for(store, 200_650, 2024, "ks4_att8", "all") is None
    assert capsys.readouterr().err == ""
