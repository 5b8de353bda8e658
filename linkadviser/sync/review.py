"""Conflicts as an adviser reviews them in the app: which school and visit, what happened,
which copy the store now holds, and field by field how the two copies differ.

The store keeps each conflict with both copies as the sync file wrote them (JSON); a person
needs them set side by side in their own words, and only where they differ, to decide whether
anything must be changed by hand. Changing the record is done as any edit is: this module
only reads conflicts and marks them reviewed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from linkadviser.calendar import year_label
from linkadviser.errors import NotFoundError
from linkadviser.store.db import Store
from linkadviser.store.models import School, Visit
from linkadviser.store.models_sync import SyncConflict, SyncPartner
from linkadviser.sync import marks
from linkadviser.sync.kinds import kinds_by_name
from linkadviser.visit.workflow import STATE_LABELS

HIDDEN = ("id", "device_id")  # the same in both copies, or meaningless to a person (as are
# the ids of the school, visit or adviser a record belongs to: "where" names those)
STAMP = "modified_at"
NOT_SET = "—"
LONGEST = 4000  # characters of one value shown (a signed version's content is far longer)

# Records whose name is not their table's name made singular.
RECORD_NAMES = {"sef_grades": "Self-evaluation grade", "qa_confirmations": "QA confirmation",
                "change_log": "Audit entry"}
# Stored codes shown in the words the rest of the app uses for them.
VALUE_LABELS = {("visits", "state"): STATE_LABELS}
KEPT = {"here": "This store's copy was kept.",
        "incoming": "The copy that arrived is now in the store; this store's earlier copy is "
                    "shown beside it.",
        "deletion": "The record stays deleted here.",
        "refused": "The copy that arrived was not applied."}


@dataclass(frozen=True)
class Difference:
    field: str
    here: str  # this store's copy of the value
    arrived: str  # the value in the copy that arrived


@dataclass(frozen=True)
class ConflictForReview:
    id: str
    detected_at: datetime
    partner: str  # who the copy came from: "The centre", "Adviser Ann Smith"
    record: str  # what kind of record: "Action point"
    where: str  # "Acle Academy, visit 2, 2025/26"
    message: str  # what happened, as the import reported it
    kept: str  # which copy the store holds now
    reviewed: bool
    differences: tuple[Difference, ...]
    visit_id: str | None = None  # the visit to open to change the record, if it is here


class ConflictReview:
    """The conflicts kept in one store, for the review screen."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def conflicts(self, include_reviewed: bool = False) -> list[ConflictForReview]:
        """Newest first: the last import's conflicts are the ones the adviser came for."""
        with self.store.session() as session:
            query = select(SyncConflict).order_by(SyncConflict.detected_at.desc(),
                                                  SyncConflict.table_name,
                                                  SyncConflict.record_id)
            if not include_reviewed:
                query = query.where(SyncConflict.reviewed.is_(False))
            partners = {p.device_id: p.name for p in session.scalars(select(SyncPartner))}
            return [_for_review(session, row, partners) for row in session.scalars(query)]

    def to_review(self) -> int:
        with self.store.session() as session:
            return session.scalar(select(func.count()).select_from(SyncConflict)
                                  .where(SyncConflict.reviewed.is_(False))) or 0

    def mark_reviewed(self, ids: Sequence[str]) -> int:
        """Mark these conflicts reviewed: all of them, or (if one is unknown) none."""
        wanted = set(ids)
        with self.store.transaction() as session:
            rows = session.scalars(select(SyncConflict).where(SyncConflict.id.in_(wanted))).all()
            if len(rows) != len(wanted):
                raise NotFoundError("A conflict to mark reviewed is no longer in this store. "
                                    "Nothing was marked; close the list and open it again.")
            for row in rows:
                row.reviewed = True
        return len(rows)


def _for_review(session: Session, row: SyncConflict,
                partners: dict[str, str]) -> ConflictForReview:
    here, arrived = _record(row.local_json), _record(row.incoming_json)
    place = _place(session, row.table_name, here or arrived)
    return ConflictForReview(
        id=row.id, detected_at=local_time(row.detected_at),
        partner=_capital(marks.described(row.partner_device_id,
                                         partners.get(row.partner_device_id, ""))),
        record=record_name(row.table_name), where=place.label,
        message=_capital(row.message), kept=KEPT.get(row.kept, row.kept),
        reviewed=row.reviewed, differences=differences(row.table_name, here, arrived),
        visit_id=place.visit_id)


def record_name(table: str) -> str:
    if table in RECORD_NAMES:
        return RECORD_NAMES[table]
    words = table.replace("_", " ")
    return (words[:-1] if words.endswith("s") else words).capitalize()


def differences(table: str, here: dict[str, Any], arrived: dict[str, Any]
                ) -> tuple[Difference, ...]:
    """The fields the two copies hold differently (every field of the one copy when the other
    is missing, as for a deletion), in the table's own order, the time of each edit last."""
    known = kinds_by_name().get(table)
    order = [c.name for c in known.columns] if known else sorted({*here, *arrived})
    fields = [f for f in order if f not in HIDDEN and not f.endswith("_id") and f != STAMP
              and (f in here or f in arrived)]
    shown = [f for f in fields if not here or not arrived or here.get(f) != arrived.get(f)]
    rows = [_difference(here, arrived, f, VALUE_LABELS.get((table, f))) for f in shown]
    if STAMP in here or STAMP in arrived:
        rows.append(Difference("Last changed", _text(here, STAMP), _text(arrived, STAMP)))
    return tuple(rows)


def _difference(here: dict[str, Any], arrived: dict[str, Any], field: str,
                labels: dict[str, str] | None) -> Difference:
    return Difference(_label(field), _text(here, field, labels), _text(arrived, field, labels))


def _record(text: str) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = msgspec.json.decode(text)
    except msgspec.DecodeError:
        return {"content": text}  # kept as written, should it ever not be JSON
    return value if isinstance(value, dict) else {"content": text}


@dataclass(frozen=True)
class _Place:
    label: str
    visit_id: str | None  # only when the visit is in this store


def where(session: Session, table: str, record: dict[str, Any]) -> str:
    """The school and visit a record belongs to, as far as this store knows them."""
    return _place(session, table, record).label


def _place(session: Session, table: str, record: dict[str, Any]) -> _Place:
    visit_id = record.get("id") if table == "visits" else record.get("visit_id")
    visit = session.get(Visit, visit_id) if visit_id else None
    if visit is not None:
        school_id, number, year = visit.school_id, visit.visit_number, visit.academic_year
    elif table == "visits":  # a visit this store does not hold (yet): as the copy says
        school_id, number, year = (record.get("school_id"), record.get("visit_number"),
                                   record.get("academic_year"))
    elif visit_id:
        return _Place("A visit not in this store", None)
    else:
        school_id, number, year = record.get("school_id"), None, None
    school = session.get(School, school_id) if school_id else None
    if school_id and school is None:
        return _Place("A school not in this store", None)
    parts = [school.name] if school else []
    if number:
        parts.append(f"visit {number}")
    if year:
        parts.append(year_label(int(year)))
    return _Place(", ".join(parts), visit.id if visit is not None else None)


def local_time(stamp: datetime) -> datetime:
    """The store's stamps are UTC; a person reads the time on their own clock."""
    return stamp.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _label(field: str) -> str:
    return field.replace("_", " ").capitalize()


def _text(record: dict[str, Any], field: str, labels: dict[str, str] | None = None) -> str:
    if not record:
        return NOT_SET
    value = record.get(field)
    if labels and value in labels:
        return labels[value]
    if value is None or value == "":
        return NOT_SET
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if field == STAMP and isinstance(value, str):
        value = f"{local_time(datetime.fromisoformat(value)):%d %b %Y %H:%M:%S}"
    text = value if isinstance(value, str) else msgspec.json.encode(value).decode()
    if len(text) > LONGEST:
        return f"{text[:LONGEST]}… ({len(text) - LONGEST:,} more characters)"
    return text
