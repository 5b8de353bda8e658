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
    packed = Packed(layout, [row.tobytes() for row in matrix], markers_json, figures)
    suppressed = sum(int((m != "").sum()) for m in withheld.values())
    return packed, suppressed, _lacking(kind, present)


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
