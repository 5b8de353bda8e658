"""What the visits this one builds on recorded, for the workspace's side panel.

The programme says which visits inform which (visit 2 builds on visit 1; visit 4 draws on 1
and 3). For each link this finds the school's most recent such visit held before this one and
turns its sections into short lines of plain text, so the adviser can see last autumn's
targets and strengths while agreeing this spring's grades. A confidential visit (headteacher
performance management) is named but its content is never shown in another visit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from linkadviser.calendar import TERM_ORDER, year_label
from linkadviser.errors import NotFoundError
from linkadviser.figures import with_unit
from linkadviser.programme.model import Programme, Section
from linkadviser.store.db import Store
from linkadviser.store.models import Visit
from linkadviser.visit.content import VisitContent
from linkadviser.visit.reading import content_of, load_visit
from linkadviser.visit.workflow import STATE_LABELS

# What the next visit most needs first: what was agreed (targets, grades), then the lists,
# then the prose, cut short (the whole record is one click away in the school view).
KIND_ORDER = ("targets", "sef_grades", "objectives", "list", "action_points", "text")
TEXT_LIMIT = 240


@dataclass(frozen=True)
class LinkedPart:
    title: str
    lines: list[str]


@dataclass(frozen=True)
class LinkedVisit:
    number: int
    title: str
    why: str
    when: str = ""
    visit_id: str | None = None
    parts: list[LinkedPart] = field(default_factory=list)
    note: str = ""


class VisitLinks:
    """``programme_of(id, version)`` gives the programme version a visit was begun under
    (each visit is read in its own version's terms)."""

    def __init__(self, store: Store, programme_of: Callable[[str, str], Programme]) -> None:
        self.store = store
        self.programme_of = programme_of

    def linked(self, visit_id: str) -> list[LinkedVisit]:
        """One entry per link in the programme, with what that earlier visit recorded."""
        with self.store.session() as session:
            visit = session.get(Visit, visit_id)
            if visit is None:
                raise NotFoundError(f"There is no visit with id {visit_id}.")
            programme = self.programme_of(visit.programme_id, visit.programme_version
                                          ).for_year(visit.academic_year)
            definition = programme.visit(visit.visit_number)
            others = session.scalars(select(Visit).where(
                Visit.school_id == visit.school_id, Visit.id != visit.id)).all()

            def order(v: Visit) -> tuple[int, int, int]:
                term = programme.visit(v.visit_number).term
                return v.academic_year, TERM_ORDER.index(term), v.visit_number

            here = order(visit)
            result = []
            for link in definition.links:
                earlier = sorted((v for v in others if v.visit_number == link.visit
                                  and order(v) < here), key=order)
                linked_def = programme.visit(link.visit)
                if not earlier:
                    result.append(LinkedVisit(link.visit, linked_def.title, link.text,
                                              note=f"No visit {link.visit} recorded before "
                                                   "this one."))
                    continue
                source = earlier[-1]
                when = (f"{year_label(source.academic_year)}, "
                        f"{STATE_LABELS[source.state].lower()}")
                if linked_def.confidential and not definition.confidential:
                    result.append(LinkedVisit(link.visit, linked_def.title, link.text, when,
                                              source.id, note="Confidential to governors: "
                                              "its content is not shown here."))
                    continue
                content = content_of(load_visit(session, source.id))
                source_programme = self.programme_of(
                    source.programme_id, source.programme_version).for_year(source.academic_year)
                linked_def = source_programme.visit(link.visit)
                sections = sorted(linked_def.sections, key=lambda s: KIND_ORDER.index(s.kind))
                parts = [LinkedPart(s.title, lines) for s in sections
                         if (lines := self._lines(source_programme, s, content))]
                result.append(LinkedVisit(link.visit, linked_def.title, link.text, when,
                                          source.id, parts,
                                          "" if parts else "Nothing recorded yet."))
            return result

    def _lines(self, programme: Programme, section: Section, content: VisitContent
               ) -> list[str]:
        kind = section.kind
        if kind == "text":
            text = content.section_texts.get(section.key, "").strip()
            if len(text) > TEXT_LIMIT:
                text = text[:TEXT_LIMIT].rsplit(" ", 1)[0] + " …"
            return [text] if text else []
        if kind == "list":
            return [t for t in content.statements.get(section.key, []) if t.strip()]
        if kind == "targets":
            return [f"{t.measure} ({t.pupil_group}): {with_unit(t.baseline, t.unit) or '–'} → "
                    f"{with_unit(t.target, t.unit) or '–'}"
                    + (f", outcome {with_unit(t.outcome, t.unit)}" if t.outcome is not None
                       else "")
                    for t in content.targets if t.agreed]
        if kind == "sef_grades":
            areas = {a.key: a.text for a in programme.self_evaluation_areas}
            return [f"{areas.get(k, k)}: {programme.sef_grade_label(k, g.agreed_grade)}"
                    for k, g in content.sef_grades.items() if g.agreed_grade is not None]
        if kind == "objectives":
            return [o.text for o in content.objectives]
        return [f"{a.text} ({a.owner or 'no owner'}"
                + (f", due {a.due_date:%d %b %Y}" if a.due_date else "") + f"; {a.status})"
                for a in content.action_points]
