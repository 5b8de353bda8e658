"""Packing each row's figures as they are stored: one float64 array per row, per a layout.

The layout lists (measure, pupil group, has confidence limits) for each mapped column present
in the file; a column with limits takes three slots (value, lower, upper), others one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np

from linkadviser.data.config import DataRules
from linkadviser.data.errors import DataImportError
from linkadviser.data.numbers import Numbers, to_numbers
from linkadviser.data.reading import Header
from linkadviser.data.rows import Rows
from linkadviser.data.spec import Kind


@dataclass
class Packed:
    """The rows' figures as stored: the layout, one packed array and marker JSON per row."""

    layout: list[list]
    blobs: list[bytes]
    markers: list[str]
    figures: int


def pack_figures(rows: Rows, kind: Kind, header: Header,
                 rules: DataRules) -> tuple[Packed, int, list[str]]:
    """Each row's figures packed per the layout, how many were withheld, columns absent."""
    markers = frozenset(rules.catalogue.missing_markers)
    present = set(rows.frame.columns)
    absent = [c.column for c in kind.columns if c.column not in present]
    if len(absent) == len(kind.columns):
        raise DataImportError(
            f"{header.path}: none of the columns of {kind.title} that linkadviser reads are in "
            f"this file ({', '.join(absent[:5])}, ...); nothing was imported")

    def numbers(column: str) -> Numbers:
        where = f"{header.path}, column {column!r}"
        return to_numbers(rows.frame[column], markers, where, rows.file_rows)

    layout: list[list] = []
    slots: list[np.ndarray] = []
    withheld: dict[int, np.ndarray] = {}
    suppressed = 0
    for spec in kind.columns:
        if spec.column not in present:
            continue
        found = numbers(spec.column)
        limits = [c for c in (spec.lower, spec.upper) if c and c in present]
        layout.append([spec.measure, spec.group, bool(limits)])
        if found.suppressed:
            withheld[len(slots)] = found.markers
            suppressed += found.suppressed
        slots.append(found.values)
        if limits:
            slots += [numbers(c).values if c and c in present else
                      np.full(len(rows.frame), np.nan) for c in (spec.lower, spec.upper)]
    matrix = np.ascontiguousarray(np.column_stack(slots), dtype="<f8")
    markers_json = _marker_json(withheld, len(matrix))
    value_slots = sorted(_value_slots(layout))
    figures = int(np.count_nonzero(~np.isnan(matrix[:, value_slots])))
    packed = Packed(layout, _row_bytes(matrix), markers_json, figures)
    return packed, suppressed, _lacking(kind, present)


def _row_bytes(matrix: np.ndarray) -> list[bytes]:
    """Each row of the matrix as its bytes: the whole matrix's bytes cut in rows (quicker than
    asking each of 22,000 rows for its own)."""
    data, step = matrix.tobytes(), matrix.shape[1] * matrix.itemsize
    return [data[at:at + step] for at in range(0, len(data), step)]


def _lacking(kind: Kind, present: set[str]) -> list[str]:
    """Columns the kind can have but the file lacks, leaving out one an older column stands in
    for (or that stands in for one the file has)."""
    replaced = {c.instead_of for c in kind.columns if c.instead_of and c.column in present}
    return [c.column for c in kind.columns if c.column not in present
            and c.column not in replaced and (c.instead_of is None or c.instead_of not in present)]


def _value_slots(layout: list[list]) -> set[int]:
    slots, at = set(), 0
    for _measure, _group, has_limits in layout:
        slots.add(at)
        at += 3 if has_limits else 1
    return slots


def _marker_json(withheld: dict[int, np.ndarray], size: int) -> list[str]:
    """Per row, JSON ``{slot: marker}`` for the figures withheld ('' for most rows); rows that
    withhold the same figures the same way share one text, written once."""
    texts = [""] * size
    if not withheld:
        return texts
    slots, columns = [str(slot) for slot in withheld], list(withheld.values())
    rows = np.flatnonzero(np.column_stack([c != "" for c in columns]).any(axis=1))
    written: dict[tuple, str] = {}
    per_row = zip(*(c[rows].tolist() for c in columns), strict=True)
    for row, markers in zip(rows.tolist(), per_row, strict=True):
        text = written.get(markers)
        if text is None:
            text = written[markers] = json.dumps({slot: str(marker) for slot, marker
                                                  in zip(slots, markers, strict=True) if marker})
        texts[row] = text
    return texts
