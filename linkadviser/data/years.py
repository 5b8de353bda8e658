"""Which academic year a file's results belong to: from the user, the file's path, or its data.

Academic years are named by the year they start, as everywhere in linkadviser: 2023 is 2023/24,
whose summer results the DfE publishes in a folder named ``2023-2024``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from linkadviser.data.errors import DataImportError

_PAIR = re.compile(r"(?<!\d)(20\d\d)\s*[-_/]\s*(20\d\d|\d\d)(?!\d)")
_DATE = re.compile(r"(?<!\d)(20\d\d)(0[1-9]|1[0-2])([0-2]\d|3[01])(?!\d)")
_TERM_START_MONTH = 9


def label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def academic_year_of(day: date) -> int:
    return day.year if day.month >= _TERM_START_MONTH else day.year - 1


def parse_year(text: str) -> int:
    """``2023/24``, ``2023-2024`` or ``2023`` (the start year) as 2023."""
    text = str(text).strip()
    match = _PAIR.fullmatch(text)
    if match and _consecutive(match):
        return int(match.group(1))
    if re.fullmatch(r"20\d\d", text):
        return int(text)
    if re.fullmatch(r"20\d{4}", text) and int(text[4:]) == (int(text[:4]) + 1) % 100:
        return int(text[:4])  # explore-education-statistics' time_period, 202324
    raise DataImportError(
        f"{text!r} is not an academic year: give it as 2023/24 (or its first year, 2023)")


def _consecutive(match: re.Match) -> bool:
    start, end = int(match.group(1)), int(match.group(2)) % 100
    return end == (start + 1) % 100


def year_from_path(path: Path) -> int | None:
    """The year named in a folder or file name: ``2023-2024``, ``2023_24``, or a date."""
    for part in reversed(path.parts):
        for match in _PAIR.finditer(part):
            if _consecutive(match):
                return int(match.group(1))
        found = _DATE.search(part)
        if found:
            return academic_year_of(date(*(int(g) for g in found.groups())))
    return None


def year_from_column(column: pd.Series, where: str) -> int:
    """One academic year from a year or date column: the latest date's, or the only year."""
    values = column.dropna().astype(str).str.strip()
    values = values[values != ""]
    if values.empty:
        raise DataImportError(f"{where}: the column is empty, so the year is unknown; give --year")
    try:
        years = {parse_year(v) for v in values.unique()}
    except DataImportError:
        dates = dates_of(values).dropna()
        if dates.empty:
            raise DataImportError(
                f"{where}: holds neither academic years nor dates; give --year") from None
        return academic_year_of(dates.max().date())
    if len(years) > 1:
        shown = ", ".join(label(y) for y in sorted(years))
        raise DataImportError(
            f"{where}: holds several academic years ({shown}); import one year per file")
    return years.pop()


def dates_of(texts: pd.Series) -> pd.Series:
    """Dates as Ofsted and the DfE write them (21/06/2024), or ISO (2024-06-21) from a sheet
    saved again; NaT where a text is neither. Each distinct text is read once.

    ISO is read first: read day first, pandas would take 2025-11-03 for 11 March. Formats are
    given, so pandas never guesses one (and never warns on stderr that it had to).
    """
    codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    distinct = pd.Series(uniques, dtype=object).astype(str).str.strip()
    found = pd.to_datetime(distinct, format="%d/%m/%Y", errors="coerce")
    others = found.isna() & (distinct != "")
    if others.any():
        found[others] = pd.to_datetime(distinct[others], format="ISO8601", errors="coerce")
    values = found.to_numpy(dtype="datetime64[ns]")
    values = np.append(values, np.datetime64("NaT"))  # for blank cells (-1)
    return pd.Series(values[codes], index=texts.index)


def latest_year(columns: list[pd.Series], where: str) -> int:
    """The academic year of the latest date in any of ``columns`` (a file of inspections)."""
    found = [d for c in columns if not pd.isna(d := dates_of(c).max())]
    if not found:
        raise DataImportError(f"{where}: hold no dates, so the year is unknown; give --year")
    return academic_year_of(max(found).date())
