"""The centre's record of the county's Ofsted picture over time.

Schools carry only their latest grade, so the trajectory of "% good or better" needs the picture
as it stood at each point: the centre records one snapshot per area and phase whenever it
reports (and comparators for England and the region when their figures are imported). These
rows belong to the central store only; they do not sync to advisers.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from linkadviser.store.base import Base


class GradeSnapshot(Base):
    __tablename__ = "grade_snapshots"
    __table_args__ = (UniqueConstraint("taken_on", "area", "phase", name="one_per_day"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    taken_on: Mapped[date] = mapped_column(Date, index=True)
    area: Mapped[str] = mapped_column(String(120))  # the county's name, "England", a region
    is_county: Mapped[bool] = mapped_column(default=False)
    phase: Mapped[str] = mapped_column(String(40))
    outstanding: Mapped[int] = mapped_column(Integer, default=0)
    good: Mapped[int] = mapped_column(Integer, default=0)
    requires_improvement: Mapped[int] = mapped_column(Integer, default=0)
    inadequate: Mapped[int] = mapped_column(Integer, default=0)
    not_inspected: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(200), default="")
    # The four figures are published percentages typed in, shown exactly as entered.
    as_percentages: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
