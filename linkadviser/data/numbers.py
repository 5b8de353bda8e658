"""Turning a column of a public file into numbers, with suppressed figures missing, never zero.

The files write figures as ``65``, ``65%`` or ``0.35``, and write ``SUPP``, ``NE``, ``x`` and the
like where a figure is withheld. Anything else in a figure's place is an error naming the row
and column: a guess would put a wrong number in front of a headteacher.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from linkadviser.data.errors import DataImportError


@dataclass(frozen=True)
class Numbers:
    values: np.ndarray  # float, NaN where missing
    markers: np.ndarray  # object: the marker text where the file withheld the figure, else ""
    suppressed: int


def to_numbers(column: pd.Series, markers: frozenset[str], where: str,
               file_rows: np.ndarray) -> Numbers:
    """``column`` as floats; ``where`` names the file and column, ``file_rows`` each row's line."""
    size = len(column)
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return Numbers(column.to_numpy(dtype=float), np.full(size, "", dtype=object), 0)
    text = column.astype("string").str.strip()
    is_marker = text.isin(markers).fillna(False).to_numpy(dtype=bool)
    cleaned = text.str.removesuffix("%").str.replace(",", "", regex=False)
    values = pd.to_numeric(cleaned.where(~is_marker), errors="coerce").to_numpy(dtype=float)
    given = (text.notna() & (text != "")).to_numpy(dtype=bool)
    bad = given & ~is_marker & np.isnan(values)
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        shown = ", ".join(sorted(markers, key=str.lower)[:8])
        raise DataImportError(
            f"{where}, row {file_rows[position]}: {text.iloc[position]!r} is not a number or a "
            f"known marker of a withheld figure ({shown}, ...). Correct the cell, or add the "
            "marker to missing_markers in resources/data/catalogue.yaml; nothing was imported")
    marker_text = np.where(is_marker, text.fillna("").to_numpy(dtype=object), "")
    return Numbers(values, marker_text, int(is_marker.sum()))
