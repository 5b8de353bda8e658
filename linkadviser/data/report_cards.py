"""Reading Ofsted's report cards (and the latest ungraded inspection) out of the MI file.

Since November 2025 Ofsted grades each area of a school (inclusion, achievement, ...) on a
five-point scale, and safeguarding as met or not met, instead of one overall grade. Each grade
is checked against the scale kept in the kind's file: a word outside it stops the import with
the row and column named, because a misread grade on a school's page is worse than none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from linkadviser.data.errors import DataImportError
from linkadviser.data.reading import Header
from linkadviser.data.rows import Rows
from linkadviser.data.spec import GradedArea, ReportCard
from linkadviser.data.years import dates_of

UNGRADED = "Latest ungraded inspection"
LONGEST_TEXT = 120  # a category of concern or an ungraded outcome is a short phrase


@dataclass(frozen=True)
class Judgement:
    urn: int
    area: str
    grade: str
    graded_on: date | None


def _allowed(card: ReportCard, scale: str) -> dict[str, str] | None:
    """The scale's words by their lower-case spelling (None: any short text)."""
    words = {"five_point": card.five_point, "met": card.met}.get(scale)
    return None if words is None else {w.lower(): w for w in words}


def _grades(texts: np.ndarray, allowed: dict[str, str] | None, where: str,
            file_rows: np.ndarray) -> np.ndarray:
    """Each cell's grade in the scale's own spelling ('' where none was given)."""
    codes, uniques = pd.factorize(texts)
    spelt = np.empty(len(uniques), dtype=object)
    for index, text in enumerate(uniques):
        if not text:
            spelt[index] = ""
            continue
        if allowed is None and len(text) <= LONGEST_TEXT:
            spelt[index] = text
            continue
        if allowed is not None and text.lower() in allowed:
            spelt[index] = allowed[text.lower()]
            continue
        row = file_rows[int(np.flatnonzero(codes == index)[0])]
        words = ", ".join(allowed.values()) if allowed else f"text of {LONGEST_TEXT} characters"
        raise DataImportError(
            f"{where}, row {row}: {text[:60]!r} is not a grade linkadviser knows (it reads "
            f"{words}, or NULL where there is none). Ofsted may have changed its scale: check "
            "the file, and the scale in resources/data/kinds; nothing was imported")
    return spelt[codes]


def _dates(texts: np.ndarray, where: str, file_rows: np.ndarray) -> np.ndarray:
    series = pd.Series(texts, dtype=object)
    found = dates_of(series)
    bad = np.flatnonzero((series != "").to_numpy() & found.isna().to_numpy())
    if len(bad):
        raise DataImportError(
            f"{where}, row {file_rows[bad[0]]}: {texts[bad[0]]!r} is not a date (Ofsted writes "
            "21/06/2024); correct the cell and import again (nothing was imported)")
    return found.to_numpy()


def read_judgements(rows: Rows, card: ReportCard, header: Header,
                    markers: frozenset[str]) -> list[Judgement]:
    """Every school's report-card grades and latest ungraded outcome the file gives."""
    schools = rows.entity == "school"
    frame, file_rows, urns = rows.frame, rows.file_rows[schools], rows.urn[schools]
    areas = list(card.areas)
    if card.ungraded_outcome_column and card.ungraded_date_column:
        areas.append(GradedArea(UNGRADED, card.ungraded_outcome_column,
                                card.ungraded_date_column, "text"))
    found: list[Judgement] = []
    for area in areas:
        if area.column not in frame.columns:
            continue
        texts = _cells(frame, area.column, schools, markers)
        given = np.flatnonzero(texts != "")
        if not len(given):
            continue
        where = f"{header.path}, column {area.column!r}"
        grades = _grades(texts[given], _allowed(card, area.scale), where, file_rows[given])
        when = np.full(len(given), np.datetime64("NaT"), dtype="datetime64[ns]")
        if area.date_column in frame.columns:
            dates = _cells(frame, area.date_column, schools, markers)[given]
            when = _dates(dates, f"{header.path}, column {area.date_column!r}",
                          file_rows[given])
        found += [Judgement(int(urn), area.area, grade,
                            None if np.isnat(day) else pd.Timestamp(day).date())
                  for urn, grade, day in zip(urns[given], grades, when, strict=True)]
    return found


def _cells(frame: pd.DataFrame, column: str, wanted: np.ndarray,
           markers: frozenset[str]) -> np.ndarray:
    """The column's text on the wanted rows, '' where blank or a missing-value marker."""
    texts = frame[column].fillna("").astype(str).str.strip().to_numpy(dtype=object)[wanted]
    texts[np.isin(texts, list(markers))] = ""
    return texts
