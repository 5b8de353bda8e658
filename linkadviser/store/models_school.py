"""What the adviser keeps about a school's leadership and governors, and governors' sanction
of targets.

Schools themselves belong to the centre (their rows come from GIAS and travel only from the
centre), but who the headteacher is, since when, who chairs the governors and which governors
are nominated for the headteacher's performance management are facts the adviser learns at
the school. They are kept here, in small synced records of their own, so they travel both
ways like the adviser's other records.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from linkadviser.store.base import Base, Synced

HEADTEACHER, CHAIR, NOMINATED_GOVERNOR = "headteacher", "chair", "nominated_governor"


class SchoolPerson(Synced, Base):
    """One of the school's leaders or governors in one role (a role may hold several people:
    the nominated governors)."""

    __tablename__ = "school_people"
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    role: Mapped[str] = mapped_column(String(40))  # headteacher, chair, nominated_governor
    name: Mapped[str] = mapped_column(String(200))
    since: Mapped[date | None] = mapped_column(Date, nullable=True)  # in post since
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class TargetSanction(Synced, Base):
    """Governors' sanction of an agreed target, with the date they gave it.

    Targets are agreed at visit 1 "to be sanctioned by governors", usually at the governing
    body's next meeting, after the record is signed; so the sanction sits beside the target
    rather than in the signed record, and giving it never reopens the record.
    """

    __tablename__ = "target_sanctions"
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    target_id: Mapped[str] = mapped_column(
        ForeignKey("targets.id", ondelete="CASCADE"), unique=True, index=True)
    sanctioned_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="", server_default="")
