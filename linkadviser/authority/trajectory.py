"""The county's "% good or better" over time, against the authority's goal.

Points come from grade snapshots: the centre records the county's picture each time it reports,
and the comparators (England, the region) as their published figures are recorded or imported.
The goal is read from ``resources/risk/goal.yaml``, so the authority sets its own date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from linkadviser.authority.grades import GradeCounts
from linkadviser.authority.rules import Goal
from linkadviser.errors import LinkAdviserError
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


class ComparatorError(LinkAdviserError):
    """A comparator's area, phase or source is not a plain name."""


# An area or phase is a plain name ("East of England", "All schools", "Secondary (11-16)"):
# it starts with a letter or digit, so it can never reach a report or CSV as a formula.
_NAME = re.compile(r"[^\W_][\w ,.'’()&/-]*")
_LONGEST = {"area": 80, "phase": 40, "source": 200}


def check_comparator_text(what: str, value: str) -> str:
    """``value`` trimmed, or ComparatorError saying what a comparator's ``what`` may be."""
    value = value.strip()
    longest = _LONGEST[what]
    plain = _NAME.fullmatch(value) if what != "source" else (
        value[:1].isalnum() and value.isprintable())
    if not plain or len(value) > longest:
        raise ComparatorError(
            f"--{what} {value[:40]!r}: give a plain name of up to {longest} characters "
            "beginning with a letter or digit (letters, digits, spaces and , . ' ( ) & / -"
            + (", or for the source any printable text" if what == "source" else "")
            + "); nothing was recorded")
    return value


def record_comparator(session: Session, taken_on: date, area: str, phase: str,
                      counts: GradeCounts, source: str) -> None:
    """Keep published figures for a comparator area, once its names are checked."""
    record(session, taken_on, check_comparator_text("area", area),
           {check_comparator_text("phase", phase): counts}, False,
           check_comparator_text("source", source))


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
