"""Sorting a file's rows into schools, the authority's totals and England's, checking URNs.

A school may appear once per file, England once and each authority once (per phase, where the
file totals each phase): anything else would make "the school against its authority"
ambiguous, so it stops the import naming the rows. What each record type means is data in the
kind's file; a record type this year's file has but the kind does not explain stops the import
rather than being guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkadviser.data.errors import DataImportError
from linkadviser.data.reading import Header
from linkadviser.data.spec import Kind, RecordType
from linkadviser.data.years import label


@dataclass
class Rows:
    """The file's rows sorted into schools and comparators, before their figures are read."""

    frame: pd.DataFrame
    entity: np.ndarray
    urn: np.ndarray  # object: int or None
    la_code: np.ndarray
    file_rows: np.ndarray  # each row's number in the file, for messages
    phase: np.ndarray  # object: a total row's phase (Primary), a school's where the file says
    region: np.ndarray  # object: a school's region where the file says, else ""
    left_out: int = 0  # rows of other record types (independent schools, regions, ...)


def text_cells(column: pd.Series, blank: frozenset[str] = frozenset()) -> np.ndarray:
    """A column's cells as stripped text ('' where blank, or one of the ``blank`` words such
    as NULL), each distinct text cleaned once."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    cleaned = [str(u).strip() for u in uniques]
    return np.array([c if c not in blank else "" for c in cleaned] + [""], dtype=object)[codes]


def _text(frame: pd.DataFrame, column: str | None) -> np.ndarray:
    """A column's cells as stripped text ('' where blank or absent)."""
    if not column or column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    return text_cells(frame[column])


def record_types_for(kind: Kind, year: int) -> dict[str, RecordType]:
    """The kind's record types that hold for ``year``, by code."""
    return {t.code: t for t in kind.record_types
            if (t.from_year or 0) <= year <= (t.until_year or 9999)}


def _by_record_type(frame: pd.DataFrame, kind: Kind, year: int, header: Header,
                    file_rows: np.ndarray) -> np.ndarray:
    rectype = _text(frame, kind.record_type_column)
    known = record_types_for(kind, year)
    unknown = sorted(set(rectype) - set(known))
    if unknown:
        code = unknown[0]
        at = file_rows[np.flatnonzero(rectype == code)[:3]]
        meanings = "; ".join(f"{t.code} {t.meaning}" for t in known.values()) or "none"
        raise DataImportError(
            f"{header.path}, column {kind.record_type_column!r}: record type {code or 'blank'!r} "
            f"(rows {', '.join(map(str, at))}) is not one linkadviser knows for {kind.title} "
            f"in {label(year)} (it knows: {meanings}). Its meaning is not guessed: check the "
            "year's metadata file from the DfE and add the record type to the kind's file in "
            "resources/data/kinds; nothing was imported")
    entity = np.full(len(frame), "", dtype=object)
    for code, record_type in known.items():
        if record_type.entity != "left out":
            entity[rectype == code] = record_type.entity
    return entity


def _entities(frame: pd.DataFrame, kind: Kind, urn_text: np.ndarray, year: int,
              header: Header, file_rows: np.ndarray) -> np.ndarray:
    """school / la / england per row ('' for rows of another type, which are left out)."""
    if kind.record_type_column and kind.record_types:
        entity = _by_record_type(frame, kind, year, header, file_rows)
    else:
        entity = np.full(len(frame), "", dtype=object)
        marker = kind.england_marker
        is_england_urn = urn_text == marker if marker else np.zeros(len(frame), dtype=bool)
        has_urn = (urn_text != "") & ~is_england_urn
        entity[has_urn] = "school"
        if kind.totals_without_urn:
            la = _la_codes(frame, kind)
            england = ~has_urn & ((la == "") | is_england_urn | (la == marker if marker
                                                                 else False))
            entity[~has_urn & ~england] = "la"
            entity[england] = "england"
    for rule in kind.leave_out:
        entity[(entity == "school") & np.isin(_text(frame, rule.column), rule.values)] = ""
    return entity


def _la_codes(frame: pd.DataFrame, kind: Kind) -> np.ndarray:
    if not kind.la_column or kind.la_column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    codes, uniques = pd.factorize(frame[kind.la_column], use_na_sentinel=True)
    cleaned = [str(u).strip().removesuffix(".0") for u in uniques]
    return np.array(cleaned + [""], dtype=object)[codes]


_PLAIN_URNS = re.compile(r"[0-9]{1,9}(?:\n[0-9]{1,9})*")


def _urns(column: pd.Series) -> tuple[pd.Series, np.ndarray | None]:
    """Each row's URN as text (stripped, '' where blank) and, where every URN given is a plain
    whole number of at most nine digits (as in every public file), the numbers; else None.

    Joining the URNs and matching them once is much quicker than checking 22,000 one by one.
    """
    values = column.to_numpy(dtype=object)
    every = pd.api.types.infer_dtype(values, skipna=False) == "string"  # no blank, all text
    blank = np.zeros(len(values), dtype=bool) if every else pd.isna(values)
    given = values[~blank]
    joined = "\n".join(given) if every or pd.api.types.infer_dtype(given) == "string" else ""
    # (a line break inside a value would pass the match: the count of breaks rules it out)
    if _PLAIN_URNS.fullmatch(joined) and joined.count("\n") == len(given) - 1:
        text = np.where(blank, "", values)
        numbers = np.full(len(values), -1, dtype=np.int64)
        numbers[~blank] = given.astype(np.int64)
        return pd.Series(text, index=column.index, dtype=object), numbers
    return column.fillna("").astype(str).str.strip().str.removesuffix(".0"), None


def _phases(frame: pd.DataFrame, kind: Kind, entity: np.ndarray, header: Header,
            file_rows: np.ndarray) -> np.ndarray:
    """Each total row's phase (from its code), and each school's where the file names it."""
    phase = np.full(len(frame), "", dtype=object)
    if kind.school_phase_column:
        schools = entity == "school"
        phase[schools] = _text(frame, kind.school_phase_column)[schools]
    if not kind.phase_column:
        return phase
    totals = (entity == "la") | (entity == "england")
    codes = _text(frame, kind.phase_column)
    names = {p.code: p.phase for p in kind.phases}
    for at in np.flatnonzero(totals):
        code = codes[at]
        if code not in names:
            known = ", ".join(f"{p.code} {p.phase}" for p in kind.phases)
            raise DataImportError(
                f"{header.path}, column {kind.phase_column!r}, row {file_rows[at]}: the total "
                f"row's phase {code or 'blank'!r} is not one linkadviser knows for "
                f"{kind.title} ({known}); add it to the kind's file in resources/data/kinds; "
                "nothing was imported")
        phase[at] = names[code]
    return phase


def sort_rows(frame: pd.DataFrame, kind: Kind, header: Header, year: int) -> Rows:
    where = f"{header.path}, column {kind.urn_column!r}"
    file_rows = frame.index.to_numpy() + header.header_row + 1
    urn_series, numbers = _urns(frame[kind.urn_column])
    urn_text = urn_series.to_numpy(dtype=object)
    entity = _entities(frame, kind, urn_text, year, header, file_rows)
    is_school = entity == "school"
    # A URN is a whole number of at most nine digits (they have six): "1e5", "12.5" or a
    # number too big to store are refused, not rounded.
    if numbers is not None:
        urns = pd.Series(np.where(is_school & (numbers >= 0), numbers, np.nan),
                         index=urn_series.index)
    else:
        whole = urn_series.str.fullmatch(r"[0-9]{1,9}").to_numpy(dtype=bool)
        urns = pd.to_numeric(urn_series.where(is_school & whole), errors="coerce")
    bad = is_school & urns.isna().to_numpy()
    if bad.any():
        at = int(np.flatnonzero(bad)[0])
        shown = urn_text[at] or "blank"
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
    la_codes[entity == "england"] = ""
    phase = _phases(frame, kind, entity, header, file_rows)
    _check_one_row_each(entity, la_codes, phase, header)
    region = np.full(len(frame), "", dtype=object)
    if kind.region_column:
        region[is_school] = _text(frame, kind.region_column)[is_school]
    keep = entity != ""
    urn_values = np.full(len(frame), None, dtype=object)
    urn_values[is_school] = school_urns.astype(np.int64).tolist()
    kept = frame if keep.all() else frame.loc[keep]  # (a national MI file: every row)
    return Rows(kept.reset_index(drop=True), entity[keep], urn_values[keep],
                la_codes[keep], file_rows[keep], phase[keep], region[keep],
                int((~keep).sum()))


def _check_one_row_each(entity: np.ndarray, la_codes: np.ndarray, phase: np.ndarray,
                        header: Header) -> None:
    """England, and each authority, may have one row (per phase): two would be ambiguous."""
    seen: set[tuple[str, str, str]] = set()
    totals = np.flatnonzero((entity == "la") | (entity == "england"))
    for at in totals:
        name, code = entity[at], la_codes[at]
        key = (name, code, phase[at])
        if key in seen:
            who = "England" if name == "england" else f"local authority {code}"
            if phase[at]:
                who += f" ({phase[at]})"
            raise DataImportError(
                f"{header.path}: the row for {who} appears more than once; keep one and import "
                "again (nothing was imported)")
        seen.add(key)
