"""Imported school performance data: one record per imported file, one row per school in it.

A national file holds 16,000 schools by 30-odd figures. Kept one figure per table row, that
is half a million inserts per file and an import many times slower than reading the file, so
each school's (or the authority's, or England's) figures are kept together: a packed array of
numbers laid out as the import's ``layout`` says (measure, pupil group, with or without
confidence limits). ``linkadviser.data.queries`` unpacks them into a long table for analysis.
The import record is synced (the centre can send data out); its rows travel with it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
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
    # JSON list of [measure, pupil group, has confidence limits]: each takes one slot of a
    # row's figures, or three (value, lower, upper) when it has limits.
    layout: Mapped[str] = mapped_column(Text)
    schools_in_caseload: Mapped[int] = mapped_column(Integer, default=0)
    schools_for_comparison: Mapped[int] = mapped_column(Integer, default=0)
    comparator_rows: Mapped[int] = mapped_column(Integer, default=0)
    suppressed: Mapped[int] = mapped_column(Integer, default=0)
    figures: Mapped[int] = mapped_column(Integer, default=0)


class DataRow(Base):
    """One row of an imported file: a school (``urn``), its authority, or England.

    ``figures`` is little-endian float64, one per slot of the import's layout, NaN where the
    file had no figure. ``markers`` is JSON ``{slot: "SUPP"}`` for figures the file withheld,
    so a screen can say why a figure is missing rather than show nothing.
    """

    __tablename__ = "data_rows"
    # The authority's and England's rows are found by entity and la_code, a school's by urn
    # (it is the only row with one): indexing only the rows without a urn keeps the index a
    # few hundred entries, not one per school, which a national import would write 22,000
    # times. A query for the totals says ``urn IS NULL`` so the database can use it.
    __table_args__ = (Index("ix_data_rows_totals", "entity", "la_code",
                            sqlite_where=text("urn IS NULL"),
                            postgresql_where=text("urn IS NULL")),)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Not indexed, as report cards' is not: an index of 36-character import ids took a fifth
    # of a national import's bytes (1.1 of 5.6 MB for the Ofsted MI) and 15 ms of its write.
    # Rows are read by urn or as totals; by import only to replace or remove one, or to
    # read every school of a kind, where reading the table through measured no slower
    # (174,000 rows: replacing the MI 288 ms with the index, 293 without).
    import_id: Mapped[str] = mapped_column(
        ForeignKey("data_imports.id", ondelete="CASCADE"))
    entity: Mapped[str] = mapped_column(String(8))  # school, la, england
    urn: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    la_code: Mapped[str] = mapped_column(String(12), default="")
    # A total row's phase where the file totals each phase (absence, census): a primary
    # school is compared with primary schools. A school's phase and region where the file
    # names them (Ofsted's MI), which gives England's and the region's pictures by phase.
    phase: Mapped[str] = mapped_column(String(60), default="", server_default="")
    region: Mapped[str] = mapped_column(String(60), default="", server_default="")
    figures: Mapped[bytes] = mapped_column(LargeBinary)
    markers: Mapped[str] = mapped_column(Text, default="")
    # The school's Ofsted report card and latest ungraded inspection, where an Ofsted file
    # gives either (NULL on every other row). Since November 2025 Ofsted grades each area on
    # a five-point scale (safeguarding: met or not met) rather than giving one overall
    # grade, so a card cannot be one of the row's numbers. ``card_areas`` is compact JSON
    # ``[[area, grade], ...]`` in Ofsted's order, codes into fixed lists, a date only where
    # it is not ``card_inspected_on``, the latest area's date (``linkadviser.data.card_codes``).
    # Kept on the school's row rather than in a table of their own (as before 0005): a
    # national file's 12,000 cards as rows of their own, each with its import id and an
    # index entry, were a quarter of the import's time.
    card_inspected_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    card_areas: Mapped[str | None] = mapped_column(Text, nullable=True)
    ungraded_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    ungraded_outcome: Mapped[str | None] = mapped_column(String(120), nullable=True)  # "School
    # remains Good"
