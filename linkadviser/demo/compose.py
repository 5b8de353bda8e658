"""Composing one invented visit record from the phrase bank, driven by the programme.

The programme says which agenda items, checklist items, sections and QA criteria a visit has;
this module fills each from the bank, so a signed demo record meets the programme's QA the way
a real one must. The result is plain data without dates (offsets in days instead), so the same
record can be written to ``caseload.yaml`` and placed in whichever year is "last year".
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from linkadviser.demo.bank import Chooser
from linkadviser.demo.consistent import (
    headline_of,
    objectives_review,
    position,
    previous_year_fields,
    targets_outcome,
)
from linkadviser.demo.targets import compose_targets
from linkadviser.programme.model import Criterion, Programme, Section, VisitDefinition
from linkadviser.visit.workflow import ADVISER_ROLE

# Month and day ranges (start, end) in which each visit usually takes place.
VISIT_WINDOWS = {1: ((9, 22), (11, 14)), 2: ((1, 19), (3, 20)),
                 3: ((5, 6), (7, 10)), 4: ((10, 1), (12, 5))}
GENERIC = "Discussed with the headteacher; see the notes for this item."


@dataclass(frozen=True)
class SchoolFacts:
    urn: int
    name: str
    phase: str
    head: str
    chair: str
    ofsted_grade: int | None


def year_context(rng: random.Random, bank: dict[str, Any], school: SchoolFacts,
                 adviser: str, previous: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The fields a school's phrases share across one year, so its records agree: with
    ``previous`` (last year's records), last summer's figures are last year's outcomes."""
    phase = phase_of(bank, school)
    good = rng.random() < (0.8 if (school.ofsted_grade or 3) <= 2 else 0.3)
    low, high = phase["headline_range"]
    figure = round(rng.uniform(low, high) + (4 if good else -4), 1)
    la_figure = round(phase["national"] + rng.uniform(-4, 3), 1)
    last_target = round(figure + rng.uniform(-6, 4), 1)
    met = figure >= last_target
    subject, subject2 = rng.sample(phase["subjects"], 2)
    group, group2 = rng.sample(bank["groups"], 2)
    ctx = {
        "tone": "good" if good else "concern", "school": school.name, "head": school.head,
        "chair": school.chair, "adviser": adviser, "subject": subject, "subject2": subject2,
        "group": group, "group2": group2, "headline": phase["headline"],
        "progress": phase["progress"], "figure": figure, "la_figure": la_figure,
        "nat_figure": phase["national"], "target_figure": last_target,
        "attendance": round(rng.uniform(91.5, 96.5), 1), "gap": rng.randint(4, 18),
        "met": "met" if met else "not met", "met_short": "met most targets" if met else
        "fell short of the headline target", "position": position(figure, la_figure,
                                                                   phase["national"]),
        "progress_word": "above average" if good else "below average",
        "focus": rng.choice(bank["focuses"]),
        "last_targets": (f"{'most' if met else 'fewer than half'} of the targets agreed the "
                         "autumn before were met"),
        "new_target": round(figure + 3, 1),
    }
    ctx.update(previous_year_fields(previous or [], phase, la_figure, phase["national"]))
    return ctx


def phase_of(bank: dict[str, Any], school: SchoolFacts) -> dict[str, Any]:
    return bank["phases"].get(school.phase.lower()) or bank["phases"]["secondary"]


def visit_day(rng: random.Random, number: int) -> tuple[int, int]:
    """A month and day in the visit's usual window (days capped at 28 to suit every month)."""
    (m1, d1), (m2, d2) = VISIT_WINDOWS[number]
    months = [m for m in range(1, 13) if (m - m1) % 12 <= (m2 - m1) % 12]
    month = rng.choice(months)
    low = d1 if month == m1 else 1
    high = d2 if month == m2 else 28
    return month, rng.randint(low, min(high, 28))


def compose_visit(ch: Chooser, programme: Programme, school: SchoolFacts, number: int, *,
                  state: str, past: bool) -> dict[str, Any]:
    """One visit's record. ``state`` is signed, in_progress or planned; ``past`` means the
    visit's academic year is over (target outcomes known, most action points closed).
    ``programme`` reads as in the visit's year (``Programme.for_year``). What a record says
    about targets and objectives is worked out from the records themselves (``consistent``):
    the year's earlier visits are in ``ch.ctx["records"]``, last year's in
    ``ch.ctx["previous_records"]``."""
    definition = programme.visit(number)
    ch.ctx["month"] = ch.rng.choice(ch.bank["months"][number])
    ch.ctx["governor"] = ch.person()
    ch.ctx["governor2"] = ch.person()
    ch.ctx["deputy"] = ch.person()
    ch.ctx["senco"] = ch.person()
    record: dict[str, Any] = {"number": number, "state": state}
    if state == "planned":
        return record
    complete = state != "in_progress"
    if number == 1:
        record["targets"] = compose_targets(ch, phase_of(ch.bank, school), outcomes=past)
        ch.ctx["new_target"] = headline_of(record["targets"])["target"]
    if number == 3:
        visit_1 = ch.ctx.get("records", {}).get(1, {})
        ch.ctx.update(targets_outcome(visit_1.get("targets", [])))
    if number == 4:
        ch.ctx.update(objectives_review(ch.rng, ch.ctx.get("previous_records", {}).get(4)))
    record["attendees"] = _attendees(ch, school, definition)
    items = definition.agenda if complete else definition.agenda[: len(definition.agenda) // 2]
    agenda = ch.bank["agenda"].get(number, {})
    record["agenda_notes"] = {i.key: ch.phrase(agenda.get(i.key) or [GENERIC]) for i in items}
    record["checklist"] = {i.key: _tick(ch, i.key) for i in definition.role_of_school}
    sections = definition.sections if complete else definition.sections[:2]
    for section in sections:
        _fill_section(ch, programme, school, number, section, record, past=past)
    if number == 1:
        record["questions"] = _questions(ch, answered=complete)
    record["documents_requested"] = [
        {"title": d.title, "due_days": -d.days_before, "received": complete}
        for d in definition.documents_requested]
    if complete:
        record["qa_confirmed"] = confirmations(programme, definition)
        record["signatures"] = _signatures(ch, definition, record["attendees"])
    return record


def _signatures(ch: Chooser, definition: VisitDefinition, attendees: list[dict[str, str]]
                ) -> list[dict[str, str]]:
    """The programme's signers of the visit's document, each an attendee in that role."""
    roles = definition.signers_of(definition.documents[0]) or \
        [ADVISER_ROLE, "Headteacher or Chair of governors"]
    signatures = []
    for wanted in roles:
        first = wanted.split(" or ")[0].strip()
        if first == ADVISER_ROLE:
            signatures.append({"role": ADVISER_ROLE, "name": ch.ctx["adviser"]})
            continue
        person = next(a for a in attendees if a["role"] == first)
        signatures.append({"role": first, "name": person["name"]})
    return signatures


def confirmations(programme: Programme, definition: VisitDefinition) -> list[str]:
    """Every QA criterion of the visit that the adviser confirms by hand."""
    criteria: list[Criterion] = list(definition.qa_functions)
    for kind in definition.documents:
        criteria += programme.document(kind).quality_criteria
    return sorted({c.key for c in criteria if c.rule == "confirm"})


def _attendees(ch: Chooser, school: SchoolFacts, definition: VisitDefinition
               ) -> list[dict[str, str]]:
    """The headteacher and chair (governors take part in every major visit), the nominated
    governors at visit 4, and now and then others."""
    people = [{"name": school.head, "role": "Headteacher"},
              {"name": school.chair, "role": "Chair of governors"}]
    if any("Nominated governor" in p for p in definition.participants):
        return people + [{"name": ch.ctx["governor"], "role": "Nominated governor"},
                         {"name": ch.ctx["governor2"], "role": "Nominated governor"}]
    roles = ch.rng.sample(ch.bank["attendees"]["extra"], ch.rng.randint(0, 2))
    return people + [{"name": ch.person(), "role": role} for role in roles]


def _tick(ch: Chooser, key: str) -> dict[str, Any]:
    options = ch.bank["checklist"].get(key, {})
    ticked = not options.get("not_ticked") or ch.rng.random() < 0.85
    evidence = ch.phrase(options.get("ticked" if ticked else "not_ticked") or [GENERIC])
    return {"ticked": ticked, "evidence": evidence}


def _fill_section(ch: Chooser, programme: Programme, school: SchoolFacts, number: int,
                  section: Section, record: dict[str, Any], *, past: bool) -> None:
    if section.kind == "text":
        options = ch.bank["sections"].get(section.key) or [GENERIC]
        record.setdefault("section_texts", {})[section.key] = ch.phrase(options)
    elif section.kind == "list":
        options = ch.bank["statements"].get(section.key) or [GENERIC]
        record.setdefault("statements", {})[section.key] = ch.phrases(options, 2, 3)
    elif section.kind == "targets":
        pass  # composed first (compose_visit), so the agenda notes can quote them
    elif section.kind == "sef_grades":
        record["sef_grades"] = _sef_grades(ch, programme, school)
    elif section.kind == "objectives":
        record["objectives"] = [
            {k: ch.phrase([o[k]]) for k in ("text", "success_criteria", "monitoring")}
            for o in ch.rng.sample(ch.bank["objectives"], 3)]
    else:
        record["action_points"] = _action_points(ch, number, past=past)


def _sef_grades(ch: Chooser, programme: Programme, school: SchoolFacts
                ) -> dict[str, dict[str, Any]]:
    grades = {}
    base = school.ofsted_grade or 2
    for area in programme.self_evaluation_areas:
        worst = len(programme.sef_scale(area))
        if worst == 2:  # met / not met (safeguarding): met, as in most schools
            own = agreed = 1
        else:
            own = min(worst, max(1, base + ch.rng.choice((-1, 0, 0, 0, 1))))
            agreed = min(worst, own + (1 if ch.rng.random() < 0.2 else 0))
        comments = ch.bank["sections"]["sef_comment"]
        grades[area.key] = {"school_grade": own, "agreed_grade": agreed, "comment": ch.phrase(
            comments["agreed" if agreed == own else "moderated"])}
    return grades


def _action_points(ch: Chooser, number: int, *, past: bool) -> list[dict[str, Any]]:
    owners = {"head": ch.ctx["head"], "chair": ch.ctx["chair"], "deputy": ch.ctx["deputy"],
              "adviser": ch.ctx["adviser"]}
    weights = (0.25, 0.65, 0.10) if past else (0.8, 0.2, 0.0)
    points = []
    options = [a for a in ch.bank["action_points"] if number in a.get("visits", [number])]
    for entry in ch.rng.sample(options, min(len(options), ch.rng.randint(2, 4))):
        status = ch.rng.choices(("open", "done", "dropped"), weights)[0]
        points.append({"text": ch.phrase([entry["text"]]), "owner": owners[entry["owner"]],
                       "due_days": ch.rng.choice((21, 28, 42, 56, 90, 120)), "status": status})
    return points


def _questions(ch: Chooser, *, answered: bool) -> list[dict[str, str]]:
    return [{"text": ch.phrase([q["text"]]), "evidence": ch.phrase([q["evidence"]]),
             "answer": ch.phrase(q["answers"]) if answered else ""}
            for q in ch.rng.sample(ch.bank["questions"], ch.rng.randint(2, 3))]
