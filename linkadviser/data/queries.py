"""Reading imported figures back out of the store, unpacked into long pandas frames."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from sqlalchemy import Connection, select

from linkadviser.store.bulk import driver_rows
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


# Up to this many schools are named in the query (found by the index of urns); above, every
# row is read and the schools picked out (a query naming 20,000 is no faster, and nears the
# database's limit of parameters).
URNS_NAMED = 5000
# Chosen figures of every row, as ``long_figures`` gives them (a row whose figure is missing
# with no marker saying why is left out).
CHOSEN = ["academic_year", "urn", "phase", "region", "measure", "pupil_group", "value", "marker"]


def _slot_values(blobs: list[bytes], width: int, at: int) -> np.ndarray:
    """Slot ``at`` of each packed row: one numpy view when every row is ``width`` slots (as an
    import writes them), else row by row (a row too short for the slot has no figure)."""
    if (np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs)) == 8 * width).all():
        return np.frombuffer(b"".join(blobs), dtype="<f8").reshape(-1, width)[:, at].copy()
    return np.array([np.frombuffer(blob, dtype="<f8", count=1, offset=8 * at)[0]
                     if len(blob) >= 8 * (at + 1) else np.nan for blob in blobs], dtype=float)


def _markers_at(texts: list[str], at: int) -> list[object]:
    """The marker each row's JSON gives slot ``at`` ('' where none), each text parsed once."""
    parsed: dict[str, object] = {}
    found = []
    for text in texts:
        if text not in parsed:
            parsed[text] = json.loads(text).get(str(at), "") if text else ""
        found.append(parsed[text])
    return found


def chosen_figures(store: Store, wanted: Iterable[tuple[str, str]], kind: str | None = None,
                   entity: str = "school", urns: Collection[int] | None = None) -> pd.DataFrame:
    """The ``wanted`` (measure, pupil group) figures of every ``entity`` row of the imports
    (of ``kind``, or of all kinds), or only those of ``urns``, in the order stored (columns
    CHOSEN).

    The same records as ``long_figures``, but reading only the rows' identity and packed
    numbers and taking each wanted slot with numpy: a read of national files (four years of
    Ofsted's MI are 88,000 rows) unpacked figure by figure into Python took seconds.
    """
    wanted = set(wanted)
    schools = set(urns) if urns is not None else None
    named = schools if schools is not None and len(schools) <= URNS_NAMED else None
    with store.session() as session:
        imports = session.execute(
            select(DataImport.id, DataImport.academic_year, DataImport.layout)
            .where(*([DataImport.kind == kind] if kind is not None else []))).all()
        slots = {import_id: (year, [(m, g, at) for m, g, at, _ in _slots(layout)
                                    if (m, g) in wanted], _width(layout))
                 for import_id, year, layout in imports}
        slots = {k: v for k, v in slots.items() if v[1]}
        found = _driver_rows(session.connection(), entity, list(slots), named) if slots else []
    if schools is not None and named is None:
        found = [row for row in found if row[2] in schools]
    if not found:
        return pd.DataFrame(columns=CHOSEN)
    columns = list(np.array(found, dtype=object).T)  # one array a column, built in C
    codes, ids = pd.factorize(columns[0])
    code = {import_id: n for n, import_id in enumerate(ids)}
    frames = [_one_slot(columns, np.flatnonzero(codes == code[import_id]), year, slot, width)
              for import_id, (year, chosen, width) in slots.items() if import_id in code
              for slot in chosen]
    # in the order stored, each row's figures in its layout's order, as long_figures has them
    return (pd.concat(frames, ignore_index=True).sort_values("seq", kind="stable")
            .drop(columns="seq").reset_index(drop=True))


def _driver_rows(connection: Connection, entity: str, import_ids: list[str],
                 urns: Collection[int] | None) -> list[Sequence[object]]:
    """The rows of these imports (of these ``urns`` only, if given, found by the index of
    urns), as the database driver's own tuples (``store.bulk``)."""
    query = select(DataRow.import_id, DataRow.seq, DataRow.urn, DataRow.phase, DataRow.region,
                   DataRow.figures, DataRow.markers).where(
        DataRow.entity == entity, DataRow.import_id.in_(import_ids))
    if urns is not None:
        query = query.where(DataRow.urn.in_(list(urns)))
    return driver_rows(connection, query)[0]


def _objects(values: list[object]) -> np.ndarray:
    """Values as an array of Python objects, whatever they are."""
    found = np.empty(len(values), dtype=object)
    found[:] = values
    return found


def _width(layout: str) -> int:
    """How many slots a row of this layout has."""
    return sum(3 if has_limits else 1 for _m, _g, _at, has_limits in _slots(layout))


def _one_slot(columns: list[np.ndarray], rows: np.ndarray, year: int,
              slot: tuple[str, str, int], width: int) -> pd.DataFrame:
    """One import's ``rows`` (of ``columns``) as CHOSEN records of one slot, with their seq."""
    measure, group, at = slot
    values = _slot_values(columns[5][rows].tolist(), width, at)
    texts = columns[6][rows]
    markers = np.full(len(rows), "", dtype=object)
    some = np.flatnonzero(texts != "")  # most rows have no figure withheld
    markers[some] = _objects(_markers_at(texts[some].tolist(), at))
    kept = ~np.isnan(values) | markers.astype(bool)
    rows = rows[kept]
    return pd.DataFrame({
        "seq": columns[1][rows].astype(np.int64),
        "academic_year": np.full(len(rows), year, dtype=np.int64),
        "urn": pd.array(columns[2][rows], dtype="Int64"),
        "phase": columns[3][rows], "region": columns[4][rows],
        "measure": np.full(len(rows), measure, dtype=object),
        "pupil_group": np.full(len(rows), group, dtype=object),
        "value": values[kept], "marker": markers[kept]}, columns=["seq", *CHOSEN])


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
