"""Marking conflicts reviewed from the command line, by the start of their id (the review
screen and the listing read them through ``review.ConflictReview``)."""

from __future__ import annotations

from sqlalchemy import select

from linkadviser.errors import NotFoundError
from linkadviser.store.db import Store
from linkadviser.store.models_sync import SyncConflict

SHORT = 12  # characters of a conflict's id shown and accepted on the command line


def mark_reviewed(store: Store, short_ids: list[str]) -> int:
    """Mark conflicts reviewed by the start of their id; all named must exist, or none is."""
    with store.transaction() as session:
        found = []
        for short in short_ids:
            rows = session.scalars(select(SyncConflict).where(
                SyncConflict.id.startswith(short.lower()))).all()
            if len(rows) != 1 or len(short) < 6:
                raise NotFoundError(f"No single conflict has an id starting {short!r}. "
                                    "`linkadviser sync conflicts --all` lists them with ids.")
            found.append(rows[0])
        for row in found:
            row.reviewed = True
        return len(found)
