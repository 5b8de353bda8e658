"""Visit preparation as a service: analyse a school, and put questions and targets in a visit.

What the adviser has already written is never overwritten: preparing again adds only
questions and proposed targets the visit does not already hold, after the existing ones, and
refuses a signed visit like every other edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from linkadviser.data.analysis import Fact, analyse
from linkadviser.data.config import DataRules, default_rules
from linkadviser.data.queries import school_figures, value_for
from linkadviser.data.questions import PreparedQuestion, prepare_questions
from linkadviser.data.targets import ProposedTarget, TargetResult, judge, propose_targets
from linkadviser.errors import NotFoundError
from linkadviser.store.db import Store
from linkadviser.store.models import Question, School, Target, Visit
from linkadviser.visit.editor import ensure_editable, log_change


@dataclass
class Preparation:
    """Everything prepared for one school: its figures, the facts, questions and targets."""

    urn: int
    figures: pd.DataFrame
    facts: list[Fact]
    questions: list[PreparedQuestion]
    targets: list[ProposedTarget]


def prepare_school(store: Store, urn: int, rules: DataRules | None = None,
                   for_year: int | None = None) -> Preparation:
    rules = rules or default_rules()
    figures = school_figures(store, urn)
    if figures.empty:
        raise NotFoundError(
            f"No data has been imported for URN {urn}; import the performance tables that "
            "include it (linkadviser import FILE), then prepare again")
    facts = analyse(figures, rules)
    return Preparation(urn, figures, facts, prepare_questions(facts, rules.questions),
                       propose_targets(facts, rules, for_year))


def _visit(session: Session, visit_id: str) -> Visit:
    visit = session.get(Visit, visit_id)
    if visit is None:
        raise NotFoundError(f"There is no visit with id {visit_id}.")
    ensure_editable(visit)
    return visit


def _add_missing(session: Session, visit_id: str, model: type, key_columns: tuple,
                 records: list[tuple[tuple, Any]], action: str) -> int:
    """Append the (key, record) pairs whose key the visit does not hold yet, logging each."""
    held = set(session.execute(select(*key_columns).where(model.visit_id == visit_id)).all())
    last = session.scalar(select(func.max(model.position)).where(model.visit_id == visit_id))
    position = 0 if last is None else last + 1
    added = 0
    for key, record in records:
        if key in held:
            continue
        held.add(key)
        record.position = position + added
        session.add(record)
        session.flush()
        log_change(session, model.__tablename__[:-1], record.id, action, {"key": list(key)})
        added += 1
    return added


def save_questions(store: Store, visit_id: str, questions: list[PreparedQuestion]) -> int:
    """Add the prepared questions the visit lacks (same rule and text); return how many."""
    with store.transaction() as session:
        _visit(session, visit_id)
        records = [((q.rule, q.text), Question(visit_id=visit_id, text=q.text,
                                               evidence=q.evidence, source=q.rule))
                   for q in questions]
        return _add_missing(session, visit_id, Question, (Question.source, Question.text),
                            records, "prepared")


def save_proposed_targets(store: Store, visit_id: str, proposals: list[ProposedTarget]) -> int:
    """Add proposals (not agreed) for measures and groups the visit has no target for yet."""
    with store.transaction() as session:
        visit = _visit(session, visit_id)
        records = [((p.measure_title, p.group_title), Target(
            visit_id=visit_id, school_id=visit.school_id, for_year=p.for_year,
            measure=p.measure_title, pupil_group=p.group_title, baseline=p.baseline,
            target=p.target, unit=p.unit, reasoning=p.reasoning, agreed=False))
            for p in proposals]
        return _add_missing(session, visit_id, Target, (Target.measure, Target.pupil_group),
                            records, "proposed")


def record_all_target_outcomes(store: Store, rules: DataRules | None = None
                               ) -> list[TargetResult]:
    """Judge every school's agreed targets against whatever data is now imported."""
    with store.session() as session:
        schools = session.scalars(select(Target.school_id).where(Target.agreed.is_(True))
                                  .distinct()).all()
    return [r for school_id in schools for r in record_target_outcomes(store, school_id, rules)]


def record_target_outcomes(store: Store, school_id: str,
                           rules: DataRules | None = None) -> list[TargetResult]:
    """Fill in the result of each agreed target whose year's data is now imported.

    A target is matched to its data by measure and group titles; one the adviser renamed is
    their own wording and is left without a result rather than guessed at.
    """
    rules = rules or default_rules()
    groups = {g.title: g.key for g in rules.catalogue.groups}
    results = []
    with store.transaction() as session:
        school = session.get(School, school_id)
        if school is None:
            raise NotFoundError("That school is no longer in this store.")
        targets = session.scalars(select(Target).where(
            Target.school_id == school_id, Target.agreed.is_(True))).all()
        for target in targets:
            measure = rules.measure_titled(target.measure)
            group = groups.get(target.pupil_group)
            if measure is None or group is None or target.target is None:
                continue
            outcome = value_for(store, school.urn, target.for_year, measure.key, group)
            if outcome is None:
                continue
            if target.outcome != outcome:
                target.outcome = outcome
                log_change(session, "target", target.id, "outcome", {"outcome": outcome})
            results.append(judge(target.id, measure, target.pupil_group, target.target, outcome,
                                 rules.targets.met_within, target.for_year))
    return results
