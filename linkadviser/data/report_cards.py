"""Reading Ofsted's report cards (and the latest ungraded inspection) out of the MI file.

Since November 2025 Ofsted grades each area of a school (inclusion, achievement, ...) on a
five-point scale, and safeguarding as met or not met, instead of one overall grade. Each grade
is checked against the scale kept in the kind's file: a word outside it stops the import with
the row and column named, because a misread grade on a school's page is worse than none.

A national file has 22,000 schools by ten areas, so each column is read as its few distinct
texts and the answers spread back to the cells, as figures are.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from linkadviser.data.errors import DataImportError
from linkadviser.data.reading import Header
from linkadviser.data.rows import Rows, text_cells
from linkadviser.data.spec import GradedArea, ReportCard
from linkadviser.data.years import dates_of

LONGEST_TEXT = 120  # a category of concern or an ungraded outcome is a short phrase
# (urn, inspected on, areas JSON, ungraded on, ungraded outcome): a row of report_cards, dates
# as YYYY-MM-DD or None
CardRow = tuple[int, str | None, str, str | None, str]


def _allowed(card: ReportCard, scale: str) -> dict[str, str] | None:
    """The scale's words by their lower-case spelling (None: any short text)."""
    words = {"five_point": card.five_point, "met": card.met}.get(scale)
    return None if words is None else {w.lower(): w for w in words}


def _grades(texts: np.ndarray, allowed: dict[str, str] | None, where: str,
            file_rows: np.ndarray) -> np.ndarray:
    """Each cell's grade in the scale's own spelling."""
    codes, uniques = pd.factorize(texts)
    spelt = np.empty(len(uniques), dtype=object)
    for index, text in enumerate(uniques):
        if allowed is None and len(text) <= LONGEST_TEXT:
            spelt[index] = text
        elif allowed is not None and text.lower() in allowed:
            spelt[index] = allowed[text.lower()]
        else:
            row = file_rows[int(np.flatnonzero(codes == index)[0])]
            words = ", ".join(allowed.values()) if allowed else \
                f"text of up to {LONGEST_TEXT} characters"
            raise DataImportError(
                f"{where}, row {row}: {text[:60]!r} is not a grade linkadviser knows (it reads "
                f"{words}, or NULL where there is none). Ofsted may have changed its scale: "
                "check the file, and the scale in resources/data/kinds; nothing was imported")
    return spelt[codes]


def _dates(texts: np.ndarray, where: str, file_rows: np.ndarray) -> np.ndarray:
    """Each cell's date as YYYY-MM-DD (None where blank); a text that is no date stops."""
    found = dates_of(pd.Series(texts, dtype=object)).to_numpy(dtype="datetime64[D]")
    blank = texts == ""
    bad = np.flatnonzero(~blank & np.isnat(found))
    if len(bad):
        raise DataImportError(
            f"{where}, row {file_rows[bad[0]]}: {texts[bad[0]]!r} is not a date (Ofsted writes "
            "21/06/2024); correct the cell and import again (nothing was imported)")
    iso = np.datetime_as_string(found, unit="D").astype(object)
    iso[blank] = None
    return iso


def _column(frame: pd.DataFrame, column: str | None, schools: np.ndarray,
            missing: frozenset[str]) -> np.ndarray:
    if not column or column not in frame.columns:
        return np.full(int(schools.sum()), "", dtype=object)
    return _cells(frame[column], schools, missing)


def _graded(frame: pd.DataFrame, area: GradedArea, allowed: dict[str, str] | None,
            header: Header, schools: np.ndarray, missing: frozenset[str],
            file_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The area's grade per school ('' for none) and its date (None)."""
    texts = _column(frame, area.column, schools, missing)
    grades = np.full(len(texts), "", dtype=object)
    when = np.full(len(texts), None, dtype=object)
    given = np.flatnonzero(texts != "")
    if len(given):
        grades[given] = _grades(texts[given], allowed, f"{header.path}, column "
                                f"{area.column!r}", file_rows[given])
        dates = _column(frame, area.date_column, schools, missing)[given]
        when[given] = _dates(dates, f"{header.path}, column {area.date_column!r}",
                             file_rows[given])
    return grades, when


def read_report_cards(rows: Rows, card: ReportCard, header: Header,
                      markers: frozenset[str]) -> list[CardRow]:
    """Each school's report card and latest ungraded inspection, where the file gives them."""
    schools = rows.entity == "school"
    frame, file_rows, urns = rows.frame, rows.file_rows[schools], rows.urn[schools]
    missing = markers
    graded = [(area.area, *_graded(frame, area, _allowed(card, area.scale), header, schools,
                                    missing, file_rows)) for area in card.areas]
    outcome_area = GradedArea("ungraded", card.ungraded_outcome_column or "",
                              card.ungraded_date_column or "", "text")
    outcomes, outcome_dates = _graded(frame, outcome_area, None, header, schools, missing,
                                      file_rows)
    has_card = np.zeros(len(urns), dtype=bool)
    for _area, grades, _when in graded:
        has_card |= grades != ""
    found: list[CardRow] = []
    for at in np.flatnonzero(has_card | (outcomes != "")):
        areas = [[name, grades[at], when[at]] for name, grades, when in graded if grades[at]]
        latest = max((a[2] for a in areas if a[2]), default=None)
        found.append((int(urns[at]), latest, json.dumps(areas), outcome_dates[at],
                      outcomes[at]))
    return found


def _cells(column: pd.Series, wanted: np.ndarray, markers: frozenset[str]) -> np.ndarray:
    """The column's text on the wanted rows, '' where blank or a missing-value marker."""
    return text_cells(column, markers)[wanted]
