"""Editing what is recorded in a visit, one small change at a time.

The workspace saves every edit as it happens (there is no save button), so each call here is
its own short transaction. A signed visit refuses every edit until it is opened for amendment;
every change is written to the change log so that who changed what travels with sync.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from linkadviser.errors import NotFoundError, ReadOnlyError
from linkadviser.store.db import Store
from linkadviser.store.models import (
    ActionPoint,
    AgendaNote,
    Attendee,
    ChangeLog,
    ChecklistTick,
    DocumentRequest,
    Objective,
    QAConfirmation,
    Question,
    SectionText,
    SefGrade,
    Statement,
    Target,
    Visit,
)
from linkadviser.store.models_sync import SyncTombstone
from linkadviser.visit.content import VisitContent
from linkadviser.visit.reading import content_of, load_visit
from linkadviser.words import plural

# Records kept as lists in a visit, by the name the workspace uses for them.
LIST_PARTS: dict[str, type] = {
    "attendee": Attendee,
    "statement": Statement,
    "question": Question,
    "target": Target,
    "objective": Objective,
    "action_point": ActionPoint,
    "document_request": DocumentRequest,
}

# Records of which a visit has at most one per key, and the column holding that key.
KEYED_PARTS: dict[str, tuple[type, str]] = {
    "agenda_note": (AgendaNote, "item_key"),
    "checklist": (ChecklistTick, "item_key"),
    "section_text": (SectionText, "section_key"),
    "sef_grade": (SefGrade, "area_key"),
    "qa_confirmation": (QAConfirmation, "criterion_key"),
}

EDITABLE_STATES = {"planned", "prepared", "in_progress", "ready_to_sign", "amending"}
_PROTECTED = {"id", "visit_id", "school_id", "modified_at", "device_id"}


def ensure_editable(visit: Visit) -> None:
    if visit.state not in EDITABLE_STATES:
        raise ReadOnlyError(
            f"Visit {visit.visit_number} to {visit.school.name} was signed and is read-only. "
            "Choose Amend (with a reason) to record a change; the signed version is kept."
        )


def _check_fields(model: type, fields: dict[str, Any]) -> None:
    columns = set(model.__table__.columns.keys()) - _PROTECTED
    unknown = set(fields) - columns
    if unknown:
        raise ValueError(f"{model.__name__} has no {plural(len(unknown), 'field')} "
                         f"{sorted(unknown)}")


def _columns(model: type) -> set[str]:
    return set(model.__table__.columns.keys()) - {"modified_at", "device_id"}


def _fields(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in _columns(type(row))}


def log_change(session: Session, record_type: str, record_id: str, action: str,
               detail: dict[str, Any] | None = None) -> None:
    session.add(ChangeLog(
        device_id=session.info.get("device_id", ""), record_type=record_type,
        record_id=record_id, action=action,
        detail=json.dumps(detail or {}, default=str, ensure_ascii=False, sort_keys=True),
    ))


class VisitEditor:
    """Every edit the visit workspace can make, each saved at once."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def content(self, visit_id: str) -> VisitContent:
        with self.store.session() as session:
            return content_of(load_visit(session, visit_id))

    def _editable_visit(self, session: Session, visit_id: str) -> Visit:
        visit = session.get(Visit, visit_id)
        if visit is None:
            raise NotFoundError(f"There is no visit with id {visit_id}.")
        ensure_editable(visit)
        return visit

    def set_visit_date(self, visit_id: str, when: date | None) -> None:
        with self.store.transaction() as session:
            visit = self._editable_visit(session, visit_id)
            visit.visit_date = when
            log_change(session, "visit", visit_id, "set", {"visit_date": when})

    def set_keyed(self, visit_id: str, kind: str, key: str, **fields: Any) -> None:
        """Create or update the visit's one record of ``kind`` for ``key`` (e.g. a note)."""
        model, key_column = KEYED_PARTS[kind]
        _check_fields(model, fields)
        with self.store.transaction() as session:
            self._editable_visit(session, visit_id)
            row = session.scalar(select(model).where(
                model.visit_id == visit_id, getattr(model, key_column) == key))
            if row is None:
                row = model(visit_id=visit_id, **{key_column: key})
                session.add(row)
            for name, value in fields.items():
                setattr(row, name, value)
            session.flush()
            log_change(session, kind, row.id, "set", {key_column: key, **fields})

    def add(self, visit_id: str, kind: str, **fields: Any) -> str:
        """Append a record of ``kind`` to the visit's list; returns its id."""
        model = LIST_PARTS[kind]
        _check_fields(model, fields)
        with self.store.transaction() as session:
            visit = self._editable_visit(session, visit_id)
            extra: dict[str, Any] = {}
            if "school_id" in model.__table__.columns:
                extra["school_id"] = visit.school_id
            if model is Target and "for_year" not in fields:
                extra["for_year"] = visit.academic_year
            if "position" not in fields:
                last = session.scalar(select(func.max(model.position))
                                      .where(model.visit_id == visit_id))
                extra["position"] = (last or 0) + 1
            row = model(visit_id=visit_id, **extra, **fields)
            session.add(row)
            session.flush()
            log_change(session, kind, row.id, "add", fields)
            return row.id

    def update(self, kind: str, record_id: str, **fields: Any) -> None:
        model = LIST_PARTS[kind]
        _check_fields(model, fields)
        with self.store.transaction() as session:
            row = self._part(session, model, record_id)
            for name, value in fields.items():
                setattr(row, name, value)
            log_change(session, kind, record_id, "update", fields)

    def get(self, kind: str, record_id: str) -> dict[str, Any]:
        """A list record's stored fields (what ``restore`` needs to put it back)."""
        model = LIST_PARTS[kind]
        with self.store.session() as session:
            row = session.get(model, record_id)
            if row is None:
                raise NotFoundError(f"That {model.__name__.lower()} no longer exists.")
            return _fields(row)

    def remove(self, kind: str, record_id: str) -> dict[str, Any]:
        """Delete a list record; returns what it held, so Undo can ``restore`` it. The
        workspace asks the adviser to confirm before calling this."""
        model = LIST_PARTS[kind]
        with self.store.transaction() as session:
            row = self._part(session, model, record_id)
            removed = _fields(row)
            session.delete(row)
            log_change(session, kind, record_id, "remove")
        return removed

    def restore(self, kind: str, record: dict[str, Any]) -> None:
        """Put back a record ``remove`` deleted (Undo), under the same id, and forget its
        deletion: to sync it is the same record, never removed."""
        model = LIST_PARTS[kind]
        with self.store.transaction() as session:
            self._editable_visit(session, record["visit_id"])
            if session.get(model, record["id"]) is not None:
                return  # already back
            session.add(model(**{k: v for k, v in record.items() if k in _columns(model)}))
            session.flush()
            session.execute(delete(SyncTombstone).where(
                SyncTombstone.table_name == model.__tablename__,
                SyncTombstone.record_id == record["id"]))
            log_change(session, kind, record["id"], "restore")

    def set_statements(self, visit_id: str, section_key: str, texts: list[str]) -> None:
        """Replace a list section's entries (strengths, recommendations...) in one step."""
        with self.store.transaction() as session:
            self._editable_visit(session, visit_id)
            rows = session.scalars(select(Statement).where(
                Statement.visit_id == visit_id, Statement.section_key == section_key)
                .order_by(Statement.position)).all()
            for position, text in enumerate(texts):
                if position < len(rows):
                    if rows[position].text != text:
                        rows[position].text = text
                else:
                    session.add(Statement(visit_id=visit_id, section_key=section_key,
                                          text=text, position=position))
            for extra in rows[len(texts):]:
                session.delete(extra)
            log_change(session, "statements", visit_id, "set",
                       {"section_key": section_key, "texts": texts})

    def _part(self, session: Session, model: type, record_id: str) -> Any:
        row = session.get(model, record_id)
        if row is None:
            raise NotFoundError(f"That {model.__name__.lower()} no longer exists.")
        self._editable_visit(session, row.visit_id)
        return row
