"""Bringing the caseload's Ofsted grades up to date from an imported inspection outcomes file.

A school's latest grade and inspection date live on the school itself: the caseload, the
county picture and the risk rules read them there. Importing Ofsted's management information
therefore updates them, in the import's own transaction (all or nothing), and only where the
file's inspection is newer than the one the store holds, so importing last year's file later
(for the trajectory) never undoes a newer grade.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.data.config import DataRules
from linkadviser.data.errors import DataImportError
from linkadviser.data.numbers import to_numbers
from linkadviser.data.reading import Header
from linkadviser.data.rows import Rows
from linkadviser.data.spec import SchoolGrades
from linkadviser.data.years import dates_of
from linkadviser.store.models import School
from linkadviser.visit.editor import log_change

GRADES = frozenset({1, 2, 3, 4})  # outstanding, good, requires improvement, inadequate


@dataclass(frozen=True)
class Inspection:
    """One school's graded inspection as the file gives it."""

    grade: int
    inspected: date


def read_inspections(rows: Rows, columns: SchoolGrades, header: Header, rules: DataRules,
                     urns: set[int]) -> dict[int, Inspection]:
    """The graded inspection of each school in ``urns`` that the file has, by URN.

    Read before the store is touched, so a date that cannot be read stops the import with the
    row and column named, and nothing is half-imported. A row with no grade (Ofsted's "Not
    judged", NULL, or a code outside 1-4) or no date gives no inspection: it cannot say what
    the school's latest grade is, so the school keeps the one it has.
    """
    frame = rows.frame
    if columns.grade_column not in frame.columns or columns.date_column not in frame.columns:
        return {}
    wanted = (rows.entity == "school") & pd.Series(rows.urn, dtype=object).isin(urns).to_numpy()
    if not wanted.any():
        return {}
    markers = frozenset(rules.catalogue.missing_markers)
    file_rows = rows.file_rows[wanted]
    grades = to_numbers(frame[columns.grade_column][wanted], markers,
                        f"{header.path}, column {columns.grade_column!r}", file_rows).values
    texts = frame[columns.date_column][wanted].fillna("").astype(str).str.strip()
    dates = dates_of(texts.where(~texts.isin(markers), ""))
    found: dict[int, Inspection] = {}
    for urn, grade, text, when, row in zip(rows.urn[wanted], grades, texts, dates, file_rows,
                                           strict=True):
        if text and text not in markers and pd.isna(when):
            raise DataImportError(
                f"{header.path}, column {columns.date_column!r}, row {row}: {text!r} is not a "
                "date (give it as 21/06/2024); correct the cell and import again (nothing was "
                "imported)")
        if grade in GRADES and not pd.isna(when):
            found[int(urn)] = Inspection(int(grade), when.date())
    return found


def update_school_grades(session: Session, inspections: dict[int, Inspection]) -> int:
    """Give each caseload school the file's grade and date where they are newer; how many.

    An inspection on the date the store already holds is the same inspection and changes
    nothing. Each change is logged, and stamped for sync like any edit on this device.
    """
    if not inspections:
        return 0
    updated = 0
    # All the caseload, filtered here: a national caseload's URNs would overflow IN (...).
    for school in session.scalars(select(School).where(School.in_caseload)):
        found = inspections.get(school.urn)
        if found is None or (school.ofsted_date is not None
                             and found.inspected <= school.ofsted_date):
            continue
        detail = {"grade": [school.ofsted_grade, found.grade],
                  "date": [school.ofsted_date, found.inspected]}
        school.ofsted_grade, school.ofsted_date = found.grade, found.inspected
        log_change(session, "school", school.id, "ofsted", detail)
        updated += 1
    return updated
