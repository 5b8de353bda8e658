"""The checks a programme file can name in its QA functions and quality criteria.

The programme (data) says *which* checks a visit's record must pass; this module says what each
check means. Every failed check says what is missing and where to fix it (``target``: a
workspace place such as ``attendees``, ``agenda:<key>``, ``section:<key>`` or ``qa``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from linkadviser.programme.model import Criterion, Programme, Section, VisitDefinition
from linkadviser.visit.content import VisitContent
from linkadviser.words import count, plural


@dataclass(frozen=True)
class QAResult:
    criterion_key: str
    text: str
    met: bool
    detail: str = ""
    target: str = "qa"


Check = Callable[[Criterion, VisitDefinition, VisitContent, Programme], tuple[str, str] | None]
"""Returns None when met, else (what is missing, where to fix it)."""


@dataclass(frozen=True)
class Rule:
    check: Check
    needs_section: bool = False
    needs_participants: bool = False


def _confirm(c: Criterion, _v: VisitDefinition, content: VisitContent,
             _p: Programme) -> tuple[str, str] | None:
    if c.key in content.qa_confirmed:
        return None
    return "not yet confirmed by the Link Adviser", "qa"


def _attendees(c: Criterion, _v: VisitDefinition, content: VisitContent,
               _p: Programme) -> tuple[str, str] | None:
    if len(content.attendees) < c.min_count:
        return f"record at least {count(c.min_count, 'attendee')}", "attendees"
    roles = {a.role.lower() for a in content.attendees}
    missing = [r for r in c.roles if r.lower() not in roles]
    if missing:
        return "no attendee recorded as " + " or ".join(missing), "attendees"
    return None


def role_matches(wanted: str, role: str) -> bool:
    """Whether a recorded role is the one wanted, or one of its "or" alternatives."""
    return role.strip().lower() in (a.strip().lower() for a in wanted.split(" or "))


def missing_roles(wanted: list[str], roles: list[str]) -> list[str]:
    """The wanted roles nobody holds; a role listed twice needs two different people."""
    left = list(roles)
    missing = []
    for role in wanted:
        held = next((r for r in left if role_matches(role, r)), None)
        if held is None:
            missing.append(role)
        else:
            left.remove(held)
    return missing


def _participants(_c: Criterion, visit: VisitDefinition, content: VisitContent, _p: Programme
                  ) -> tuple[str, str] | None:
    missing = missing_roles(visit.participants, [a.role for a in content.attendees if a.name])
    if missing:
        return "not recorded as taking part: " + "; ".join(missing), "attendees"
    return None


def _agenda_notes(_c: Criterion, visit: VisitDefinition, content: VisitContent, _p: Programme
                  ) -> tuple[str, str] | None:
    empty = [i for i in visit.agenda if not content.agenda_notes.get(i.key, "").strip()]
    if empty:
        return (f"{count(len(empty), 'agenda item')} {plural(len(empty), 'has')} no notes",
                f"agenda:{empty[0].key}")
    return None


def _checklist_reviewed(_c: Criterion, visit: VisitDefinition, content: VisitContent, _p: Programme
                        ) -> tuple[str, str] | None:
    open_items = [
        i for i in visit.role_of_school
        if not (content.checklist.get(i.key) and
                (content.checklist[i.key].ticked or content.checklist[i.key].evidence.strip()))
    ]
    if open_items:
        return (f"{count(len(open_items), 'role-of-school item')} neither ticked nor noted",
                "checklist")
    return None


def section_entries(section: Section, content: VisitContent) -> int:
    """How many entries a section holds (1 for non-empty text), whatever its kind."""
    if section.kind == "text":
        return 1 if content.section_texts.get(section.key, "").strip() else 0
    if section.kind == "list":
        return sum(1 for t in content.statements.get(section.key, []) if t.strip())
    if section.kind == "targets":
        return sum(1 for t in content.targets if t.agreed)
    if section.kind == "sef_grades":
        return sum(1 for g in content.sef_grades.values() if g.agreed_grade is not None)
    if section.kind == "objectives":
        return len(content.objectives)
    return len(content.action_points)


def _sections_complete(c: Criterion, visit: VisitDefinition, content: VisitContent, _p: Programme
                       ) -> tuple[str, str] | None:
    wanted = [s for s in visit.sections if s.required and
              (not c.document or c.document in s.documents)]
    empty = [s for s in wanted if section_entries(s, content) == 0]
    if empty:
        names = ", ".join(s.title for s in empty)
        return f"still empty: {names}", f"section:{empty[0].key}"
    return None


def _list_not_empty(c: Criterion, visit: VisitDefinition, content: VisitContent, _p: Programme
                    ) -> tuple[str, str] | None:
    section = visit.section(c.section or "")
    if section_entries(section, content) < c.min_count:
        return f"{section.title}: at least {c.min_count} needed", f"section:{section.key}"
    return None


def _action_points_complete(c: Criterion, _v: VisitDefinition, content: VisitContent, _p: Programme
                            ) -> tuple[str, str] | None:
    target = f"section:{c.section}"
    if len(content.action_points) < c.min_count:
        return f"at least {count(c.min_count, 'agreed action point')} needed", target
    incomplete = [a for a in content.action_points
                  if not (a.text.strip() and a.owner.strip() and a.due_date)]
    if incomplete:
        n = len(incomplete)
        return (f"{count(n, 'action point')} {plural(n, 'lacks', 'lack')} an owner or a due "
                "date", target)
    return None


def _mentioned(term: str, texts: list[str]) -> bool:
    """Whether any text mentions the term or one of its alternatives ("attendance or absence"),
    so the programme can accept the wordings the data and advisers use."""
    alternatives = [a.strip().lower() for a in term.split(" or ")]
    return any(a in text.lower() for a in alternatives for text in texts)


def _targets_cover(c: Criterion, _v: VisitDefinition, content: VisitContent, _p: Programme
                   ) -> tuple[str, str] | None:
    target = f"section:{c.section}"
    agreed = [t for t in content.targets if t.agreed]
    if len(agreed) < c.min_count:
        return f"at least {count(c.min_count, 'agreed target')} needed", target
    if any(t.target is None for t in agreed):
        return "an agreed target has no target value", target
    groups = [t.pupil_group for t in agreed]
    measures = [t.measure for t in agreed]
    missing = [g for g in c.pupil_groups if not _mentioned(g, groups)]
    missing += [m for m in c.measures if not _mentioned(m, measures)]
    if missing:
        return "no agreed target for " + ", ".join(missing), target
    return None


def _sef_grades_complete(c: Criterion, _v: VisitDefinition, content: VisitContent,
                         programme: Programme) -> tuple[str, str] | None:
    """Every required area of the year's framework graded (and at least ``min_count``)."""
    agreed = {k for k, g in content.sef_grades.items() if g.agreed_grade is not None}
    required = [a for a in programme.self_evaluation_areas if a.required]
    wanted = max(c.min_count, len(required))
    open_areas = [a.text for a in required if a.key not in agreed]
    if open_areas or len(agreed) < c.min_count:
        detail = f"{len(agreed)} of {wanted} self-evaluation grades agreed"
        if open_areas:
            detail += "; not yet graded: " + ", ".join(open_areas)
        return detail, f"section:{c.section}"
    return None


def _objectives_complete(c: Criterion, _v: VisitDefinition, content: VisitContent, _p: Programme
                         ) -> tuple[str, str] | None:
    target = f"section:{c.section}"
    if len(content.objectives) < c.min_count:
        return f"at least {count(c.min_count, 'objective')} needed", target
    vague = [o for o in content.objectives if not (o.success_criteria.strip()
                                                    and o.monitoring.strip())]
    if vague:
        n = len(vague)
        return (f"{count(n, 'objective')} {plural(n, 'lacks', 'lack')} success criteria or how "
                "governors will monitor them", target)
    return None


def _brief(c: Criterion, _v: VisitDefinition, content: VisitContent,
           _p: Programme) -> tuple[str, str] | None:
    words = content.words()
    if c.max_words is not None and words > c.max_words:
        return f"the record is {words} words; keep it under {c.max_words}", "qa"
    return None


RULES: dict[str, Rule] = {
    "confirm": Rule(_confirm),
    "attendees": Rule(_attendees),
    "participants": Rule(_participants, needs_participants=True),
    "agenda_notes": Rule(_agenda_notes),
    "checklist_reviewed": Rule(_checklist_reviewed),
    "sections_complete": Rule(_sections_complete),
    "list_not_empty": Rule(_list_not_empty, needs_section=True),
    "action_points_complete": Rule(_action_points_complete, needs_section=True),
    "targets_cover": Rule(_targets_cover, needs_section=True),
    "sef_grades_complete": Rule(_sef_grades_complete, needs_section=True),
    "objectives_complete": Rule(_objectives_complete, needs_section=True),
    "brief": Rule(_brief),
}


def evaluate(criterion: Criterion, visit: VisitDefinition, content: VisitContent,
             programme: Programme) -> QAResult:
    outcome = RULES[criterion.rule].check(criterion, visit, content, programme)
    if outcome is None:
        return QAResult(criterion.key, criterion.text, True)
    detail, target = outcome
    return QAResult(criterion.key, criterion.text, False, detail, target)


def qa_results(programme: Programme, content: VisitContent) -> list[QAResult]:
    """Every QA criterion of the visit, met or not, in programme order: its QA functions,
    then the quality criteria of each document the visit produces, as the programme reads in
    the visit's year (its self-evaluation framework, its years filled in)."""
    programme = programme.for_year(content.academic_year)
    definition = programme.visit(content.visit_number)
    criteria = list(definition.qa_functions)
    for kind in definition.documents:
        criteria += programme.document(kind).quality_criteria
    return [evaluate(c, definition, content, programme) for c in criteria]
