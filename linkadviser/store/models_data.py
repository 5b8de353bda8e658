"""Imported school performance data: one record per imported file, and its figures.

Figures are kept long (school or comparator, year, measure, pupil group, value) so a new
column in next year's file is a line of mapping data, not a schema change. The import record
is synced (the centre can send data out); its figures travel with it, so they carry no sync
columns of their own: 200,000 UUIDs per national file would cost more than the data.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from linkadviser.store.base import Base, Synced, utcnow


class DataImport(Synced, Base):
    """One imported file: its kind, the academic year of its results, and what it held."""

    __tablename__ = "data_imports"
    __table_args__ = (UniqueConstraint("kind", "academic_year", name="kind_year"),)
    kind: Mapped[str] = mapped_column(String(40))
    academic_year: Mapped[int] = mapped_column(Integer)  # start year: 2023 is 2023/24
    filename: Mapped[str] = mapped_column(String(400))
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    schools_in_caseload: Mapped[int] = mapped_column(Integer, default=0)
    schools_for_comparison: Mapped[int] = mapped_column(Integer, default=0)
    comparator_rows: Mapped[int] = mapped_column(Integer, default=0)
    suppressed: Mapped[int] = mapped_column(Integer, default=0)


class DataValue(Base):
    """One figure: a school's (``urn``), its authority's or England's, for one measure/group.

    ``value`` is None when the file suppressed it; ``marker`` then keeps the file's own word
    (SUPP, NE, ...) so a screen can say why a figure is missing rather than show nothing.
    """

    __tablename__ = "data_values"
    __table_args__ = (
        Index("ix_data_values_urn_measure", "urn", "measure"),
        Index("ix_data_values_comparator", "entity", "la_code", "measure"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[str] = mapped_column(
        ForeignKey("data_imports.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(8))  # school, la, england
    urn: Mapped[int | None] = mapped_column(Integer, nullable=True)
    la_code: Mapped[str] = mapped_column(String(12), default="")
    academic_year: Mapped[int] = mapped_column(Integer)
    measure: Mapped[str] = mapped_column(String(60))
    pupil_group: Mapped[str] = mapped_column(String(40))
    value: Mapped[float | None] = mapped_column(Float, nullable=True)
    lower: Mapped[float | None] = mapped_column(Float, nullable=True)
    upper: Mapped[float | None] = mapped_column(Float, nullable=True)
    marker: Mapped[str] = mapped_column(String(12), default="")
