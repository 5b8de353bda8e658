"""The records a Link Adviser keeps, as SQLAlchemy tables.

Names follow the programme's own words: a school has visits; a visit has attendees, notes per
agenda item, checklist ticks, questions, targets, SEF grades, statements (strengths, areas for
development, recommendations), action points and signatures. Everything an adviser records
syncs, so it carries the ``Synced`` columns.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from linkadviser.store.base import Base, Synced, utcnow


class Meta(Base):
    """Key/value facts about this store: the device's id, the adviser using it, sync marks."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Adviser(Synced, Base):
    __tablename__ = "advisers"
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(200), default="")
    # The day the adviser left the service: they keep their history but take no new schools.
    retired_on: Mapped[date | None] = mapped_column(Date, nullable=True)


class Authority(Synced, Base):
    """The local authority this store works for: its name (on every document) and LA codes.

    Kept by the centre (``central init``) and sent to its advisers; a store without one
    (an adviser working alone) uses the programme's authority. ``demo`` marks the invented
    county, so every screen and document can say the data are invented.
    """

    __tablename__ = "authorities"
    name: Mapped[str] = mapped_column(String(200))
    la_codes: Mapped[str] = mapped_column(String(200), default="", server_default="")
    demo: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))


class AcademicYear(Base):
    """An academic year, named by the calendar year it starts in (2026 is 2026/27)."""

    __tablename__ = "academic_years"
    start_year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"


class School(Synced, Base):
    __tablename__ = "schools"
    urn: Mapped[int] = mapped_column(Integer, unique=True, index=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    phase: Mapped[str] = mapped_column(String(40))  # primary, secondary, all-through, special
    school_type: Mapped[str] = mapped_column(String(80), default="")
    la_maintained: Mapped[bool] = mapped_column(Boolean, default=True)
    local_authority: Mapped[str] = mapped_column(String(120), default="")
    ofsted_grade: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ofsted_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    pupils_on_roll: Mapped[int | None] = mapped_column(Integer, nullable=True)
    percent_fsm: Mapped[float | None] = mapped_column(Float, nullable=True)
    deprivation_decile: Mapped[int | None] = mapped_column(Integer, nullable=True)
    headteacher: Mapped[str] = mapped_column(String(200), default="")
    chair_of_governors: Mapped[str] = mapped_column(String(200), default="")
    in_caseload: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    # From Get Information About Schools (see linkadviser.data.gias); empty for schools
    # entered by hand. A closed school is kept with its history, never deleted.
    status: Mapped[str] = mapped_column(String(20), default="open", server_default="open")
    open_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    close_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    la_code: Mapped[str] = mapped_column(String(8), default="", server_default="")
    establishment_group: Mapped[str] = mapped_column(String(80), default="", server_default="")
    trust: Mapped[str] = mapped_column(String(200), default="", server_default="")
    address: Mapped[str] = mapped_column(String(400), default="", server_default="")
    # The school this one replaced (an academy conversion is a new URN), as GIAS links them.
    predecessor_urn: Mapped[int | None] = mapped_column(Integer, nullable=True)

    visits: Mapped[list[Visit]] = relationship(back_populates="school")
    assignments: Mapped[list[CaseloadAssignment]] = relationship(back_populates="school")


class CaseloadAssignment(Synced, Base):
    """Which adviser is the Link Adviser for a school in an academic year."""

    __tablename__ = "caseload_assignments"
    __table_args__ = (UniqueConstraint("school_id", "academic_year", name="school_year"),)
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    adviser_id: Mapped[str] = mapped_column(ForeignKey("advisers.id"), index=True)
    academic_year: Mapped[int] = mapped_column(ForeignKey("academic_years.start_year"))
    # Who held the school this year before a reassignment: their next file still carries the
    # school, so their laptop learns it has moved (linkadviser.sync.export).
    previous_adviser_id: Mapped[str | None] = mapped_column(
        ForeignKey("advisers.id"), nullable=True)

    school: Mapped[School] = relationship(back_populates="assignments")
    adviser: Mapped[Adviser] = relationship(foreign_keys=[adviser_id])


class Visit(Synced, Base):
    """One of the programme's visits to one school in one academic year."""

    __tablename__ = "visits"
    __table_args__ = (
        UniqueConstraint("school_id", "academic_year", "visit_number", name="one_per_year"),
    )
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    academic_year: Mapped[int] = mapped_column(ForeignKey("academic_years.start_year"), index=True)
    visit_number: Mapped[int] = mapped_column(Integer)
    programme_id: Mapped[str] = mapped_column(String(80))
    programme_version: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    # The booking: the day (also the date a visit not yet begun is planned for), the time
    # ("HH:MM", the adviser's local time; none for a day without a time) and the place.
    planned_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    planned_time: Mapped[str | None] = mapped_column(String(5), nullable=True)
    planned_place: Mapped[str | None] = mapped_column(String(200), nullable=True)
    visit_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    adviser_id: Mapped[str | None] = mapped_column(ForeignKey("advisers.id"), nullable=True)
    signed_version: Mapped[int] = mapped_column(Integer, default=0)

    school: Mapped[School] = relationship(back_populates="visits")
    adviser: Mapped[Adviser | None] = relationship()
    attendees: Mapped[list[Attendee]] = relationship(
        cascade="all, delete-orphan", order_by="Attendee.position")
    agenda_notes: Mapped[list[AgendaNote]] = relationship(cascade="all, delete-orphan")
    checklist_ticks: Mapped[list[ChecklistTick]] = relationship(cascade="all, delete-orphan")
    section_texts: Mapped[list[SectionText]] = relationship(cascade="all, delete-orphan")
    statements: Mapped[list[Statement]] = relationship(
        cascade="all, delete-orphan", order_by="Statement.position")
    questions: Mapped[list[Question]] = relationship(
        cascade="all, delete-orphan", order_by="Question.position")
    targets: Mapped[list[Target]] = relationship(
        cascade="all, delete-orphan", order_by="Target.position")
    sef_grades: Mapped[list[SefGrade]] = relationship(cascade="all, delete-orphan")
    objectives: Mapped[list[Objective]] = relationship(
        cascade="all, delete-orphan", order_by="Objective.position")
    action_points: Mapped[list[ActionPoint]] = relationship(
        cascade="all, delete-orphan", order_by="ActionPoint.position")
    qa_confirmations: Mapped[list[QAConfirmation]] = relationship(cascade="all, delete-orphan")
    documents_requested: Mapped[list[DocumentRequest]] = relationship(
        cascade="all, delete-orphan", order_by="DocumentRequest.position")
    signatures: Mapped[list[Signature]] = relationship(cascade="all, delete-orphan")
    signed_versions: Mapped[list[SignedVersion]] = relationship(
        cascade="all, delete-orphan", order_by="SignedVersion.version")
    amendments: Mapped[list[Amendment]] = relationship(
        cascade="all, delete-orphan", order_by="Amendment.created_at")


class _VisitPart(Synced):
    """A record belonging to one visit (the visit's id is its foreign key)."""

    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"), index=True)


class Attendee(_VisitPart, Base):
    __tablename__ = "attendees"
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(80))  # headteacher, chair of governors, governor, ...
    position: Mapped[int] = mapped_column(Integer, default=0)


class AgendaNote(_VisitPart, Base):
    """The adviser's notes against one agenda item of the programme."""

    __tablename__ = "agenda_notes"
    __table_args__ = (UniqueConstraint("visit_id", "item_key", name="agenda_note_item"),)
    item_key: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text, default="")


class ChecklistTick(_VisitPart, Base):
    """A role-of-school checklist item, ticked or not, with the evidence seen."""

    __tablename__ = "checklist_ticks"
    __table_args__ = (UniqueConstraint("visit_id", "item_key", name="checklist_tick_item"),)
    item_key: Mapped[str] = mapped_column(String(80))
    ticked: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence: Mapped[str] = mapped_column(Text, default="")


class SectionText(_VisitPart, Base):
    """Free text for one of the visit's own sections (e.g. rationale for performance)."""

    __tablename__ = "section_texts"
    __table_args__ = (UniqueConstraint("visit_id", "section_key", name="visit_section"),)
    section_key: Mapped[str] = mapped_column(String(80))
    text: Mapped[str] = mapped_column(Text, default="")


class Statement(_VisitPart, Base):
    """One entry of a list section: a strength, an area for development, a recommendation."""

    __tablename__ = "statements"
    section_key: Mapped[str] = mapped_column(String(80), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class Question(_VisitPart, Base):
    """A question or hypothesis to test in the visit, with the evidence behind it and the answer."""

    __tablename__ = "questions"
    text: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    answer: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(80), default="adviser")  # rule id or 'adviser'
    dismissed: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Target(_VisitPart, Base):
    """A target agreed (or proposed) in visit 1 for the following summer's results."""

    __tablename__ = "targets"
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    for_year: Mapped[int] = mapped_column(Integer)  # academic year whose results it is for
    measure: Mapped[str] = mapped_column(String(120))
    pupil_group: Mapped[str] = mapped_column(String(80), default="All pupils")
    baseline: Mapped[float | None] = mapped_column(Float, nullable=True)
    target: Mapped[float | None] = mapped_column(Float, nullable=True)
    unit: Mapped[str] = mapped_column(String(20), default="%")
    reasoning: Mapped[str] = mapped_column(Text, default="")
    agreed: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[float | None] = mapped_column(Float, nullable=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SefGrade(_VisitPart, Base):
    """The self-evaluation grade for one area: the school's, and the one agreed by the adviser."""

    __tablename__ = "sef_grades"
    __table_args__ = (UniqueConstraint("visit_id", "area_key", name="visit_area"),)
    area_key: Mapped[str] = mapped_column(String(80))
    school_grade: Mapped[int | None] = mapped_column(Integer, nullable=True)
    agreed_grade: Mapped[int | None] = mapped_column(Integer, nullable=True)
    comment: Mapped[str] = mapped_column(Text, default="")


class Objective(_VisitPart, Base):
    """A headteacher performance-management objective (visit 4; confidential to governors)."""

    __tablename__ = "objectives"
    text: Mapped[str] = mapped_column(Text)
    success_criteria: Mapped[str] = mapped_column(Text, default="")
    monitoring: Mapped[str] = mapped_column(Text, default="")  # how governors will monitor it
    position: Mapped[int] = mapped_column(Integer, default=0)


class ActionPoint(_VisitPart, Base):
    __tablename__ = "action_points"
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200), default="")
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open/done/dropped
    position: Mapped[int] = mapped_column(Integer, default=0)


class DocumentRequest(_VisitPart, Base):
    """A document asked of the school before the visit (e.g. the SEF two weeks before visit 2)."""

    __tablename__ = "document_requests"
    title: Mapped[str] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    received: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)


class QAConfirmation(_VisitPart, Base):
    """The adviser's confirmation of a QA criterion that cannot be checked from the record."""

    __tablename__ = "qa_confirmations"
    __table_args__ = (UniqueConstraint("visit_id", "criterion_key", name="visit_criterion"),)
    criterion_key: Mapped[str] = mapped_column(String(80))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)


class Signature(_VisitPart, Base):
    """A signature taken on screen, for one signed version of a visit's document."""

    __tablename__ = "signatures"
    version: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(80))  # adviser, headteacher, chair of governors
    name: Mapped[str] = mapped_column(String(200))
    signed_on: Mapped[date] = mapped_column(Date)
    image_png: Mapped[bytes] = mapped_column(LargeBinary, default=b"")


class SignedVersion(_VisitPart, Base):
    """The frozen content of a visit as signed, with its fingerprint. Never changed or deleted."""

    __tablename__ = "signed_versions"
    __table_args__ = (UniqueConstraint("visit_id", "version", name="visit_version"),)
    version: Mapped[int] = mapped_column(Integer)
    content_json: Mapped[str] = mapped_column(Text)
    fingerprint: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class Amendment(_VisitPart, Base):
    """Why a signed visit was reopened. The signed version it amends stays as it was."""

    __tablename__ = "amendments"
    amends_version: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class ChargeableService(Synced, Base):
    """An extra service taken by a school beyond the core programme, costed for invoicing."""

    __tablename__ = "chargeable_services"
    school_id: Mapped[str] = mapped_column(ForeignKey("schools.id"), index=True)
    academic_year: Mapped[int] = mapped_column(ForeignKey("academic_years.start_year"))
    service_key: Mapped[str] = mapped_column(String(80))
    taken_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    cost: Mapped[float | None] = mapped_column(Float, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class ChangeLog(Base):
    """Who changed what, and why: the audit trail that travels with sync."""

    __tablename__ = "change_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    device_id: Mapped[str] = mapped_column(String(64), default="")
    record_type: Mapped[str] = mapped_column(String(40))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[str] = mapped_column(Text, default="")


class ProgrammeVersion(Synced, Base):
    """The text of every programme version visits were carried out under.

    An authority may change its programme mid-year; visits begun under the old version keep
    its agenda, checklist and QA criteria, so the text each version had is kept here.
    """

    __tablename__ = "programme_versions"
    __table_args__ = (UniqueConstraint("programme_id", "version", name="programme_version"),)
    programme_id: Mapped[str] = mapped_column(String(80))
    version: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(Text)
