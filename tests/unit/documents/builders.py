"""Building visits for document tests through the services, the way the workspace does."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image, ImageDraw

from linkadviser.services import Services
from linkadviser.store.models import Adviser
from linkadviser.visit.workflow import SignatureInput
from tests.factories import make_school

TODAY = date(2026, 11, 26)


def add_school(services: Services, name: str = "Ysgol Gŵyr High School", urn: int = 123456
               ) -> str:
    return make_school(services.store, urn=urn, name=name, phase="secondary",
                       headteacher="Ann Head", chair_of_governors="Bob Chair")


def set_adviser(services: Services, visit_id: str, name: str = "Siân Llŷr") -> None:
    from linkadviser.store.models import Visit

    with services.store.transaction() as session:
        adviser = Adviser(name=name)
        session.add(adviser)
        session.flush()
        session.get(Visit, visit_id).adviser_id = adviser.id


def fill(services: Services, visit_id: str, action_points: int = 3, note: str = "") -> None:
    """Record everything the visit's QA needs, so it can be made ready and signed."""
    edit = services.visits
    content = edit.content(visit_id)
    programme = services.programme_for(content)
    definition = programme.visit(content.visit_number)
    edit.add(visit_id, "attendee", name="Ann Head", role="Headteacher")
    edit.add(visit_id, "attendee", name="Bob Chair", role="Chair of governors")
    if content.visit_number == 4:
        edit.add(visit_id, "attendee", name="Nia Governor", role="Nominated governor")
    for item in definition.agenda:
        edit.set_keyed(visit_id, "agenda_note", item.key,
                       text=note or f"Discussed: {item.text[:60]} The school’s analysis is sound.")
    for item in definition.role_of_school:
        edit.set_keyed(visit_id, "checklist", item.key, ticked=True)
    criteria = list(definition.qa_functions)
    for kind in definition.documents:
        criteria += programme.document(kind).quality_criteria
    for criterion in criteria:
        if criterion.rule == "confirm":
            edit.set_keyed(visit_id, "qa_confirmation", criterion.key, confirmed=True)
    for section in definition.sections:
        _fill_section(services, programme, visit_id, section, action_points, note)


def _fill_section(services: Services, programme, visit_id: str, section, action_points: int,
                  note: str) -> None:
    edit = services.visits
    if section.kind == "text":
        edit.set_keyed(visit_id, "section_text", section.key,
                       text=note or f"{section.title}: evaluative comment on what was seen.")
    elif section.kind == "list":
        edit.set_statements(visit_id, section.key, [f"{section.title} point one",
                                                    "Pupils’ progress in Cymraeg is “strong”"])
    elif section.kind == "targets":
        for measure, group in (("Attendance", "All pupils"), ("5+ A*-C incl. E&M", "FSM"),
                               ("Expected progress in English", "SEN")):
            edit.add(visit_id, "target", measure=measure, pupil_group=group, baseline=91.5,
                     target=94.0, reasoning="FFT D estimate plus 2 points", agreed=True)
    elif section.kind == "sef_grades":
        for area in programme.self_evaluation_areas:
            edit.set_keyed(visit_id, "sef_grade", area.key, school_grade=2, agreed_grade=2,
                           comment="Evidence supports the school's judgement.")
    elif section.kind == "objectives":
        for i in range(1, 4):
            edit.add(visit_id, "objective", text=f"Objective {i}: raise attainment",
                     success_criteria="Gap closes by 5 points", monitoring="Termly review")
    elif section.kind == "action_points":
        for i in range(1, action_points + 1):
            edit.add(visit_id, "action_point", text=f"Action {i}: review the tracking data",
                     owner="Headteacher", due_date=date(2027, 1, (i % 28) + 1))


def signature_png(text: str = "A. Head") -> bytes:
    image = Image.new("RGBA", (400, 120), (255, 255, 255, 0))
    wobble = sum(map(ord, text)) % 40  # a different stroke for each signer
    ImageDraw.Draw(image).line([(10, 90), (120, 20 + wobble), (200, 100), (390, 30)],
                               fill="black", width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def signatures(on: date = TODAY, number: int = 1) -> list[SignatureInput]:
    """The Link Adviser's and the school's signatures the programme asks for on visit
    ``number``'s document (visit 1: headteacher and chair; visit 4: a nominated governor)."""
    school = {1: [("Headteacher", "Ann Head"), ("Chair of governors", "Bob Chair")],
              4: [("Nominated governor", "Nia Governor")]}.get(
                  number, [("Headteacher", "Ann Head")])
    return [SignatureInput("Link Adviser", "Siân Llŷr", on, signature_png("S. Llŷr")),
            *(SignatureInput(role, name, on, signature_png(name)) for role, name in school)]


def visit(services: Services, number: int = 1, year: int = 2026, school_id: str | None = None,
          **fill_args: object) -> str:
    """A started visit with everything recorded (not yet marked ready)."""
    school_id = school_id or add_school(services)
    visit_id = services.workflow.ensure_visit(school_id, number, year)
    services.workflow.start(visit_id)
    set_adviser(services, visit_id)
    fill(services, visit_id, **fill_args)
    return visit_id


def signed_visit(services: Services, number: int = 1, **fill_args: object) -> str:
    visit_id = visit(services, number, **fill_args)
    services.workflow.mark_ready(visit_id)
    services.workflow.sign(visit_id, signatures(number=number))
    return visit_id
