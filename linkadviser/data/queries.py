"""Reading imported figures back out of the store, as pandas frames for the analysis."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import select

from linkadviser.store.db import Store
from linkadviser.store.models_data import DataValue

KEYS = ["academic_year", "measure", "pupil_group"]
_COLUMNS = [DataValue.entity, DataValue.la_code, DataValue.academic_year, DataValue.measure,
            DataValue.pupil_group, DataValue.value, DataValue.lower, DataValue.upper,
            DataValue.marker]


def _frame(store: Store, *where: object) -> pd.DataFrame:
    with store.session() as session:
        rows = session.execute(select(*_COLUMNS).where(*where)).all()
    return pd.DataFrame(rows, columns=[c.key for c in _COLUMNS])


def school_figures(store: Store, urn: int) -> pd.DataFrame:
    """The school's figures beside its authority's and England's, one row per year/measure/group.

    Columns: academic_year, measure, pupil_group, school, lower, upper, marker, la, england.
    Empty if nothing has been imported for the school.
    """
    own = _frame(store, DataValue.entity == "school", DataValue.urn == urn)
    if own.empty:
        return pd.DataFrame(columns=[*KEYS, "school", "lower", "upper", "marker", "la",
                                     "england"])
    codes = own.loc[own["la_code"] != "", "la_code"]
    la_code = codes.mode().iloc[0] if not codes.empty else ""
    measures = set(own["measure"])
    la = _frame(store, DataValue.entity == "la", DataValue.la_code == la_code,
                DataValue.measure.in_(measures))
    england = _frame(store, DataValue.entity == "england", DataValue.measure.in_(measures))
    figures = (own.drop_duplicates(KEYS)
               .rename(columns={"value": "school"})[[*KEYS, "school", "lower", "upper",
                                                      "marker"]])
    for name, frame in (("la", la), ("england", england)):
        values = frame.drop_duplicates(KEYS).rename(columns={"value": name})[[*KEYS, name]]
        figures = figures.merge(values, on=KEYS, how="left")
    return figures.sort_values(KEYS).reset_index(drop=True)


def value_for(store: Store, urn: int, year: int, measure: str, group: str) -> float | None:
    """One figure for one school (None if not imported or suppressed)."""
    with store.session() as session:
        return session.scalars(select(DataValue.value).where(
            DataValue.entity == "school", DataValue.urn == urn,
            DataValue.academic_year == year, DataValue.measure == measure,
            DataValue.pupil_group == group)).first()
