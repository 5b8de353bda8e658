"""Importing one downloaded file into the store: all of it, or (on any problem) none of it.

Everything is read and checked before the store is touched, then written in one transaction,
so a bad cell on row 4,000 leaves the store exactly as it was. Schools outside the caseload
are kept (for comparison) but never added to it; the authority's and England's rows are kept
as comparators.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from sqlalchemy import delete, select

from linkadviser.data.config import DataRules, default_rules
from linkadviser.data.errors import DataImportError
from linkadviser.data.kinds import detect_kind
from linkadviser.data.numbers import Numbers, to_numbers
from linkadviser.data.reading import Header, read_header, read_rows
from linkadviser.data.spec import Kind
from linkadviser.data.years import label, parse_year, year_from_column, year_from_path
from linkadviser.store.db import Store
from linkadviser.store.models import School
from linkadviser.store.models_data import DataImport, DataRow

OnExisting = Literal["ask", "replace", "keep"]
_INSERT = ("INSERT INTO data_rows (import_id, entity, urn, la_code, figures, markers) "
           "VALUES (?, ?, ?, ?, ?, ?)")


@dataclass
class ImportReport:
    """What a file held, in the words the command line and the app report it."""

    path: Path
    kind: str
    kind_title: str
    year: int
    schools_in_caseload: int = 0
    schools_for_comparison: int = 0
    comparator_rows: int = 0
    suppressed: int = 0
    values: int = 0
    outcome: Literal["imported", "replaced", "kept"] = "imported"
    columns_missing: list[str] = field(default_factory=list)

    @property
    def year_label(self) -> str:
        return label(self.year)

    def as_dict(self) -> dict:
        return {
            "file": str(self.path), "kind": self.kind, "kind_title": self.kind_title,
            "year": self.year_label, "outcome": self.outcome,
            "schools_in_caseload": self.schools_in_caseload,
            "schools_for_comparison": self.schools_for_comparison,
            "comparator_rows": self.comparator_rows, "suppressed": self.suppressed,
            "values": self.values, "columns_missing": self.columns_missing,
        }


@dataclass
class _Packed:
    """The rows' figures as stored: the layout, one packed array and marker JSON per row."""

    layout: list[list]
    blobs: list[bytes]
    markers: list[str]
    figures: int


@dataclass
class _Rows:
    """The file's rows sorted into schools and comparators, before their figures are read."""

    frame: pd.DataFrame
    entity: np.ndarray
    urn: np.ndarray  # object: int or None
    la_code: np.ndarray
    file_rows: np.ndarray  # each row's number in the file, for messages


def import_file(store: Store, path: Path, year: int | str | None = None,
                on_existing: OnExisting = "ask", rules: DataRules | None = None) -> ImportReport:
    rules = rules or default_rules()
    header = read_header(path, {k.urn_column for k in rules.kinds})
    kind = detect_kind(header.columns, rules.kinds, path)
    frame = read_rows(header, _wanted(kind), _text_columns(kind))
    academic_year = _resolve_year(year, path, kind, frame)
    report = ImportReport(path, kind.key, kind.title, academic_year)
    existing = _existing(store, kind.key, academic_year)
    if existing is not None:
        if on_existing == "keep":
            report.outcome = "kept"
            return report
        if on_existing != "replace":
            raise DataImportError(
                f"{path}: {kind.title} for {label(academic_year)} was already imported "
                f"({existing.filename}, {existing.imported_at:%d %b %Y %H:%M}); run again with "
                "--replace to replace it or --keep to keep what is there")
        report.outcome = "replaced"
    rows = _sort_rows(frame, kind, header)
    packed, report.suppressed, report.columns_missing = _figures(rows, kind, header, rules)
    report.values = packed.figures
    caseload = _caseload_urns(store)
    school_urns = {int(u) for u, e in zip(rows.urn, rows.entity, strict=True) if e == "school"}
    report.schools_in_caseload = len(school_urns & caseload)
    report.schools_for_comparison = len(school_urns - caseload)
    report.comparator_rows = int((rows.entity != "school").sum())
    _write(store, report, existing, rows, packed, _sha256(path))
    return report


def _wanted(kind: Kind) -> set[str]:
    wanted = {kind.urn_column, *(c for c in (kind.la_column, kind.record_type_column,
                                               kind.year_column) if c)}
    for column in kind.columns:
        wanted |= {c for c in (column.column, column.lower, column.upper) if c}
    return wanted


def _text_columns(kind: Kind) -> set[str]:
    return {c for c in (kind.urn_column, kind.la_column, kind.record_type_column,
                        kind.year_column) if c}


def _resolve_year(year: int | str | None, path: Path, kind: Kind, frame: pd.DataFrame) -> int:
    if year is not None:
        return parse_year(str(year))
    if kind.year_column and kind.year_column in frame.columns:
        return year_from_column(frame[kind.year_column], f"{path}, column {kind.year_column!r}")
    found = year_from_path(path)
    if found is None:
        raise DataImportError(
            f"{path}: cannot tell which academic year the results are for (the folder or file "
            "name does not say); give it with --year, e.g. --year 2023/24")
    return found


def _existing(store: Store, kind: str, year: int) -> DataImport | None:
    with store.session() as session:
        return session.scalars(select(DataImport).where(
            DataImport.kind == kind, DataImport.academic_year == year)).first()


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


def _sort_rows(frame: pd.DataFrame, kind: Kind, header: Header) -> _Rows:
    where = f"{header.path}, column {kind.urn_column!r}"
    file_rows = frame.index.to_numpy() + header.header_row + 1
    urn_text = frame[kind.urn_column].fillna("").astype(str).str.strip().str.removesuffix(".0")
    entity = _entities(frame, kind, urn_text)
    is_school = entity == "school"
    urns = pd.to_numeric(urn_text.where(is_school), errors="coerce")
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
    for name in ("la", "england"):
        _check_single_comparators(entity, la_codes, name, header)
    keep = entity != ""
    urn_values = np.array([int(u) if s else None for u, s in zip(urns, is_school, strict=True)],
                          dtype=object)
    return _Rows(frame.loc[keep].reset_index(drop=True), entity[keep], urn_values[keep],
                 la_codes[keep], file_rows[keep])


def _check_single_comparators(entity: np.ndarray, la: np.ndarray, name: str,
                              header: Header) -> None:
    keys = la[entity == name] if name == "la" else np.array(["" for e in entity if e == name])
    unique, counts = np.unique(keys.astype(str), return_counts=True)
    if (counts > 1).any():
        who = "England" if name == "england" else f"local authority {unique[counts > 1][0]}"
        raise DataImportError(
            f"{header.path}: the row for {who} appears more than once; keep one and import again")


def _figures(rows: _Rows, kind: Kind, header: Header,
             rules: DataRules) -> tuple[_Packed, int, list[str]]:
    """Each row's figures packed per the layout, how many were withheld, columns absent."""
    markers = frozenset(rules.catalogue.missing_markers)
    present = set(rows.frame.columns)
    missing = [c.column for c in kind.columns if c.column not in present]
    if len(missing) == len(kind.columns):
        raise DataImportError(
            f"{header.path}: none of the columns of {kind.title} that linkadviser reads are in "
            f"this file ({', '.join(missing[:5])}, ...); nothing was imported")

    def numbers(column: str) -> Numbers:
        where = f"{header.path}, column {column!r}"
        return to_numbers(rows.frame[column], markers, where, rows.file_rows)

    layout: list[list] = []
    slots: list[np.ndarray] = []
    withheld: dict[int, np.ndarray] = {}
    for spec in kind.columns:
        if spec.column not in present:
            continue
        found = numbers(spec.column)
        limits = [c for c in (spec.lower, spec.upper) if c and c in present]
        layout.append([spec.measure, spec.group, bool(limits)])
        if found.suppressed:
            withheld[len(slots)] = found.markers
        slots.append(found.values)
        if limits:
            slots += [numbers(c).values if c and c in present else
                      np.full(len(rows.frame), np.nan) for c in (spec.lower, spec.upper)]
    matrix = np.ascontiguousarray(np.column_stack(slots), dtype="<f8")
    markers_json = _marker_json(withheld, len(matrix))
    value_slots = sorted(_value_slots(layout))
    figures = int(np.count_nonzero(~np.isnan(matrix[:, value_slots])))
    packed = _Packed(layout, [row.tobytes() for row in matrix], markers_json, figures)
    suppressed = sum(int((m != "").sum()) for m in withheld.values())
    return packed, suppressed, missing


def _value_slots(layout: list[list]) -> set[int]:
    slots, at = set(), 0
    for _measure, _group, has_limits in layout:
        slots.add(at)
        at += 3 if has_limits else 1
    return slots


def _marker_json(withheld: dict[int, np.ndarray], size: int) -> list[str]:
    """Per row, JSON ``{slot: marker}`` for the figures withheld ('' for most rows)."""
    texts = [""] * size
    if not withheld:
        return texts
    marked = np.column_stack(list(withheld.values())) != ""
    slots = list(withheld)
    for row in np.flatnonzero(marked.any(axis=1)):
        texts[row] = json.dumps({str(slots[j]): str(withheld[slots[j]][row])
                                 for j in np.flatnonzero(marked[row])})
    return texts


def _caseload_urns(store: Store) -> set[int]:
    with store.session() as session:
        return set(session.scalars(select(School.urn).where(School.in_caseload)))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write(store: Store, report: ImportReport, existing: DataImport | None, rows: _Rows,
           packed: _Packed, sha256: str) -> None:
    with store.transaction() as session:
        if existing is not None:
            session.execute(delete(DataRow).where(DataRow.import_id == existing.id))
            session.execute(delete(DataImport).where(DataImport.id == existing.id))
            session.flush()
        record = DataImport(
            kind=report.kind, academic_year=report.year, filename=report.path.name,
            sha256=sha256, layout=json.dumps(packed.layout),
            schools_in_caseload=report.schools_in_caseload,
            schools_for_comparison=report.schools_for_comparison,
            comparator_rows=report.comparator_rows, suppressed=report.suppressed,
            figures=packed.figures)
        session.add(record)
        session.flush()
        session.connection().exec_driver_sql(_INSERT, list(zip(
            [record.id] * len(packed.blobs), rows.entity.tolist(), rows.urn.tolist(),
            rows.la_code.tolist(), packed.blobs, packed.markers, strict=True)))
