"""Sorting a file's rows into schools, the authority's totals and England's, checking URNs.

A school may appear once per file, England once and each authority once: anything else would
make "the school against its authority" ambiguous, so it stops the import naming the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkadviser.data.errors import DataImportError
from linkadviser.data.reading import Header
from linkadviser.data.spec import Kind


@dataclass
class Rows:
    """The file's rows sorted into schools and comparators, before their figures are read."""

    frame: pd.DataFrame
    entity: np.ndarray
    urn: np.ndarray  # object: int or None
    la_code: np.ndarray
    file_rows: np.ndarray  # each row's number in the file, for messages
    left_out: int = 0  # rows of other record types (independent schools, regions, ...)


def _entities(frame: pd.DataFrame, kind: Kind, urn_text: pd.Series) -> np.ndarray:
    """school / la / england per row ('' for rows of another type, which are left out)."""
    entity = np.full(len(frame), "", dtype=object)
    if kind.record_type_column and kind.record_types:
        rectype = frame.get(kind.record_type_column, pd.Series("", index=frame.index))
        rectype = rectype.fillna("").astype(str).str.strip().to_numpy()
        types = kind.record_types
        for name, codes in (("school", types.school), ("la", types.la),
                            ("england", types.england)):
            entity[np.isin(rectype, codes)] = name
        return entity
    has_urn = (urn_text != "").to_numpy()
    entity[has_urn] = "school"
    if kind.totals_without_urn:
        la = _la_codes(frame, kind)
        entity[~has_urn & (la != "")] = "la"
        entity[~has_urn & (la == "")] = "england"
    return entity


def _la_codes(frame: pd.DataFrame, kind: Kind) -> np.ndarray:
    if not kind.la_column or kind.la_column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    codes = frame[kind.la_column].fillna("").astype(str).str.strip()
    return codes.str.removesuffix(".0").to_numpy(dtype=object)


def sort_rows(frame: pd.DataFrame, kind: Kind, header: Header) -> Rows:
    where = f"{header.path}, column {kind.urn_column!r}"
    file_rows = frame.index.to_numpy() + header.header_row + 1
    urn_text = frame[kind.urn_column].fillna("").astype(str).str.strip().str.removesuffix(".0")
    entity = _entities(frame, kind, urn_text)
    is_school = entity == "school"
    # A URN is a whole number of at most nine digits (they have six): "1e5", "12.5" or a
    # number too big to store are refused, not rounded.
    whole = urn_text.str.fullmatch(r"[0-9]{1,9}").to_numpy(dtype=bool)
    urns = pd.to_numeric(urn_text.where(is_school & whole), errors="coerce")
    bad = is_school & urns.isna().to_numpy()
    if bad.any():
        at = int(np.flatnonzero(bad)[0])
        shown = urn_text.iloc[at] or "blank"
        raise DataImportError(
            f"{where}, row {file_rows[at]}: the URN is {shown!r}, not a school's number; "
            "correct the row and import again (nothing was imported)")
    school_urns = urns[is_school]
    repeated = school_urns[school_urns.duplicated(keep=False)]
    if not repeated.empty:
        urn = int(repeated.iloc[0])
        at = file_rows[np.flatnonzero((urns == urn).to_numpy())]
        raise DataImportError(
            f"{where}: URN {urn} appears on rows {', '.join(map(str, at))}; each school may "
            "appear once per file. Remove the duplicate and import again (nothing was imported)")
    la_codes = _la_codes(frame, kind)
    _check_one_row_each(entity, la_codes, header)
    keep = entity != ""
    urn_values = np.array([int(u) if s else None for u, s in zip(urns, is_school, strict=True)],
                          dtype=object)
    return Rows(frame.loc[keep].reset_index(drop=True), entity[keep], urn_values[keep],
                 la_codes[keep], file_rows[keep], int((~keep).sum()))


def _check_one_row_each(entity: np.ndarray, la_codes: np.ndarray, header: Header) -> None:
    """England, and each authority, may have one row: two would make comparisons ambiguous."""
    seen: set[tuple[str, str]] = set()
    for name, code in zip(entity, la_codes, strict=True):
        if name not in ("la", "england"):
            continue
        key = (name, code if name == "la" else "")
        if key in seen:
            who = "England" if name == "england" else f"local authority {code}"
            raise DataImportError(
                f"{header.path}: the row for {who} appears more than once; keep one and import "
                "again (nothing was imported)")
        seen.add(key)
