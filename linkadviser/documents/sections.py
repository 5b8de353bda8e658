"""A visit's own sections (as the programme defines them) drawn from its recorded content."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from linkadviser.calendar import year_label
from linkadviser.documents.blocks import bullets, grid, heading, short_date, text_block
from linkadviser.programme.model import Programme, Section
from linkadviser.visit.content import VisitContent


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    shown = f"{value:g}"
    return f"{shown}{unit}" if unit == "%" else f"{shown} {unit}".strip()


def _targets(content: VisitContent, _section: Section, _programme: Programme) -> list[Flowable]:
    rows = [[t.measure, t.pupil_group, _number(t.baseline, t.unit),
             _number(t.target, t.unit) + ("" if t.agreed else " (proposed)"),
             year_label(t.for_year), t.reasoning] for t in content.targets]
    return [grid(["Measure", "Pupil group", "Baseline", "Target", "Results of", "Reasoning"],
                 rows, [34, 24, 20, 24, 22, 50])]


def _sef_grades(content: VisitContent, _section: Section, programme: Programme
                ) -> list[Flowable]:
    def grade(key: str, value: int | None) -> str:
        return f"{value} {programme.sef_grade_label(key, value)}" if value is not None else "–"

    rows = []
    for area in programme.self_evaluation_areas:
        g = content.sef_grades.get(area.key)
        if g is not None:
            rows.append([area.text, grade(area.key, g.school_grade),
                         grade(area.key, g.agreed_grade), g.comment])
    return [grid(["Area", "School's grade", "Grade agreed", "Comment"], rows, [48, 28, 28, 70])]


def _objectives(content: VisitContent, _section: Section, _programme: Programme
                ) -> list[Flowable]:
    rows = [[str(i), o.text, o.success_criteria, o.monitoring]
            for i, o in enumerate(content.objectives, start=1)]
    return [grid(["No.", "Objective", "Success criteria", "How governors will monitor it"],
                 rows, [10, 60, 50, 54])]


def action_rows(points: list) -> list[list[str]]:
    return [[str(i), a.text, a.owner, short_date(a.due_date)]
            for i, a in enumerate(points, start=1)]


def _action_points(content: VisitContent, _section: Section, _programme: Programme
                   ) -> list[Flowable]:
    return [grid(["No.", "Action", "Owner", "Due by"], action_rows(content.action_points),
                 [10, 104, 32, 28])]


def _text(content: VisitContent, section: Section, _programme: Programme) -> list[Flowable]:
    return text_block(content.section_texts.get(section.key, ""))


def _list(content: VisitContent, section: Section, _programme: Programme) -> list[Flowable]:
    return bullets(content.statements.get(section.key, []))


_KINDS: dict[str, Callable[[VisitContent, Section, Programme], list[Flowable]]] = {
    "text": _text, "list": _list, "targets": _targets, "sef_grades": _sef_grades,
    "objectives": _objectives, "action_points": _action_points,
}


def _title_in(section: Section, kind: str) -> str:
    """The heading inside the document. "Annual report: the year in summary" says which
    document the section is for in the workspace; inside that document the prefix is noise."""
    prefix, _, rest = section.title.partition(": ")
    if rest and section.documents == [kind] and kind != "record_of_visit":
        return rest[:1].upper() + rest[1:]
    return section.title


def section_flowables(content: VisitContent, programme: Programme, kind: str
                      ) -> list[Flowable]:
    """Every section of the visit that appears in document ``kind``, in programme order."""
    definition = programme.visit(content.visit_number)
    story: list[Flowable] = []
    # A document other than the record leads with its own sections; shared ones (such as the
    # recommendations in the annual report) follow.
    sections = sorted(definition.sections, key=lambda s: kind != "record_of_visit"
                      and len(s.documents) > 1)
    for section in sections:
        if kind in section.documents:
            story += heading(_title_in(section, kind))
            story += _KINDS[section.kind](content, section, programme)
    return story
