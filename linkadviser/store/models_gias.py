"""The last Get Information About Schools extract, as this store read it.

An adviser working without a centre builds a caseload from it (``linkadviser schools add``
takes a school's details from here), and the centre reads its schools out of it. It is
reference data kept by each store for itself: replaced whole by the next extract, never
synced (the seq key keeps it out of sync's tables; see ``linkadviser.sync.kinds``).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from linkadviser.store.base import Base


class Establishment(Base):
    __tablename__ = "gias_establishments"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    urn: Mapped[int] = mapped_column(Integer, unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    la_code: Mapped[str] = mapped_column(String(8), default="")
    la_name: Mapped[str] = mapped_column(String(120), default="")
    phase: Mapped[str] = mapped_column(String(40), default="")
    school_type: Mapped[str] = mapped_column(String(80), default="")
    establishment_group: Mapped[str] = mapped_column(String(80), default="")
    status: Mapped[str] = mapped_column(String(20), default="open")
    open_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    close_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    trust: Mapped[str] = mapped_column(String(200), default="")
    headteacher: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(400), default="")
    region: Mapped[str] = mapped_column(String(80), default="")
    predecessor_urn: Mapped[int | None] = mapped_column(Integer, nullable=True)
    source: Mapped[str] = mapped_column(String(400), default="")  # the extract's file name
