"""Turning a column of a public file into numbers, with suppressed figures missing, never zero.

The files write figures as ``65``, ``65%`` or ``0.35``, and write ``SUPP``, ``NE``, ``x`` and the
like where a figure is withheld. Anything else in a figure's place is an error naming the row
and column: a guess would put a wrong number in front of a headteacher.

A national column has 16,000 cells but a few hundred distinct texts, so each distinct text is
read once and the answers spread back to the cells.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkadviser.data.errors import DataImportError

MANY_DISTINCT = 512


@dataclass(frozen=True)
class Numbers:
    values: np.ndarray  # float, NaN where missing
    markers: np.ndarray  # object: the marker text where the file withheld the figure, else ""
    suppressed: int


def _read(text: str, markers: frozenset[str]) -> tuple[float, str] | None:
    """(number, marker) for one cell's text; None if it is neither."""
    if text in markers:
        return math.nan, text
    cleaned = text.removesuffix("%").replace(",", "").strip()
    if not cleaned:
        return math.nan, ""
    try:
        number = float(cleaned)
    except ValueError:
        return None
    return (number, "") if math.isfinite(number) else None


def to_numbers(column: pd.Series, markers: frozenset[str], where: str,
               file_rows: np.ndarray) -> Numbers:
    """``column`` as floats; ``where`` names the file and column, ``file_rows`` each row's line."""
    size = len(column)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return Numbers(column.to_numpy(dtype=float), np.full(size, "", dtype=object), 0)
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    parsed = np.full(len(uniques) + 1, math.nan)  # the last entry serves blank cells (-1)
    marker_of = np.full(len(uniques) + 1, "", dtype=object)
    pending: range | np.ndarray = range(len(uniques))
    if len(uniques) > MANY_DISTINCT:  # scores: let pandas parse the plain numbers in C
        parsed[:-1] = pd.to_numeric(pd.Series(uniques), errors="coerce").to_numpy(dtype=float)
        pending = np.flatnonzero(~np.isfinite(parsed[:-1]))
    bad: list[int] = []
    for index in pending:
        found = _read(str(uniques[index]).strip(), markers)
        if found is None:
            bad.append(int(index))
        else:
            parsed[index], marker_of[index] = found
    if bad:
        position = int(np.flatnonzero(np.isin(codes, bad))[0])
        shown = ", ".join(sorted(markers, key=str.lower)[:8])
        raise DataImportError(
            f"{where}, row {file_rows[position]}: {str(column.iloc[position]).strip()!r} is not "
            f"a number or a known marker of a withheld figure ({shown}, ...). Correct the cell, "
            "or add the marker to missing_markers in resources/data/catalogue.yaml; nothing was "
            "imported")
    marker_text = marker_of[codes]
    return Numbers(parsed[codes], marker_text, int((marker_text != "").sum()))
