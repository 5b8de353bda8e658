"""The workspace's outline of a visit: its places, in order, and whether each is complete.

The outline is read from the programme (agenda, checklist, the visit's own sections), never
written per visit, so an authority that edits its programme file gets a different workspace.
Each place has the same key the QA checks use as their ``target`` (``attendees``,
``agenda:<item>``, ``checklist``, ``section:<key>``, ``qa``), so a failed criterion can jump
straight to where it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkadviser.programme.model import Section, VisitDefinition
from linkadviser.visit.content import VisitContent
from linkadviser.visit.qa_rules import QAResult, section_entries

# The adviser's own tasks are ticked like the school's checklist; this prefix keeps their keys
# apart from the role-of-school items (the QA checks and documents look only at those).
ADVISER_TASK_PREFIX = "adviser-task:"

PREPARATION = "preparation"
ATTENDEES = "attendees"
AGENDA = "agenda"
CHECKLIST = "checklist"
ADVISER_TASKS = "adviser_tasks"
QA = "qa"


@dataclass(frozen=True)
class OutlinePlace:
    """One place in the workspace: its key, its title, what it is, and how far it has got."""

    key: str
    title: str
    kind: str  # preparation, attendees, agenda, checklist, adviser_tasks, qa, or a section kind
    complete: bool
    required: bool = True
    section: Section | None = None

    @property
    def status(self) -> str:
        if self.complete:
            return "complete"
        return "to do" if self.required else "optional"


def adviser_task_key(item_key: str) -> str:
    return ADVISER_TASK_PREFIX + item_key


def place_of_target(target: str) -> str:
    """The outline place a QA target points at (``agenda:<item>`` lives on the agenda page)."""
    if target.startswith("agenda:"):
        return AGENDA
    return target


def _checked(content: VisitContent, key: str) -> bool:
    tick = content.checklist.get(key)
    return bool(tick and (tick.ticked or tick.evidence.strip()))


def _preparation_done(content: VisitContent) -> bool:
    questions = [q for q in content.questions if not q.dismissed]
    return bool(questions) and all(d.received for d in content.documents_requested)


def _section_done(section: Section, content: VisitContent) -> bool:
    if section_entries(section, content) == 0:
        return False
    if section.kind == "action_points":
        return all(a.text.strip() and a.owner.strip() and a.due_date
                   for a in content.action_points)
    if section.kind == "objectives":
        return all(o.success_criteria.strip() and o.monitoring.strip()
                   for o in content.objectives)
    return True


def outline(visit: VisitDefinition, content: VisitContent,
            qa: list[QAResult]) -> list[OutlinePlace]:
    """The visit's places in the order an adviser works through them."""
    places = [
        OutlinePlace(PREPARATION, "Preparation", PREPARATION, _preparation_done(content),
                     required=False),
        OutlinePlace(ATTENDEES, "Attendees", ATTENDEES, bool(content.attendees)),
        OutlinePlace(AGENDA, "Agenda", AGENDA,
                     all(content.agenda_notes.get(i.key, "").strip() for i in visit.agenda)),
        OutlinePlace(CHECKLIST, "Role of school", CHECKLIST,
                     all(_checked(content, i.key) for i in visit.role_of_school)),
        OutlinePlace(ADVISER_TASKS, "Link Adviser's tasks", ADVISER_TASKS,
                     all(_checked(content, adviser_task_key(i.key))
                         for i in visit.role_of_link_adviser), required=False),
    ]
    places += [OutlinePlace(f"section:{s.key}", s.title, s.kind, _section_done(s, content),
                            s.required, s) for s in visit.sections]
    places.append(OutlinePlace(QA, "Quality assurance", QA, all(r.met for r in qa)))
    return places
