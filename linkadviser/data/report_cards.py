"""Reading Ofsted's report cards (and the latest ungraded inspection) out of the MI file.

Since November 2025 Ofsted grades each area of a school (inclusion, achievement, ...) on a
five-point scale, and safeguarding as met or not met, instead of one overall grade. Each grade
is checked against the scale kept in the kind's file: a word outside it stops the import with
the row and column named, because a misread grade on a school's page is worse than none.

A national file has 22,000 schools by ten areas but only a few hundred distinct texts in each
column, so each column's distinct texts are read and checked once and the answers spread back
to the cells by their codes (as figures are); Python only loops over distinct texts, and over
the schools once, to write each card's compact JSON (card_codes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkadviser.data.card_codes import LONGEST_TEXT, area_code, grade_code
from linkadviser.data.errors import DataImportError
from linkadviser.data.reading import Header
from linkadviser.data.rows import Rows
from linkadviser.data.spec import GradedArea, ReportCard
from linkadviser.data.years import read_dates

NAT = np.datetime64("NaT", "D")


@dataclass(frozen=True)
class Cards:
    """The report cards as columns of the rows they are stored on (data_rows' card_*
    columns): one value per row, None on a row without a card. Dates as YYYY-MM-DD."""

    inspected_on: list[str | None]
    areas: list[str | None]  # compact JSON, see card_codes
    ungraded_on: list[str | None]
    ungraded_outcome: list[str | None]
    count: int  # rows with a card

    @classmethod
    def none(cls, size: int) -> Cards:
        return cls(*([None] * size for _ in range(4)), count=0)

    def columns(self) -> tuple[list[str | None], ...]:
        return self.inspected_on, self.areas, self.ungraded_on, self.ungraded_outcome


@dataclass(frozen=True)
class _Cells:
    """A column's cells at the schools' rows as codes into its distinct texts (-1: blank, NULL
    or another word for nothing)."""

    codes: np.ndarray
    texts: list[str]  # stripped
    blank: np.ndarray  # per distinct text: blank or a word for nothing, so no cell has it


def _cells(frame: pd.DataFrame, column: str | None, rows: np.ndarray,
           markers: frozenset[str]) -> _Cells:
    if not column or column not in frame.columns or not len(rows):
        return _Cells(np.full(len(rows), -1, dtype=np.int64), [], np.empty(0, dtype=bool))
    codes, uniques = pd.factorize(frame[column].to_numpy(dtype=object)[rows])
    texts = [str(u).strip() for u in uniques]
    blank = np.array([u in markers or t in markers or not t for u, t in zip(uniques, texts,
                                                                          strict=True)]
                     + [True], dtype=bool)  # the last entry serves cells pandas left blank (-1)
    return _Cells(np.where(blank[codes], -1, codes), texts, blank[:-1])


def _allowed(card: ReportCard, scale: str) -> dict[str, str] | None:
    """The scale's words by their lower-case spelling (None: any short text)."""
    words = {"five_point": card.five_point, "met": card.met}.get(scale)
    return None if words is None else {w.lower(): w for w in words}


def _first_bad(cells: _Cells, bad: np.ndarray, given: np.ndarray) -> int | None:
    """The position of the first given cell whose distinct text is ``bad``, if any."""
    if not bad.any():
        return None
    at = np.flatnonzero(given & np.append(bad, False)[cells.codes])
    return int(at[0]) if len(at) else None


def _grades(cells: _Cells, allowed: dict[str, str] | None, where: str,
            file_rows: np.ndarray) -> np.ndarray:
    """Each distinct text's grade in the scale's own spelling; a text outside the scale stops
    the import at the first school that has it."""
    spelt = np.empty(len(cells.texts), dtype=object)
    bad = np.zeros(len(cells.texts), dtype=bool)
    for index, text in enumerate(cells.texts):
        if cells.blank[index]:
            continue
        if allowed is None and len(text) <= LONGEST_TEXT:
            spelt[index] = text
        elif allowed is not None and text.lower() in allowed:
            spelt[index] = allowed[text.lower()]
        else:
            bad[index] = True
    at = _first_bad(cells, bad, cells.codes >= 0)
    if at is not None:
        text = cells.texts[cells.codes[at]]
        words = ", ".join(allowed.values()) if allowed else \
            f"text of up to {LONGEST_TEXT} characters"
        raise DataImportError(
            f"{where}, row {file_rows[at]}: {text[:60]!r} is not a grade linkadviser knows (it "
            f"reads {words}, or NULL where there is none). Ofsted may have changed its scale: "
            "check the file, and the scale in resources/data/kinds; nothing was imported")
    return spelt


def _days(cells: _Cells, where: str, file_rows: np.ndarray) -> np.ndarray:
    """Each cell's date (NaT where blank); a text that is no date stops the import."""
    texts = [t if not blank else "" for t, blank in zip(cells.texts, cells.blank, strict=True)]
    found = read_dates(texts).astype("datetime64[D]")
    at = _first_bad(cells, np.isnat(found), np.ones(len(cells.codes), dtype=bool))
    if at is not None:
        raise DataImportError(
            f"{where}, row {file_rows[at]}: {cells.texts[cells.codes[at]]!r} is not a date "
            "(Ofsted writes 21/06/2024); correct the cell and import again (nothing was "
            "imported)")
    return np.append(found, NAT)[cells.codes]


@dataclass(frozen=True)
class _Graded:
    """One area at every school: the grade's code into ``grades`` (-1: not graded), its date."""

    codes: np.ndarray
    grades: np.ndarray  # object: the grade in the scale's spelling per code
    when: np.ndarray  # datetime64[D], NaT where not graded or undated


def _graded(frame: pd.DataFrame, area: GradedArea, allowed: dict[str, str] | None,
            header: Header, rows: np.ndarray, markers: frozenset[str],
            file_rows: np.ndarray) -> _Graded:
    grade_cells = _cells(frame, area.column, rows, markers)
    grades = _grades(grade_cells, allowed, f"{header.path}, column {area.column!r}", file_rows)
    when = np.full(len(rows), NAT)
    given = np.flatnonzero(grade_cells.codes >= 0)  # only the graded schools' dates are read
    if len(given):
        when[given] = _days(_cells(frame, area.date_column, rows[given], markers),
                            f"{header.path}, column {area.date_column!r}", file_rows[given])
    return _Graded(grade_cells.codes, grades, when)


def _iso(days: np.ndarray) -> np.ndarray:
    """Dates as YYYY-MM-DD text, None where there is none (each distinct date written once)."""
    distinct, inverse = np.unique(days, return_inverse=True)
    text = np.datetime_as_string(distinct, unit="D").astype(object)
    text[np.isnat(distinct)] = None
    return text[inverse.reshape(-1)]


def _entries(area: str, graded: _Graded, chosen: np.ndarray, first: np.ndarray,
             latest: np.ndarray) -> np.ndarray:
    """Each chosen school's entry for one area in the compact form (card_codes; '' where not
    graded), after a comma unless it is the school's ``first``. A national file has 22,000
    schools but five grades, and nearly every area's date is the card's ``latest`` (left
    out), so each of the few whole entries is written once and numpy hands them out; only the
    entries with a date of their own are joined to it, each distinct date written once."""
    codes, when = graded.codes[chosen], graded.when[chosen]
    given = np.flatnonzero(codes >= 0)
    entries = np.full(len(chosen), "", dtype=object)
    if not len(given):
        return entries
    starts = np.array([f"[{area_code(area)},{grade_code(grade)}" if grade is not None
                       else "" for grade in graded.grades], dtype=object)
    starts = np.concatenate([starts, "," + starts])  # as the first entry, and after a comma
    at = codes[given] + len(graded.grades) * (~first[given]).astype(np.intp)
    entries[given] = (starts + "]")[at]
    when, latest = when[given], latest[given]
    own = np.flatnonzero((when != latest) & ~(np.isnat(when) & np.isnat(latest)))
    if len(own):
        day_codes, days = pd.factorize(when[own])  # NaT: -1
        ends = np.array([f',"{day}"]' for day in _day_texts(days)] + [",null]"],
                        dtype=object)
        entries[given[own]] = starts[at[own]] + ends[day_codes]
    return entries


def _day_texts(days: object) -> list[str]:
    """Dates as YYYY-MM-DD, as JSON writes a date the school page reads back."""
    return np.datetime_as_string(np.asarray(days, dtype="datetime64[D]"), unit="D").tolist()


def _cards(columns: list[np.ndarray], size: int) -> list[str]:
    """Each school's card, ``[entry,entry,...]``: one join per school, in C."""
    return list(map("".join, zip(["["] * size, *(c.tolist() for c in columns), ["]"] * size,
                                 strict=True)))


def _spread(values: list | np.ndarray, at: np.ndarray, size: int) -> list:
    """``values`` at the positions ``at`` of a column of ``size``, None elsewhere."""
    column = np.full(size, None, dtype=object)
    column[at] = values
    return column.tolist()


def read_report_cards(rows: Rows, card: ReportCard, header: Header,
                      markers: frozenset[str]) -> Cards:
    """Each school's report card and latest ungraded inspection, where the file gives them."""
    schools = np.flatnonzero(rows.entity == "school")
    frame, file_rows = rows.frame, rows.file_rows[schools]
    areas = [(area.area, _graded(frame, area, _allowed(card, area.scale), header, schools,
                                 markers, file_rows)) for area in card.areas]
    outcome_area = GradedArea("ungraded", card.ungraded_outcome_column or "",
                              card.ungraded_date_column or "", "text")
    outcome = _graded(frame, outcome_area, None, header, schools, markers, file_rows)
    has_card = outcome.codes >= 0
    for _name, graded in areas:
        has_card |= graded.codes >= 0
    chosen = np.flatnonzero(has_card)
    graded_at = np.array([graded.codes[chosen] >= 0 for _name, graded in areas]).reshape(
        len(areas), len(chosen))
    # each school's first graded area has no comma before it
    first = graded_at.argmax(axis=0) if len(areas) else np.zeros(len(chosen), dtype=np.int64)
    earliest = np.datetime64("1900-01-01")
    latest = np.full(len(chosen), earliest)
    for _name, graded in areas:
        when = graded.when[chosen]
        latest = np.maximum(latest, np.where(np.isnat(when), earliest, when))
    latest = np.where(latest == earliest, NAT, latest)
    cards = _cards([_entries(name, graded, chosen, first == at, latest)
                    for at, (name, graded) in enumerate(areas)], len(chosen))
    outcomes = np.append(outcome.grades, "")[outcome.codes[chosen]]
    at, size = schools[chosen], len(rows.entity)
    return Cards(_spread(_iso(latest), at, size), _spread(cards, at, size),
                 _spread(_iso(outcome.when[chosen]), at, size), _spread(outcomes, at, size),
                 len(chosen))
