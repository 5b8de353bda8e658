"""Reading the store into the plain facts the authority's services work on.

Attainment trends and disadvantaged gaps (from imported performance tables) arrive through
``extra``, by URN; headteacher start dates come from the school facts advisers keep (``extra``
may still give them). What nobody supplies stays unknown.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from linkadviser.authority.grades import phase_name
from linkadviser.authority.risk import SchoolFacts
from linkadviser.school.facts import headteacher_start_dates
from linkadviser.school.register import school_kind
from linkadviser.store.models import ActionPoint, Adviser, CaseloadAssignment, School


def county_schools(session: Session, authority: str | None = None) -> list[School]:
    """The county's open schools: those of ``authority`` if given, else every open school in
    the store (a closed school keeps its history but is no longer counted)."""
    query = select(School).where(School.status != "closed").order_by(School.name)
    if authority:
        query = query.where(School.local_authority == authority)
    return list(session.scalars(query))


def advisers_by_school(session: Session, academic_year: int) -> dict[str, str]:
    rows = session.execute(
        select(CaseloadAssignment.school_id, Adviser.name)
        .join(Adviser, Adviser.id == CaseloadAssignment.adviser_id)
        .where(CaseloadAssignment.academic_year == academic_year)
    )
    return dict(rows.all())


def overdue_action_points(session: Session, today: date) -> dict[str, int]:
    rows = session.execute(
        select(ActionPoint.school_id, func.count())
        .where(ActionPoint.status == "open", ActionPoint.due_date < today)
        .group_by(ActionPoint.school_id)
    )
    return dict(rows.all())


def school_facts(
    session: Session, today: date, academic_year: int, authority: str | None = None,
    extra: Mapping[int, Mapping[str, Any]] | None = None,
) -> list[SchoolFacts]:
    advisers = advisers_by_school(session, academic_year)
    overdue = overdue_action_points(session, today)
    schools = county_schools(session, authority)
    started = headteacher_start_dates(session)
    extra = extra or {}
    return [
        SchoolFacts(
            urn=school.urn, name=school.name, phase=phase_name(school.phase),
            ofsted_grade=school.ofsted_grade, ofsted_date=school.ofsted_date,
            overdue_action_points=overdue.get(school.id, 0),
            adviser=advisers.get(school.id, ""), kind=school_kind(school),
            **{"headteacher_since": started.get(school.id), **extra.get(school.urn, {})},
        )
        for school in schools
    ]
