"""Reading imported figures back out of the store, unpacked into long pandas frames."""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np
import pandas as pd
from sqlalchemy import select

from linkadviser.store.db import Store
from linkadviser.store.models_data import DataImport, DataRow

KEYS = ["academic_year", "measure", "pupil_group"]
LONG = ["entity", "urn", "la_code", *KEYS, "value", "lower", "upper", "marker"]


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
    """One stored row as long records (entity, urn, la_code, year, measure, group, value,
    lower, upper, marker), leaving out figures the file neither gave nor withheld."""
    numbers = np.frombuffer(row.figures, dtype="<f8")
    markers = json.loads(row.markers) if row.markers else {}
    records = []
    for measure, group, at, has_limits in _slots(layout):
        marker = markers.get(str(at), "")
        value = numbers[at]
        if np.isnan(value) and not marker:
            continue
        lower, upper = (numbers[at + 1], numbers[at + 2]) if has_limits else (np.nan, np.nan)
        records.append((row.entity, row.urn, row.la_code, year, measure, group,
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


def school_figures(store: Store, urn: int) -> pd.DataFrame:
    """The school's figures beside its authority's and England's, one row per year/measure/group.

    Columns: academic_year, measure, pupil_group, school, lower, upper, marker, la, england.
    Empty if nothing has been imported for the school.
    """
    own = long_figures(store, DataRow.entity == "school", DataRow.urn == urn)
    if own.empty:
        return pd.DataFrame(columns=[*KEYS, "school", "lower", "upper", "marker", "la",
                                     "england"])
    codes = own.loc[own["la_code"] != "", "la_code"]
    la_code = codes.mode().iloc[0] if not codes.empty else ""
    la = long_figures(store, DataRow.entity == "la", DataRow.la_code == la_code)
    england = long_figures(store, DataRow.entity == "england")
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
