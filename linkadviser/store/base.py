"""The declarative base and the columns every synced record carries.

Every record that travels between an adviser and the centre has a UUID (so two devices can
create records without colliding), the time it was last changed and the device that changed it
(so sync can order edits by the record's own history, not by when a file arrived).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import DateTime, MetaData, String, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Synced:
    """Mixin for records that sync: UUID key, modified time, and the device that modified it."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    modified_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    device_id: Mapped[str] = mapped_column(String(64), default="")


DEVICE_KEY = "device_id"


@event.listens_for(Session, "before_flush")
def _stamp_changes(session: Session, _ctx: object, _instances: object) -> None:
    """Stamp every new or changed synced record with now and this device.

    A sync import sets ``session.info['keep_stamps']`` so records arriving from elsewhere
    keep the time and device of their own last change.
    """
    if session.info.get("keep_stamps"):
        return
    device = session.info.get(DEVICE_KEY, "")
    now = utcnow()
    for obj in list(session.new) + [o for o in session.dirty if session.is_modified(o)]:
        if isinstance(obj, Synced):
            obj.modified_at = now
            obj.device_id = device
