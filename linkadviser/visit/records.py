"""A visit's list records (attendees, questions, targets, ...) as plain dicts with their ids.

``VisitContent`` is the record as signed, so it leaves out what a signature does not cover
(such as an attendee's id). The workspace edits records one at a time by id, so it reads them
here: each a dict of the record's own fields, in the visit's order.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from linkadviser.errors import NotFoundError
from linkadviser.school.facts import leadership_of
from linkadviser.store.db import Store
from linkadviser.store.models import School, Visit
from linkadviser.visit.editor import LIST_PARTS

_HIDDEN = {"visit_id", "school_id", "modified_at", "device_id", "position"}


def _as_dict(row: Any) -> dict[str, Any]:
    return {c: getattr(row, c) for c in row.__table__.columns.keys() if c not in _HIDDEN}


class VisitRecords:
    def __init__(self, store: Store) -> None:
        self.store = store

    def list(self, visit_id: str, kind: str) -> list[dict[str, Any]]:
        model = LIST_PARTS[kind]
        with self.store.session() as session:
            rows = session.scalars(select(model).where(model.visit_id == visit_id)
                                   .order_by(model.position)).all()
            return [_as_dict(r) for r in rows]

    def school_people(self, visit_id: str) -> list[tuple[str, str]]:
        """(name, role) of the people the school's record names for its visits, so the
        adviser can add them as attendees with one click instead of typing."""
        with self.store.session() as session:
            school = session.scalar(select(School).join(Visit, Visit.school_id == School.id)
                                    .where(Visit.id == visit_id))
            if school is None:
                return []
            kept = leadership_of(session, school)
        people = [(kept.headteacher, "Headteacher"), (kept.chair, "Chair of governors")]
        people += [(name, "Nominated governor") for name in kept.nominated_governors]
        return [(name, role) for name, role in people if name]

    def get(self, kind: str, record_id: str) -> dict[str, Any]:
        with self.store.session() as session:
            row = session.get(LIST_PARTS[kind], record_id)
            if row is None:
                raise NotFoundError("That record no longer exists.")
            return _as_dict(row)
