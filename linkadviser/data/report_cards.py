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
    """Each cell's date (NaT where blank); a text that is no date stops the import."""
    found = dates_of(pd.Series(texts, dtype=object)).to_numpy(dtype="datetime64[D]")
    bad = np.flatnonzero((texts != "") & np.isnat(found))
    if len(bad):
        raise DataImportError(
            f"{where}, row {file_rows[bad[0]]}: {texts[bad[0]]!r} is not a date (Ofsted writes "
            "21/06/2024); correct the cell and import again (nothing was imported)")
    return found


def _given(frame: pd.DataFrame, column: str | None, rows: np.ndarray,
           markers: frozenset[str]) -> tuple[np.ndarray, np.ndarray]:
    """Which of ``rows`` (positions in the frame) have a value in ``column``, and its text.

    Most schools have no report card yet: their cells are blank or NULL, so they are set
    aside first and only the rest are cleaned and checked.
    """
    if not column or column not in frame.columns or not len(rows):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=object)
    cells = frame[column].to_numpy(dtype=object)[rows]
    maybe = np.flatnonzero(~(pd.isna(cells) | pd.Series(cells).isin(markers).to_numpy()))
    texts = text_cells(pd.Series(cells[maybe], dtype=object), markers)
    kept = texts != ""
    return maybe[kept], texts[kept]


def _graded(frame: pd.DataFrame, area: GradedArea, allowed: dict[str, str] | None,
            header: Header, schools: np.ndarray, missing: frozenset[str],
            file_rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The area's grade per school ('' for none) and the date it was given (NaT)."""
    where = np.flatnonzero(schools)
    grades = np.full(len(where), "", dtype=object)
    when = np.full(len(where), np.datetime64("NaT"), dtype="datetime64[D]")
    given, texts = _given(frame, area.column, where, missing)
    if len(given):
        grades[given] = _grades(texts, allowed, f"{header.path}, column {area.column!r}",
                                file_rows[given])
        dated, days = _given(frame, area.date_column, where[given], missing)
        dates = np.full(len(given), "", dtype=object)
        dates[dated] = days
        when[given] = _dates(dates, f"{header.path}, column {area.date_column!r}",
                             file_rows[given])
    return grades, when


def _iso(days: np.ndarray) -> np.ndarray:
    """Dates as YYYY-MM-DD text, None where there is none (each distinct date written once)."""
    distinct, inverse = np.unique(days, return_inverse=True)
    text = np.datetime_as_string(distinct, unit="D").astype(object)
    text[np.isnat(distinct)] = None
    return text[inverse.reshape(-1)]


def _entries(name: str, grades: np.ndarray, when: np.ndarray) -> np.ndarray:
    """Each school's JSON entry for one area ('' where not graded), written once per distinct
    grade and date: a national file has 22,000 schools but a few hundred of those."""
    entries = np.full(len(grades), "", dtype=object)
    given = np.flatnonzero(grades != "")
    if len(given):
        graded, days = grades[given], _iso(when[given])
        codes, _ = pd.factorize(pd.Series(graded) + "|" + pd.Series(days).fillna(""))
        _, firsts = np.unique(codes, return_index=True)  # each distinct pair's first school
        texts = [json.dumps([name, graded[f], days[f]]) for f in firsts]
        entries[given] = np.array(texts, dtype=object)[codes]
    return entries


def read_report_cards(rows: Rows, card: ReportCard, header: Header,
                      markers: frozenset[str]) -> list[CardRow]:
    """Each school's report card and latest ungraded inspection, where the file gives them."""
    schools = rows.entity == "school"
    frame, file_rows, urns = rows.frame, rows.file_rows[schools], rows.urn[schools]
    entries, dates = [], []
    for area in card.areas:
        grades, when = _graded(frame, area, _allowed(card, area.scale), header, schools,
                               markers, file_rows)
        entries.append(_entries(area.area, grades, when))
        dates.append(when)
    outcome_area = GradedArea("ungraded", card.ungraded_outcome_column or "",
                              card.ungraded_date_column or "", "text")
    outcomes, outcome_dates = _graded(frame, outcome_area, None, header, schools, markers,
                                      file_rows)
    has_card = np.zeros(len(urns), dtype=bool)
    for column in entries:
        has_card |= column != ""
    chosen = np.flatnonzero(has_card | (outcomes != ""))
    joined = np.full(len(chosen), "", dtype=object)
    for column in entries:  # each school's entries, comma-separated, column by column
        entry = column[chosen]
        joined = joined + np.where((joined != "") & (entry != ""), ", ", "") + entry
    earliest = np.datetime64("1900-01-01")
    latest = np.full(len(chosen), earliest)
    for when in dates:
        latest = np.maximum(latest, np.where(np.isnat(when[chosen]), earliest, when[chosen]))
    latest = _iso(np.where(latest == earliest, np.datetime64("NaT"), latest))
    return list(zip(urns[chosen].tolist(), latest.tolist(), ("[" + joined + "]").tolist(),
                    _iso(outcome_dates[chosen]).tolist(), outcomes[chosen].tolist(),
                    strict=True))
