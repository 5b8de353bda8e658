"""Reading a visit from the store into its plain ``VisitContent``."""

from __future__ import annotations

import hashlib

from sqlalchemy.orm import Session, object_session, selectinload

from linkadviser.errors import NotFoundError
from linkadviser.store.models import Visit
from linkadviser.visit.adviser import adviser_name_of
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
)

_PARTS = (
    Visit.attendees, Visit.agenda_notes, Visit.checklist_ticks, Visit.section_texts,
    Visit.statements, Visit.questions, Visit.targets, Visit.sef_grades, Visit.objectives,
    Visit.action_points, Visit.qa_confirmations, Visit.documents_requested, Visit.signatures,
)


def load_visit(session: Session, visit_id: str) -> Visit:
    visit = session.get(Visit, visit_id, options=[selectinload(p) for p in _PARTS])
    if visit is None:
        raise NotFoundError(f"There is no visit with id {visit_id}. "
                            "`linkadviser visits --school URN` lists a school's visits.")
    return visit


def content_of(visit: Visit) -> VisitContent:
    statements: dict[str, list[str]] = {}
    for s in visit.statements:
        statements.setdefault(s.section_key, []).append(s.text)
    version = visit.signed_version if visit.state == "signed" else visit.signed_version + 1
    return VisitContent(
        visit_id=visit.id,
        school_urn=visit.school.urn,
        school_name=visit.school.name,
        academic_year=visit.academic_year,
        visit_number=visit.visit_number,
        programme_id=visit.programme_id,
        programme_version=visit.programme_version,
        state=visit.state,
        visit_date=visit.visit_date,
        planned_date=visit.planned_date,
        adviser_name=adviser_name_of(object_session(visit), visit),
        attendees=[AttendeeContent(a.name, a.role) for a in visit.attendees],
        agenda_notes={n.item_key: n.text for n in visit.agenda_notes if n.text},
        checklist={t.item_key: ChecklistContent(t.ticked, t.evidence)
                   for t in visit.checklist_ticks},
        section_texts={t.section_key: t.text for t in visit.section_texts if t.text},
        statements=statements,
        questions=[QuestionContent(q.id, q.text, q.evidence, q.answer, q.source, q.dismissed)
                   for q in visit.questions],
        targets=[TargetContent(t.id, t.measure, t.pupil_group, t.baseline, t.target, t.unit,
                               t.reasoning, t.agreed, t.for_year, t.outcome)
                 for t in visit.targets],
        sef_grades={g.area_key: SefGradeContent(g.school_grade, g.agreed_grade, g.comment)
                    for g in visit.sef_grades},
        objectives=[ObjectiveContent(o.id, o.text, o.success_criteria, o.monitoring)
                    for o in visit.objectives],
        action_points=[ActionPointContent(a.id, a.text, a.owner, a.due_date, a.status)
                       for a in visit.action_points],
        documents_requested=[DocumentRequestContent(d.id, d.title, d.due_date, d.received)
                             for d in visit.documents_requested],
        qa_confirmed=sorted(c.criterion_key for c in visit.qa_confirmations if c.confirmed),
        signatures=[SignatureContent(s.role, s.name, s.signed_on,
                                     hashlib.sha256(s.image_png).hexdigest())
                    for s in sorted(visit.signatures, key=lambda s: (s.role, s.name))
                    if s.version == version],
        signed_version=visit.signed_version,
    )
