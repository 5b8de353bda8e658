"""The county's "% good or better" over time, against the authority's goal.

Points come from grade snapshots: the centre records the county's picture each time it reports,
and the comparators (England, the region) as their published figures are recorded or imported.
The goal is read from ``resources/risk/goal.yaml``, so the authority sets its own date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from linkadviser.authority.grades import GradeCounts
from linkadviser.authority.rules import Goal
from linkadviser.store.models_authority import GradeSnapshot

COUNTS = ("outstanding", "good", "requires_improvement", "inadequate", "not_inspected")


@dataclass(frozen=True)
class Point:
    taken_on: date
    area: str
    is_county: bool
    percent_good_or_better: float | None


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    county: float | None
    comparator: float | None
    met: bool | None  # None: not enough figures to say
    text: str


def record(session: Session, taken_on: date, area: str, by_phase: dict[str, GradeCounts],
           is_county: bool, source: str) -> None:
    """Keep the picture of ``area`` on ``taken_on``, replacing one recorded the same day."""
    session.execute(delete(GradeSnapshot).where(
        GradeSnapshot.taken_on == taken_on, GradeSnapshot.area == area,
        GradeSnapshot.phase.in_(list(by_phase))))
    for phase, counts in by_phase.items():
        session.add(GradeSnapshot(
            taken_on=taken_on, area=area, phase=phase, is_county=is_county, source=source,
            as_percentages=counts.published_percent,
            **{name: getattr(counts, name) for name in COUNTS}))


def _counts(row: GradeSnapshot) -> GradeCounts:
    return GradeCounts(**{name: getattr(row, name) for name in COUNTS},
                       published_percent=bool(row.as_percentages))


def latest_comparators(session: Session, on_or_before: date) -> dict[str, dict[str, GradeCounts]]:
    """Each comparator area's latest recorded counts per phase."""
    result: dict[str, dict[str, GradeCounts]] = {}
    rows = session.scalars(select(GradeSnapshot).where(
        GradeSnapshot.is_county.is_(False), GradeSnapshot.taken_on <= on_or_before)
        .order_by(GradeSnapshot.taken_on))
    for row in rows:
        result.setdefault(row.area, {})[row.phase] = _counts(row)
    return dict(sorted(result.items(), key=lambda kv: kv[0] != "England"))


def points(session: Session, phase: str) -> list[Point]:
    rows = session.scalars(select(GradeSnapshot).where(GradeSnapshot.phase == phase)
                           .order_by(GradeSnapshot.taken_on, GradeSnapshot.area))
    return [Point(r.taken_on, r.area, r.is_county, _counts(r).percent_good_or_better)
            for r in rows]


def goal_status(goal: Goal, trajectory: list[Point], today: date) -> GoalStatus:
    county = next((p.percent_good_or_better for p in reversed(trajectory) if p.is_county), None)
    comparator = next((p.percent_good_or_better for p in reversed(trajectory)
                       if p.area == goal.compare_with), None)
    if county is None or comparator is None:
        missing = "the county" if county is None else goal.compare_with
        return GoalStatus(goal, county, comparator, None,
                          f"Not yet measurable: no figures for {missing}.")
    gap = county - comparator
    met = gap >= -goal.margin
    when = "by" if today <= goal.by else "the goal date was"
    verdict = "in line with or above" if met else f"{-gap:.1f} points below"
    return GoalStatus(goal, county, comparator, met,
                      f"{county:.0f}% good or better, {verdict} {goal.compare_with} "
                      f"({comparator:.0f}%); goal {when} {goal.by:%d %B %Y}.")
