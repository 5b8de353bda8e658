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
    saved again; NaT where a text is neither, or a day outside what a datetime64[ns] holds
    (before 1677 or after 2262), so the caller treats it as it treats any text that is no
    date. Each distinct text is read once.

    ISO is read first: read day first, pandas would take 2025-11-03 for 11 March. Formats are
    given, so pandas never guesses one (and never warns on stderr that it had to).
    """
    codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    values = np.append(read_dates([str(u).strip() for u in uniques]),
                       np.datetime64("NaT"))  # for blank cells (-1)
    return pd.Series(values[codes], index=texts.index)


_DAY_MONTH_YEAR = re.compile(r"[0-9]{2}/[0-9]{2}/[0-9]{4}")
_PLAIN_YEARS = (1700, 2200)  # well inside what a datetime64[ns] holds


def read_dates(texts: list[str]) -> np.ndarray:
    """Each (stripped) text's date as ``dates_of`` reads it, datetime64[ns] (NaT: none).

    A national file's inspection dates have thousands of distinct days, and pandas reads a
    formatted date one at a time, so the plain ones (21/06/2024, a real day of a year
    between 1700 and 2200) are turned into dates here all at once; pandas reads the rest.
    """
    values = np.full(len(texts), np.datetime64("NaT", "ns"))
    plain = np.array([i for i, t in enumerate(texts) if _DAY_MONTH_YEAR.fullmatch(t)],
                     dtype=np.int64)
    done = np.zeros(len(texts), dtype=bool)
    if len(plain):
        digits = (np.frombuffer("".join(texts[i] for i in plain).encode("ascii"),
                                dtype=np.uint8).reshape(-1, 10).astype(np.int64) - ord("0"))
        day, month = digits[:, 0] * 10 + digits[:, 1], digits[:, 3] * 10 + digits[:, 4]
        year = digits[:, 6:10] @ np.array([1000, 100, 10, 1])
        months = ((year - 1970) * 12 + np.clip(month, 1, 12) - 1).astype("datetime64[M]")
        first = months.astype("datetime64[D]")
        length = ((months + 1).astype("datetime64[D]") - first).astype(np.int64)
        real = ((month >= 1) & (month <= 12) & (day >= 1) & (day <= length)
                & (year >= _PLAIN_YEARS[0]) & (year <= _PLAIN_YEARS[1]))
        values[plain[real]] = (first + (day - 1))[real].astype("datetime64[ns]")
        done[plain[real]] = True
    rest = np.flatnonzero(~done & np.array([bool(t) for t in texts], dtype=bool))
    if len(rest):
        distinct = pd.Series([texts[i] for i in rest], dtype=object)
        found = _nanoseconds(pd.to_datetime(distinct, format="%d/%m/%Y", errors="coerce"))
        others = np.isnat(found) & (distinct != "").to_numpy()
        if others.any():
            # utc: a text with a time zone (hostile; Ofsted writes none) is read at UTC, not
            # refused by pandas with a TypeError when set beside dates without one
            iso = pd.to_datetime(distinct[others], format="ISO8601", errors="coerce", utc=True)
            found[others] = _nanoseconds(iso.dt.tz_localize(None))
        values[rest] = found
    return values


def _nanoseconds(found: pd.Series) -> np.ndarray:
    """pandas' dates as datetime64[ns], whatever unit pandas kept them in; NaT for a day
    outside what nanoseconds hold (01/01/1500, which pandas keeps in microseconds, would
    otherwise wrap round to another day, 2084-07-20)."""
    held = (found >= pd.Timestamp.min) & (found <= pd.Timestamp.max)
    return found.where(held).to_numpy(dtype="datetime64[ns]")


def latest_year(columns: list[pd.Series], where: str) -> int:
    """The academic year of the latest date in any of ``columns`` (a file of inspections)."""
    # each column's distinct cells by a set (quicker than pandas' factorize for a column of
    # 22,000 texts), blanks (NaN, None) left out
    distinct = {str(u).strip() for c in columns for u in set(c.to_numpy()) if not pd.isna(u)}
    found = read_dates(list(distinct))  # only the latest counts: any order
    found = found[~np.isnat(found)]
    if not len(found):
        raise DataImportError(f"{where}: hold no dates, so the year is unknown; give --year")
    return academic_year_of(pd.Timestamp(found.max()).date())
