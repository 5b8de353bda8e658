"""The workspace's pages, one per place in the visit's outline, built from the programme.

Which pages exist and what they ask comes from the visit's definition (agenda items, the
role-of-school checklist, the Link Adviser's tasks, the visit's own sections by kind); nothing
here names a particular visit.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QComboBox, QGridLayout, QPushButton, QWidget

from linkadviser.errors import LinkAdviserError
from linkadviser.programme.model import Item, Section, SelfEvaluationArea
from linkadviser.ui.ops import Op, show_error
from linkadviser.ui.widgets.autosave import Autosaver
from linkadviser.ui.widgets.fields import line_field, text_area
from linkadviser.ui.widgets.ticks import tick_box
from linkadviser.ui.workspace.context import PageContext
from linkadviser.ui.workspace.parts import Page, card, edit_button, label, left_aligned
from linkadviser.ui.workspace.qa_page import QAPage
from linkadviser.ui.workspace.records import SPECS, RecordList
from linkadviser.visit.content import VisitContent
from linkadviser.visit.outline import OutlinePlace, adviser_task_key
from linkadviser.visit.preparation import Prepared, prepare_visit_from_data
from linkadviser.words import count


def preparation_page(ctx: PageContext, content: VisitContent) -> Page:
    d = ctx.definition
    page = Page("Preparation", d.purpose)
    page.add(label("What this visit produces", "heading"))
    page.add(label("\n".join(f"• {o}" if not o.endswith(":") else o for o in d.outcomes)))
    page.add(label("Questions and hypotheses to test", "heading"))
    page.add(label("Prepared from the school's data before the visit; record what the visit "
                   "found against each, or dismiss it.", "prompt"))
    if not ctx.read_only:
        page.add(left_aligned(_prepare_from_data_button(ctx)))
    page.add(RecordList(ctx, SPECS["question"]))
    page.add(label("Documents requested from the school", "heading"))
    requests = RecordList(ctx, SPECS["document_request"])
    page.add(requests)
    have = {c.findChild(QWidget, "document_request.title").text() for c in requests.cards()}
    when = content.visit_date or content.planned_date
    for wanted in d.documents_requested:
        if wanted.title in have:
            continue
        button = edit_button(f"Request “{wanted.title}” ({count(wanted.days_before, 'day')} before "
                             "the visit)")
        due = when - timedelta(days=wanted.days_before) if when else None
        button.clicked.connect(lambda _=False, t=wanted.title, due=due, b=button: (
            requests.add_record(title=t, due_date=due), b.hide()))
        page.add(left_aligned(button))
    page.finish()
    return page


def _prepare_from_data_button(ctx: PageContext) -> QPushButton:
    """Adds questions (and, for visit 1, proposed targets) from the imported data, in the
    background: the analysis needs pandas, which must not freeze the workspace."""
    has_targets = any(s.kind == "targets" for s in ctx.definition.sections)
    button = edit_button("Prepare questions and targets from the school's data" if has_targets
                         else "Prepare questions from the school's data")
    button.setObjectName("prepare_from_data")

    def done(prepared: Prepared) -> None:
        ctx.reload()
        ctx.notify(prepared.message)

    def failed(exc: BaseException) -> None:
        button.setEnabled(True)
        if isinstance(exc, LinkAdviserError):
            ctx.report(str(exc))
        else:
            show_error(button, exc)

    def start() -> None:
        button.setEnabled(False)
        services, visit_id = ctx.services, ctx.visit_id
        (Op(button, lambda: prepare_visit_from_data(services, visit_id), changes_kind="visit")
         .success(done).failure(failed).run_in_background())

    button.clicked.connect(start)
    return button


def attendees_page(ctx: PageContext, content: VisitContent) -> Page:
    needed = ctx.definition.participants
    page = Page("Attendees", "Who took part: the headteacher, the chair and other governors, "
                "and anyone else. Best practice is for governors to take part in at least "
                "part of every major visit."
                + (f" This visit needs: {'; '.join(needed)}." if needed else ""))
    attendees = RecordList(ctx, SPECS["attendee"])
    page.add(attendees)
    present = {a.name.strip().lower() for a in content.attendees}
    quick = []
    for name, role in ctx.records.school_people(ctx.visit_id):
        if name.strip().lower() in present:
            continue
        button = edit_button(f"Add {name} ({role.lower()})")
        button.setObjectName(f"add-person:{role}")
        button.clicked.connect(lambda _=False, n=name, r=role, b=button: (
            attendees.add_record(name=n, role=r), b.hide()))
        quick.append(button)
    if quick:
        page.add(left_aligned(*quick))
    page.finish()
    return page


def agenda_page(ctx: PageContext, content: VisitContent) -> Page:
    page = Page("Agenda", "Notes against each agenda item: what was discussed and agreed.")
    for number, item in enumerate(ctx.definition.agenda, 1):
        page.add(label(f"{number}. {item.text}", "heading"))
        notes = text_area(content.agenda_notes.get(item.key, ""),
                          lambda text, key=item.key: ctx.set_keyed("agenda_note", key, text=text),
                          "Notes")
        notes.setObjectName(f"agenda:{item.key}")
        notes.setAccessibleName(f"Notes on agenda item {number}")
        page.add(notes)
    page.finish()
    return page


def _tick_list(ctx: PageContext, content: VisitContent, page: Page, items: list[Item],
               key_of: object, placeholder: str) -> None:
    """One card per item: a tick, the item's words, and a note (e.g. the evidence seen)."""
    for item in items:
        key = key_of(item.key)
        state = content.checklist.get(key)
        frame, layout = card()
        grid = QGridLayout()
        box = tick_box(item.text, bool(state and state.ticked),
                       lambda on, key=key: (ctx.set_keyed("checklist", key, ticked=on),
                                            ctx.saved()),
                       ctx.undo, ctx.report, show_text=False)
        box.setObjectName(f"tick:{key}")
        grid.addWidget(box, 0, 0)
        grid.addWidget(label(item.text), 0, 1)
        note = line_field(state.evidence if state else "",
                          lambda text, key=key: ctx.set_keyed("checklist", key, evidence=text),
                          placeholder)
        note.setObjectName(f"evidence:{key}")
        note.setAccessibleName(f"{placeholder}: {item.text}")
        grid.addWidget(note, 1, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        page.add(frame)


def checklist_page(ctx: PageContext, content: VisitContent) -> Page:
    page = Page("Role of school", "Tick what the school has done, with a note of the "
                "evidence seen.")
    _tick_list(ctx, content, page, ctx.definition.role_of_school, str, "Evidence seen")
    page.finish()
    return page


def adviser_tasks_page(ctx: PageContext, content: VisitContent) -> Page:
    page = Page("Link Adviser's tasks", "Your part in this visit, as the programme sets it.")
    _tick_list(ctx, content, page, ctx.definition.role_of_link_adviser, adviser_task_key,
               "Note")
    page.finish()
    return page


def _text_section(ctx: PageContext, content: VisitContent, section: Section, page: Page) -> None:
    edit = text_area(content.section_texts.get(section.key, ""),
                     lambda text: ctx.set_keyed("section_text", section.key, text=text),
                     "Write here", min_lines=6)
    edit.setObjectName(f"section:{section.key}")
    edit.setAccessibleName(section.title)
    page.add(edit)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _list_section(ctx: PageContext, content: VisitContent, section: Section, page: Page) -> None:
    page.add(label("One per line.", "caption"))
    edit = text_area("\n".join(content.statements.get(section.key, [])),
                     lambda text: ctx.services.visits.set_statements(
                         ctx.visit_id, section.key, _lines(text)), min_lines=5)
    edit.setObjectName(f"section:{section.key}")
    edit.setAccessibleName(section.title)
    page.add(edit)


def _grade_box(ctx: PageContext, area: SelfEvaluationArea, value: int | None) -> QComboBox:
    box = QComboBox()
    box.addItem("–", None)
    for grade in ctx.programme.sef_scale(area):
        box.addItem(f"{grade.value} {grade.label}", grade.value)
    box.setCurrentIndex(max(0, box.findData(value)))
    return box


def _sef_section(ctx: PageContext, content: VisitContent, section: Section, page: Page) -> None:
    """Per area: the school's grade and the agreed one side by side, the comment beneath."""
    grid = QGridLayout()
    grid.setVerticalSpacing(4)
    for column, caption in enumerate(("Area", "School's grade", "Agreed grade")):
        grid.addWidget(label(caption, "caption", wrap=False), 0, column)
    for n, area in enumerate(ctx.programme.self_evaluation_areas):
        row = 1 + 2 * n
        grade = content.sef_grades.get(area.key)
        grid.addWidget(label(area.text, "heading"), row, 0)
        for column, name in ((1, "school_grade"), (2, "agreed_grade")):
            box = _grade_box(ctx, area, getattr(grade, name) if grade else None)
            box.setObjectName(f"sef:{area.key}.{name}")
            box.setAccessibleName(f"{area.text}: {name.replace('_', ' ')}")
            Autosaver(box, box.currentIndexChanged, box.currentData,
                      lambda value, key=area.key, name=name: ctx.set_keyed(
                          "sef_grade", key, **{name: value}))
            grid.addWidget(box, row, column)
        comment = line_field(grade.comment if grade else "",
                             lambda text, key=area.key: ctx.set_keyed(
                                 "sef_grade", key, comment=text),
                             "Comment: the evidence for the agreed grade")
        comment.setObjectName(f"sef:{area.key}.comment")
        comment.setAccessibleName(f"{area.text}: comment")
        grid.addWidget(comment, row + 1, 0, 1, 3)
    grid.setColumnStretch(0, 2)
    grid.setColumnStretch(1, 1)
    grid.setColumnStretch(2, 1)
    holder = QWidget()
    holder.setLayout(grid)
    page.add(holder)


def _records_section(kind: str) -> object:
    def build(ctx: PageContext, _content: VisitContent, _section: Section, page: Page) -> None:
        page.add(RecordList(ctx, SPECS[kind]))
        if kind == "target":  # agreed targets go to governors for sanction
            from linkadviser.ui.school_facts import SanctionRow  # it imports workspace parts

            page.add(SanctionRow(ctx.services, ctx.visit_id))
    return build


SECTION_BUILDERS = {
    "text": _text_section,
    "list": _list_section,
    "sef_grades": _sef_section,
    "targets": _records_section("target"),
    "objectives": _records_section("objective"),
    "action_points": _records_section("action_point"),
}


def section_page(ctx: PageContext, content: VisitContent, section: Section) -> Page:
    page = Page(section.title, section.prompt)
    if not section.required:
        page.add(label("Optional: complete it where it applies.", "muted"))
    SECTION_BUILDERS[section.kind](ctx, content, section, page)
    page.finish()
    return page


PAGE_BUILDERS = {
    "preparation": preparation_page,
    "attendees": attendees_page,
    "agenda": agenda_page,
    "checklist": checklist_page,
    "adviser_tasks": adviser_tasks_page,
}


def build_page(ctx: PageContext, content: VisitContent, place: OutlinePlace) -> Page:
    if place.key == "qa":
        return QAPage(ctx, content)
    if place.section is not None:
        return section_page(ctx, content, place.section)
    return PAGE_BUILDERS[place.kind](ctx, content)
