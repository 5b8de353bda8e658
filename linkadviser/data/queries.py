"""Reading imported figures back out of the store, unpacked into long pandas frames."""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import pandas as pd
from sqlalchemy import select

from linkadviser.store.db import Store
from linkadviser.store.models import School
from linkadviser.store.models_data import DataImport, DataRow

KEYS = ["academic_year", "measure", "pupil_group"]
LONG = ["entity", "urn", "la_code", "phase", "region", *KEYS, "value", "lower", "upper",
        "marker"]
# How a school's phase (as GIAS or the caseload names it) finds the total rows to compare with
# when a file totals each phase: a middle school deemed primary is compared with primaries.
_PHASE_WORDS = (("primary", "Primary"), ("secondary", "Secondary"), ("special", "Special"))


@lru_cache(maxsize=256)
def _slots(layout: str) -> tuple[tuple[str, str, int, bool], ...]:
    """(measure, group, first slot, has limits) for each entry of an import's layout."""
    found, at = [], 0
    for measure, group, has_limits in json.loads(layout):
        found.append((measure, group, at, bool(has_limits)))
        at += 3 if has_limits else 1
    return tuple(found)


def _nan_to_none(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def unpack(layout: str, year: int, row: DataRow) -> list[tuple]:
    """One stored row as long records (entity, urn, la_code, phase, region, year, measure,
    group, value, lower, upper, marker), leaving out figures the file neither gave nor
    withheld."""
    numbers = np.frombuffer(row.figures, dtype="<f8")
    markers = json.loads(row.markers) if row.markers else {}
    records = []
    for measure, group, at, has_limits in _slots(layout):
        marker = markers.get(str(at), "")
        value = numbers[at]
        if np.isnan(value) and not marker:
            continue
        lower, upper = (numbers[at + 1], numbers[at + 2]) if has_limits else (np.nan, np.nan)
        records.append((row.entity, row.urn, row.la_code, row.phase, row.region, year,
                        measure, group,
                        _nan_to_none(value), _nan_to_none(lower), _nan_to_none(upper), marker))
    return records


def long_figures(store: Store, *where: object) -> pd.DataFrame:
    """Every figure of the stored rows matching ``where``, one record each (columns LONG)."""
    with store.session() as session:
        found = session.execute(
            select(DataRow, DataImport.layout, DataImport.academic_year)
            .join(DataImport, DataRow.import_id == DataImport.id).where(*where)).all()
        records = [r for row, layout, year in found for r in unpack(layout, year, row)]
    frame = pd.DataFrame(records, columns=LONG)
    frame["urn"] = frame["urn"].astype("Int64")  # None for the authority and England
    return frame


def comparator_phase(phase: str | None) -> str:
    """The phase a school is compared in where a file totals each phase ('' if none fits)."""
    text = (phase or "").lower()
    return next((name for word, name in _PHASE_WORDS if word in text), "")


def _school_phase(store: Store, urn: int, own: pd.DataFrame) -> str:
    """The school's phase: as the store holds it, else as an imported file named it."""
    with store.session() as session:
        held = session.scalar(select(School.phase).where(School.urn == urn))
    named = own.loc[own["phase"] != "", "phase"]
    return comparator_phase(held or (named.mode().iloc[0] if not named.empty else ""))


def _in_phase(frame: pd.DataFrame, phase: str) -> pd.DataFrame:
    """Total rows for all phases, or for the school's phase where a file totals each phase.

    A school whose phase is not known is compared with no phase's total: a primary school's
    absence against secondary schools would be a wrong figure, worse than none.
    """
    return frame[(frame["phase"] == "") | (frame["phase"] == phase)] if phase else \
        frame[frame["phase"] == ""]


def school_figures(store: Store, urn: int) -> pd.DataFrame:
    """The school's figures beside its authority's and England's, one row per year/measure/group.

    Columns: academic_year, measure, pupil_group, school, lower, upper, marker, la, england.
    Where a file totals each phase (absence, census), the authority and England are those of
    the school's phase. Empty if nothing has been imported for the school.
    """
    own = long_figures(store, DataRow.entity == "school", DataRow.urn == urn)
    if own.empty:
        return pd.DataFrame(columns=[*KEYS, "school", "lower", "upper", "marker", "la",
                                     "england"])
    codes = own.loc[own["la_code"] != "", "la_code"]
    la_code = codes.mode().iloc[0] if not codes.empty else ""
    phase = _school_phase(store, urn, own)
    # urn IS NULL (true of every total row) lets the database use its index of total rows
    totals = DataRow.urn.is_(None)
    la = _in_phase(long_figures(store, DataRow.entity == "la", DataRow.la_code == la_code,
                                totals), phase)
    england = _in_phase(long_figures(store, DataRow.entity == "england", totals), phase)
    figures = (own.drop_duplicates(KEYS)
               .rename(columns={"value": "school"})[[*KEYS, "school", "lower", "upper",
                                                      "marker"]])
    for name, frame in (("la", la), ("england", england)):
        values = frame.drop_duplicates(KEYS).rename(columns={"value": name})[[*KEYS, name]]
        figures = figures.merge(values, on=KEYS, how="left")
    return figures.sort_values(KEYS).reset_index(drop=True)


def value_for(store: Store, urn: int, year: int, measure: str, group: str) -> float | None:
    """One figure for one school (None if not imported or withheld)."""
    own = long_figures(store, DataRow.entity == "school", DataRow.urn == urn,
                       DataImport.academic_year == year)
    found = own[(own["measure"] == measure) & (own["pupil_group"] == group)]["value"]
    return None if found.empty or pd.isna(found.iloc[0]) else float(found.iloc[0])
