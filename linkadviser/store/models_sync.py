"""Tables that only the sync keeps: partners' marks, conflicts for review, deletions, arrivals.

None of these carry the ``Synced`` columns, so none of them travel in a sync file themselves
(except deletions, which travel as their own member). Deletions are recorded by a mapper hook
here, because this module is always imported with the schema: whoever deletes a synced record
through the ORM leaves a tombstone, so the deletion can reach the other side instead of the
record coming back on the next exchange.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, Integer, String, Text, delete, event, insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column, object_session

from linkadviser.store.base import DEVICE_KEY, Base, Synced, utcnow


class SyncPartner(Base):
    """Another store this one exchanges files with, and where the last exchanges left off."""

    __tablename__ = "sync_partners"
    device_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), default="")  # adviser or centre
    name: Mapped[str] = mapped_column(String(200), default="")
    # Local clock: rows changed or arrived after this go in the next export to the partner.
    last_export_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_export_log_seq: Mapped[int] = mapped_column(Integer, default=0)
    # Local clock: when we last took in a file from the partner (the base for conflicts).
    last_import_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class SyncImport(Base):
    """A file imported successfully, by the SHA-256 of its bytes (to say so if it comes again)."""

    __tablename__ = "sync_imports"
    file_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    partner_device_id: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    summary_json: Mapped[str] = mapped_column(Text, default="")


class SyncConflict(Base):
    """A record that changed in two places, kept with both versions until someone reviews it.

    The id is derived from the record and the incoming version, so importing the same file again
    finds the same conflict instead of adding a second one.
    """

    __tablename__ = "sync_conflicts"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    detected_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    partner_device_id: Mapped[str] = mapped_column(String(64), default="")
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    kept: Mapped[str] = mapped_column(String(20))  # which version the store now holds
    local_json: Mapped[str] = mapped_column(Text, default="")
    incoming_json: Mapped[str] = mapped_column(Text, default="")
    message: Mapped[str] = mapped_column(Text, default="")
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)


class SyncTombstone(Base):
    """A synced record that was deleted: when, where, and when this store learnt of it."""

    __tablename__ = "sync_tombstones"
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(DateTime)
    device_id: Mapped[str] = mapped_column(String(64), default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class SyncArrival(Base):
    """When a record last arrived here by import: imports keep the origin's ``modified_at``,
    so without this a record passed on by the centre would never count as changed for others.
    """

    __tablename__ = "sync_arrivals"
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    arrived_at: Mapped[datetime] = mapped_column(DateTime, index=True)


@event.listens_for(Base, "after_delete", propagate=True)
def _record_deletion(_mapper: Mapper, connection: Connection, target: object) -> None:
    if not isinstance(target, Synced):
        return
    session = object_session(target)
    device = session.info.get(DEVICE_KEY, "") if session is not None else ""
    now = utcnow()
    table = SyncTombstone.__table__
    key = (table.c.table_name == target.__tablename__) & (table.c.record_id == target.id)
    connection.execute(delete(table).where(key))
    connection.execute(insert(table), {
        "table_name": target.__tablename__, "record_id": target.id, "deleted_at": now,
        "device_id": device, "recorded_at": now,
    })
