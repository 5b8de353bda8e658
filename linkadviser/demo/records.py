"""Turning a composed visit into table rows, and a signed one into its ``SignedVersion``.

Both the demo loader and the county generator write rows in bulk (``insert(Model)`` with a list
of dicts) rather than object by object, so the store fills in seconds. The content of a signed
visit is built here from the very rows written, in the shape ``content_of`` reads back, and
its fingerprint comes from ``linkadviser.visit.content``: there is one fingerprint function, and
the tests check that recomputing it from the store gives the stored value.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from linkadviser.calendar import TERM_ORDER, school_day_near, term_start
from linkadviser.programme.model import TermDates
from linkadviser.store import models as m
from linkadviser.store.base import Synced, utcnow
from linkadviser.visit.content import (
    ActionPointContent,
    AttendeeContent,
    ChecklistContent,
    DocumentRequestContent,
    ObjectiveContent,
    QuestionContent,
    SefGradeContent,
    SignatureContent,
    TargetContent,
    VisitContent,
    canonical_json,
    fingerprint_of,
)

EMPTY_IMAGE_SHA = hashlib.sha256(b"").hexdigest()
# Parents before children, so foreign keys hold at every insert.
INSERT_ORDER = (m.AcademicYear, m.Adviser, m.School, m.CaseloadAssignment, m.Visit,
                m.Attendee, m.AgendaNote, m.ChecklistTick, m.SectionText, m.Statement,
                m.Question, m.Target, m.SefGrade, m.Objective, m.ActionPoint,
                m.DocumentRequest, m.QAConfirmation, m.Signature, m.SignedVersion,
                m.ChargeableService, m.Meta)


def academic_date(start_year: int, month: int, day: int) -> date:
    """A month and day placed in an academic year (September to August)."""
    return date(start_year if month >= 9 else start_year + 1, month, day)


def placed_date(year: int, month_day: str, today: date | None, terms: TermDates) -> date:
    """A "MM-DD" placed in the academic year, on a school day of its term (the data keeps a
    month and day, whose weekday changes from year to year). Given ``today`` (the thing has
    happened), a date still ahead is pulled back to yesterday, but not before the year starts."""
    month, day = (int(x) for x in month_day.split("-"))
    when = academic_date(year, month, day)
    if today is not None and when >= today:
        when = max(today - timedelta(days=1), term_start(year, TERM_ORDER[0], terms))
    return school_day_near(when, terms)


@dataclass
class RowSink:
    """Rows waiting to be inserted, per table, each stamped like a record saved on this device."""

    device_id: str
    new_id: Callable[[], str]
    stamp: datetime = field(default_factory=utcnow)
    rows: dict[type, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def add(self, model: type, **values: Any) -> str:
        if issubclass(model, Synced):
            values = {"id": self.new_id(), "modified_at": self.stamp,
                      "device_id": self.device_id, **values}
        self.rows[model].append(values)
        return values.get("id", "")

    def write(self, session: Session) -> int:
        """Insert everything collected, parents first; returns how many rows were written.

        Each batch goes through the table's INSERT (one ``executemany``) rather than the ORM's
        bulk path: the same SQL, at half the time for the county's half-million rows.
        """
        count = 0
        for model in INSERT_ORDER:
            batch = self.rows.pop(model, [])
            if batch:
                session.execute(insert(model.__table__), batch)
                count += len(batch)
        return count


@dataclass(frozen=True)
class Placement:
    """Where a composed visit sits: its school, year and adviser."""

    school_id: str
    urn: int
    school_name: str
    academic_year: int
    programme_id: str
    programme_version: str
    adviser_id: str
    adviser_name: str
    terms: TermDates  # the programme's, so a visit falls on a school day of its term


def place_visit(sink: RowSink, record: dict[str, Any], at: Placement, today: date
                ) -> VisitContent | None:
    """Add the visit's rows (with its signatures if signed) and return, for a signed visit,
    the content those rows hold; the caller adds the ``SignedVersion`` (see
    ``signed_version_values``). A visit not yet started keeps its date as the planned date."""
    state = record["state"]
    started = state != "planned"
    planned_date = placed_date(at.academic_year, record["date"], today if started else None,
                               at.terms)
    visit_date = planned_date if started else None
    visit_id = sink.add(
        m.Visit, school_id=at.school_id, academic_year=at.academic_year,
        visit_number=record["number"], programme_id=at.programme_id,
        programme_version=at.programme_version, state=state, planned_date=planned_date,
        visit_date=visit_date, adviser_id=at.adviser_id,
        signed_version=1 if state == "signed" else 0)
    content = VisitContent(
        visit_id=visit_id, school_urn=at.urn, school_name=at.school_name,
        academic_year=at.academic_year, visit_number=record["number"],
        programme_id=at.programme_id, programme_version=at.programme_version, state=state,
        visit_date=visit_date, planned_date=planned_date, adviser_name=at.adviser_name,
        signed_version=1 if state == "signed" else 0)
    _add_parts(sink, record, at, content, planned_date)
    if state != "signed":
        return None
    signed_on = planned_date
    for s in sorted(record.get("signatures", []), key=lambda s: (s["role"], s["name"])):
        sink.add(m.Signature, visit_id=visit_id, version=1, role=s["role"], name=s["name"],
                 signed_on=signed_on, image_png=b"")
        content.signatures.append(SignatureContent(s["role"], s["name"], signed_on,
                                                   EMPTY_IMAGE_SHA))
    return content


def signed_at(content: VisitContent) -> datetime:
    """When a generated visit was signed: the afternoon of the visit."""
    return datetime.combine(content.visit_date or content.planned_date, time(16, 0))


def signed_version_values(content: VisitContent, version: int, signed_at: datetime
                          ) -> dict[str, Any]:
    """The columns of a ``SignedVersion`` for this content, as ``Workflow.sign`` writes them."""
    canonical = content.canonical()
    return {"visit_id": content.visit_id, "version": version,
            "content_json": canonical_json(canonical), "fingerprint": fingerprint_of(canonical),
            "signed_at": signed_at}


def _add_parts(sink: RowSink, record: dict[str, Any], at: Placement, c: VisitContent,
               visit_date: date) -> None:
    vid = c.visit_id
    for pos, a in enumerate(record.get("attendees", [])):
        sink.add(m.Attendee, visit_id=vid, name=a["name"], role=a["role"], position=pos)
        c.attendees.append(AttendeeContent(a["name"], a["role"]))
    for key, text in record.get("agenda_notes", {}).items():
        sink.add(m.AgendaNote, visit_id=vid, item_key=key, text=text)
        c.agenda_notes[key] = text
    for key, tick in record.get("checklist", {}).items():
        sink.add(m.ChecklistTick, visit_id=vid, item_key=key, **tick)
        c.checklist[key] = ChecklistContent(tick["ticked"], tick["evidence"])
    for key, text in record.get("section_texts", {}).items():
        sink.add(m.SectionText, visit_id=vid, section_key=key, text=text)
        c.section_texts[key] = text
    pos = 0
    for key, texts in record.get("statements", {}).items():
        for text in texts:
            sink.add(m.Statement, visit_id=vid, section_key=key, text=text, position=pos)
            c.statements.setdefault(key, []).append(text)
            pos += 1
    for pos, q in enumerate(record.get("questions", [])):
        qid = sink.add(m.Question, visit_id=vid, text=q["text"], evidence=q["evidence"],
                       answer=q["answer"], source="adviser", dismissed=False, position=pos)
        c.questions.append(QuestionContent(qid, q["text"], q["evidence"], q["answer"]))
    for pos, t in enumerate(record.get("targets", [])):
        tid = sink.add(m.Target, visit_id=vid, school_id=at.school_id,
                       for_year=at.academic_year, position=pos, **t)
        c.targets.append(TargetContent(
            tid, t["measure"], t["pupil_group"], t["baseline"], t["target"], t["unit"],
            t["reasoning"], t["agreed"], at.academic_year, t["outcome"]))
    for key, g in record.get("sef_grades", {}).items():
        sink.add(m.SefGrade, visit_id=vid, area_key=key, **g)
        c.sef_grades[key] = SefGradeContent(g["school_grade"], g["agreed_grade"], g["comment"])
    for pos, o in enumerate(record.get("objectives", [])):
        oid = sink.add(m.Objective, visit_id=vid, position=pos, **o)
        c.objectives.append(ObjectiveContent(oid, o["text"], o["success_criteria"],
                                             o["monitoring"]))
    for pos, a in enumerate(record.get("action_points", [])):
        due = visit_date + timedelta(days=a["due_days"])
        aid = sink.add(m.ActionPoint, visit_id=vid, school_id=at.school_id, text=a["text"],
                       owner=a["owner"], due_date=due, status=a["status"], position=pos)
        c.action_points.append(ActionPointContent(aid, a["text"], a["owner"], due,
                                                  a["status"]))
    for pos, d in enumerate(record.get("documents_requested", [])):
        due = visit_date + timedelta(days=d["due_days"])
        did = sink.add(m.DocumentRequest, visit_id=vid, title=d["title"], due_date=due,
                       received=d["received"], position=pos)
        c.documents_requested.append(DocumentRequestContent(did, d["title"], due,
                                                            d["received"]))
    for key in record.get("qa_confirmed", []):
        sink.add(m.QAConfirmation, visit_id=vid, criterion_key=key, confirmed=True)
    c.qa_confirmed = sorted(record.get("qa_confirmed", []))
