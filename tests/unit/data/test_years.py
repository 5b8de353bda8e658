from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from linkadviser.data.errors import DataImportError
from linkadviser.data.years import (
    dates_of,
    latest_year,
    parse_year,
    read_dates,
    year_from_column,
    year_from_path,
)


@pytest.mark.parametrize(("text", "year"), [
    ("2023/24", 2023), ("2023-2024", 2023), ("2023", 2023), ("202324", 2023), (" 2023_24 ", 2023),
])
def test_years_as_people_write_them(text, year):
    assert parse_year(text) == year


@pytest.mark.parametrize("text", ["2023/25", "23/24", "next year", "202399"])
def test_what_is_not_an_academic_year_says_how_to_write_one(text):
    with pytest.raises(DataImportError, match="2023/24"):
        parse_year(text)


@pytest.mark.parametrize(("path", "year"), [
    ("downloads/2022-2023/england_ks4final.csv", 2022),
    ("edubasealldata20240105.csv", 2023),  # January 2024 is in 2023/24
    ("edubasealldata20240905.csv", 2024),
    ("Performance_Tables_2021_22/england_ks2final.csv", 2021),
    ("downloads/england_ks2final.csv", None),
])
def test_year_from_folder_or_file_name(path, year):
    assert year_from_path(Path(path)) == year


def test_year_from_a_column_of_dates_is_the_latest_inspection():
    dates = pd.Series(["12/10/2023", "03/07/2024", None])
    assert year_from_column(dates, "f") == 2023
    assert year_from_column(pd.Series(["15/09/2024"]), "f") == 2024


# Texts a date column can hold: plain dates (read with numpy, all at once) beside the ones
# only pandas reads (one digit, ISO, a time), impossible days and years far outside.
DATE_TEXTS = ["21/06/2024", "1/2/2025", "29/02/2024", "29/02/2023", "31/04/2025", "00/01/2025",
              "01/13/2025", "01/01/1699", "01/01/1700", "31/12/2200", "01/01/2201",
              "2025-11-20", "2025-11-20T10:30", "20251120", "NULL", "soon", "", "15/08/2019"]


def test_plain_dates_read_all_at_once_as_pandas_reads_them_one_by_one():
    expected = [pd.to_datetime(t, format="%d/%m/%Y", errors="coerce") for t in DATE_TEXTS]
    expected = [e if not pd.isna(e) or not t else
                pd.to_datetime(t, format="ISO8601", errors="coerce")
                for e, t in zip(expected, DATE_TEXTS, strict=True)]
    found = read_dates(DATE_TEXTS)
    for text, day, want in zip(DATE_TEXTS, found, expected, strict=True):
        assert (pd.isna(day) and pd.isna(want)) or pd.Timestamp(day) == want, text
    assert pd.Timestamp(found[0]) == pd.Timestamp(2024, 6, 21)
    assert pd.isna(found[DATE_TEXTS.index("29/02/2023")])


def test_the_latest_date_of_several_columns_gives_the_year():
    columns = [pd.Series(["21/06/2024", None, "NULL"]), pd.Series(["2025-09-02", "soon"])]
    assert latest_year(columns, "f") == 2025
    with pytest.raises(DataImportError, match="hold no dates"):
        latest_year([pd.Series(["NULL", None])], "f")


def test_a_day_outside_what_pandas_holds_is_no_date_and_gives_no_year():
    # 01/01/1500 once came back as 2084-07-20, a year no file could be for
    texts = pd.Series(["01/01/1500", "1500-01-01", "31/12/2300", "21/06/2024", "11/04/2262"])
    found = dates_of(texts)
    assert found.isna().tolist() == [True, True, True, False, False]
    assert latest_year([texts[:4]], "f") == 2023
    assert year_from_column(texts[:4], "f") == 2023


def test_a_date_with_a_time_zone_or_nanoseconds_is_read_not_a_crash():
    found = read_dates(["2025-11-20T10:30+01:00", "21/06/2024"])
    assert [pd.Timestamp(d) for d in found] == [pd.Timestamp(2025, 11, 20, 9, 30),
                                                 pd.Timestamp(2024, 6, 21)]
    (found,) = read_dates(["2025-11-20T10:30:00.123456789"])  # once pandas' TypeError
    assert pd.Timestamp(found).floor("D") == pd.Timestamp(2025, 11, 20)
