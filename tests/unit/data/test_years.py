from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from linkadviser.data.errors import DataImportError
from linkadviser.data.years import parse_year, year_from_column, year_from_path


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
