"""The four documents: what each one says, in what order.

Each builder turns a ``DocumentData`` into a story of flowables; the page decoration (header,
DRAFT, footer) is added by ``render``. Titles, confidentiality notices and which sections go in
which document all come from the programme, so an authority's wording is used as written.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, Spacer

from linkadviser.calendar import year_label
from linkadviser.documents.blocks import (
    bullets,
    details,
    empty,
    grid,
    heading,
    long_date,
    notice,
    para,
    short_date,
    signature_block,
    text_block,
)
from linkadviser.documents.data import DocumentData, signature_key
from linkadviser.documents.sections import action_rows, section_flowables
from linkadviser.programme.model import Programme

UNSIGNED = ("Not yet signed. The Link Adviser and the headteacher or the chair of governors sign "
            "on screen; the signed document then carries its fingerprint.")


def visit_heading(data: DocumentData, programme: Programme) -> str:
    c = data.content
    definition = programme.visit(c.visit_number)
    return (f"Visit {c.visit_number}: {definition.title} "
            f"({definition.term.capitalize()} term, {year_label(c.academic_year)})")


def _attendees(data: DocumentData) -> str:
    return "; ".join(f"{a.name} ({a.role})" if a.role else a.name
                     for a in data.content.attendees)


def _status_notes(data: DocumentData, programme: Programme) -> list[Flowable]:
    story: list[Flowable] = []
    definition = programme.document(data.kind)
    if definition.confidential and definition.confidentiality_notice:
        story.append(notice(definition.confidentiality_notice, "notice"))
    if data.amended:
        lines = [f"Amended: version {data.version}. It replaces version {data.version - 1}, "
                 "which is kept unchanged and can still be printed."]
        lines += [f"Amendment to version {a.amends_version} ({long_date(a.made_on)}): "
                  f"{a.reason}" for a in data.amendments]
        story.append(notice("\n".join(lines), "amended"))
    elif data.amending_version:
        story.append(notice(f"Draft amendment of signed version {data.amending_version}; "
                            "when signed it becomes version "
                            f"{data.amending_version + 1}.", "amended"))
    return [*story, Spacer(1, 2)] if story else story


def _signatures(data: DocumentData) -> list[Flowable]:
    if not data.signed:
        return [*heading("Signatures"), empty(UNSIGNED)]
    signers = [(s.role, s.name, s.signed_on,
                data.signature_images.get(signature_key(s.role, s.name), b""))
               for s in data.content.signatures]
    return [signature_block(signers)]


def _activities(data: DocumentData, programme: Programme) -> list[Flowable]:
    definition = programme.visit(data.content.visit_number)
    story: list[Flowable] = heading("Activities undertaken")
    notes = data.content.agenda_notes
    for item in definition.agenda:
        if notes.get(item.key, "").strip():
            story.append(para(item.text, "h3"))
            story += text_block(notes[item.key])
    return story if len(story) > 2 else [*story, empty()]


def _signed_document(title_line: Callable[[DocumentData, Programme], str],
                     rows: Callable[[DocumentData, Programme], list[tuple[str, str]]],
                     activities: bool) -> Callable[[DocumentData, Programme], list[Flowable]]:
    """A document that is signed: heading, notes, details, sections, signatures."""

    def build(data: DocumentData, programme: Programme) -> list[Flowable]:
        story: list[Flowable] = [para(programme.document(data.kind).title, "title"),
                                 para(title_line(data, programme), "subtitle")]
        story += _status_notes(data, programme)
        story.append(details(rows(data, programme)))
        if activities:
            story += _activities(data, programme)
        story += section_flowables(data.content, programme, data.kind)
        return story + _signatures(data)

    return build


def _visit_rows(data: DocumentData, programme: Programme) -> list[tuple[str, str]]:
    c = data.content
    return [("School", c.school_name), ("URN", str(c.school_urn)),
            ("Date of visit", long_date(c.visit_date)), ("Link Adviser", c.adviser_name),
            ("Attendees", _attendees(data)),
            ("Purpose of visit", programme.visit(c.visit_number).purpose)]


def _report_rows(data: DocumentData, _programme: Programme) -> list[tuple[str, str]]:
    c = data.content
    return [("School", c.school_name), ("URN", str(c.school_urn)),
            ("Academic year", year_label(c.academic_year)), ("Link Adviser", c.adviser_name),
            ("Date of visit", long_date(c.visit_date))]


def _preparation(data: DocumentData, programme: Programme) -> list[Flowable]:
    c = data.content
    definition = programme.visit(c.visit_number)
    story: list[Flowable] = [
        para(programme.document(data.kind).title, "title"),
        para(visit_heading(data, programme), "subtitle"),
    ]
    if definition.confidential:
        story.append(notice("Visit preparation for a confidential visit: keep this sheet with "
                            "the governing body's papers.", "notice"))
    story.append(details([
        ("School", c.school_name), ("URN", str(c.school_urn)),
        ("Planned date", long_date(c.planned_date or c.visit_date)),
        ("Link Adviser", c.adviser_name), ("Purpose of visit", definition.purpose)]))
    story += [*heading("Agenda"), *bullets([i.text for i in definition.agenda])]
    questions = [q for q in c.questions if not q.dismissed]
    story += [*heading("Questions and hypotheses to test"),
              grid(["No.", "Question or hypothesis", "The data that prompted it", "Notes"],
                   [[str(i), q.text, q.evidence, q.answer]
                    for i, q in enumerate(questions, start=1)], [10, 62, 62, 40])]
    label = f" ({data.previous_visit})" if data.previous_visit else ""
    story += [*heading(f"Action points from the last visit{label}"),
              grid(["No.", "Action", "Owner", "Due by", "Status"],
                   [[*row, a.status] for row, a in zip(action_rows(data.previous_action_points),
                                                       data.previous_action_points,
                                                       strict=True)],
                   [10, 92, 30, 24, 18])]
    story += [*heading("Documents requested from the school"),
              grid(["Document", "Due", "Received"],
                   [[d.title, short_date(d.due_date), "yes" if d.received else "not yet"]
                    for d in c.documents_requested], [110, 40, 24])]
    story += [*heading("Role of the Link Adviser"),
              *bullets([i.text for i in definition.role_of_link_adviser])]
    return story


BUILDERS: dict[str, Callable[[DocumentData, Programme], list[Flowable]]] = {
    "record_of_visit": _signed_document(visit_heading, _visit_rows, activities=True),
    "annual_report": _signed_document(
        lambda d, _p: f"{d.content.school_name}, {year_label(d.content.academic_year)}",
        _report_rows, activities=False),
    "governor_feedback_form": _signed_document(visit_heading, _visit_rows, activities=True),
    "preparation_sheet": _preparation,
}
