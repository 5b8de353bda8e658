"""Recognising which kind of file this is from its header alone."""

from __future__ import annotations

from pathlib import Path

from linkadviser.data.errors import DataImportError
from linkadviser.data.spec import Kind


def detect_kind(columns: list[str], kinds: list[Kind], path: Path) -> Kind:
    """The kind whose ``detect`` columns are all present (the highest priority if several).

    A file that looks like a kind but lacks its URN column is named as that kind, so the user
    hears what is missing rather than that the file is unknown.
    """
    present = set(columns)
    matches = [k for k in kinds if set(k.detect) <= present]
    if not matches:
        # each name on one line: a header cell may hold a line break
        shown = ", ".join(" ".join(c.split()) for c in columns[:6]) + (
            ", ..." if len(columns) > 6 else "")
        known = "; ".join(k.title for k in kinds)
        raise DataImportError(
            f"{path}: not a kind of file linkadviser knows (its header begins: {shown}). It "
            f"reads: {known}. For the authority's own spreadsheet, map its columns in "
            "resources/data/kinds/authority.yaml")
    kind = max(matches, key=lambda k: k.priority)
    if kind.urn_column not in present:
        raise DataImportError(
            f"{path}: looks like {kind.title} but has no {kind.urn_column!r} column, so its "
            "rows cannot be matched to schools; download the file again with all its columns")
    return kind
