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


# One measure of every row of a kind, as ``long_figures`` gives it (a row whose figure is
# missing with no marker saying why is left out).
ONE_MEASURE = ["academic_year", "urn", "phase", "region", "value", "marker"]


def _slot_values(blobs: list[bytes], width: int, at: int) -> np.ndarray:
    """Slot ``at`` of each packed row: one numpy view when every row is ``width`` slots (as an
    import writes them), else row by row (a row too short for the slot has no figure)."""
    if all(len(blob) == 8 * width for blob in blobs):
        return np.frombuffer(b"".join(blobs), dtype="<f8").reshape(-1, width)[:, at].copy()
    return np.array([np.frombuffer(blob, dtype="<f8", count=1, offset=8 * at)[0]
                     if len(blob) >= 8 * (at + 1) else np.nan for blob in blobs])


def _markers_at(texts: list[str], at: int) -> list[object]:
    """The marker each row's JSON gives slot ``at`` ('' where none), each text parsed once."""
    parsed: dict[str, object] = {}
    found = []
    for text in texts:
        if text not in parsed:
            parsed[text] = json.loads(text).get(str(at), "") if text else ""
        found.append(parsed[text])
    return found


def one_measure(store: Store, kind: str, measure: str, group: str = "all",
                entity: str = "school") -> pd.DataFrame:
    """One figure of every ``entity`` row of every import of ``kind``, oldest year first, each
    import's rows in the order stored (columns ONE_MEASURE; ``value`` NaN where missing).

    The same figures as ``long_figures`` filtered to the measure, but reading only the rows'
    identity and packed numbers: a kind-wide read of national files (four years of Ofsted's MI
    are 88,000 rows) unpacked figure by figure into Python took seconds.
    """
    with store.session() as session:
        imports = session.execute(
            select(DataImport.id, DataImport.academic_year, DataImport.layout)
            .where(DataImport.kind == kind).order_by(DataImport.academic_year)).all()
        slots = {import_id: (year, [at for m, g, at, _ in _slots(layout)
                                    if m == measure and g == group], _width(layout))
                 for import_id, year, layout in imports}
        slots = {k: v for k, v in slots.items() if v[1]}
        found = session.execute(
            select(DataRow.import_id, DataRow.seq, DataRow.urn, DataRow.phase, DataRow.region,
                   DataRow.figures, DataRow.markers)
            .where(DataRow.import_id.in_(list(slots)), DataRow.entity == entity)).all() \
            if slots else []
    if not found:
        return pd.DataFrame(columns=ONE_MEASURE)
    columns = list(zip(*found, strict=True))
    ids, seqs = np.array(columns[0], dtype=object), np.array(columns[1], dtype=np.int64)
    frames = [_one_import(columns, np.flatnonzero(ids == import_id), seqs, year, at, width)
              for import_id, (year, ats, width) in slots.items() for at in ats]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=ONE_MEASURE)
    return pd.concat(frames, ignore_index=True)


def _width(layout: str) -> int:
    """How many slots a row of this layout has."""
    return sum(3 if has_limits else 1 for _m, _g, has_limits in json.loads(layout))


def _one_import(columns: list[tuple], picked: np.ndarray, seqs: np.ndarray, year: int,
                at: int, width: int) -> pd.DataFrame:
    """One import's rows (``picked`` of ``columns``) as ONE_MEASURE, in the order stored."""
    picked = picked[np.argsort(seqs[picked], kind="stable")]
    values = _slot_values([columns[5][i] for i in picked], width, at)
    markers = np.empty(len(picked), dtype=object)
    markers[:] = _markers_at([columns[6][i] for i in picked], at)
    kept = ~np.isnan(values) | markers.astype(bool)
    rows = picked[kept]
    return pd.DataFrame({
        "academic_year": np.full(len(rows), year, dtype=np.int64),
        "urn": pd.array([columns[2][i] for i in rows], dtype="Int64"),
        "phase": np.array([columns[3][i] for i in rows], dtype=object),
        "region": np.array([columns[4][i] for i in rows], dtype=object),
        "value": values[kept], "marker": markers[kept]}, columns=ONE_MEASURE)


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
