"""The county report: picture, trajectory, risk, delivery and costs gathered in one place.

Building the report is the one place that reads the store for the authority's view; the
command line, the CSV and PDF writers and the county view in the app only format its result.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from linkadviser.authority import imported, trajectory
from linkadviser.authority.costs import Costs, costs
from linkadviser.authority.delivery import Delivery, delivery
from linkadviser.authority.facts import county_schools, school_facts
from linkadviser.authority.grades import (
    ALL_PHASES,
    PhasePicture,
    count_by_phase,
    kind_picture,
    phase_name,
    picture,
)
from linkadviser.authority.performance import performance_facts
from linkadviser.authority.profile import authority_name, is_demo
from linkadviser.authority.risk import RiskResult, assess_all
from linkadviser.authority.rules import Flag, Goal, RiskRules, load_goal, load_rules
from linkadviser.calendar import term_of
from linkadviser.programme.model import Programme
from linkadviser.store.db import Store

COUNTY_SOURCE = "county report"


@dataclass(frozen=True)
class CountyReport:
    authority: str
    today: date
    academic_year: int
    picture: list[PhasePicture]
    trajectory: list[trajectory.Point]
    goal: trajectory.GoalStatus
    risk: list[RiskResult]
    flags: list[Flag]
    delivery: Delivery
    costs: Costs
    demo: bool = False  # the invented demo county: the PDF says so on every page
    # Within each phase, a row per kind of school (LA maintained, Academy, Free school).
    by_kind: list[PhasePicture] = field(default_factory=list)

    def flagged(self, key: str) -> list[RiskResult]:
        return [r for r in self.risk if key in r.flags]


def _imported_points(pictures: list[imported.ImportedPicture],
                     county: str) -> list[trajectory.Point]:
    points = []
    for p in pictures:
        points.append(trajectory.Point(p.as_at, imported.ENGLAND, False,
                                       p.england.percent_good_or_better))
        if p.county.graded:
            points.append(trajectory.Point(p.as_at, county, True,
                                           p.county.percent_good_or_better))
    return points


def build_report(
    store: Store, programme: Programme, today: date | None = None,
    rules: RiskRules | None = None, goal: Goal | None = None,
    authority: str | None = None, record_snapshot: bool = True,
) -> CountyReport:
    """Gather the county report; by default also keep today's picture for the trajectory."""
    today = today or date.today()
    rules = rules or load_rules()
    goal = goal or load_goal()
    year = term_of(today, programme.terms).academic_year
    name = authority or authority_name(store, programme.authority)
    with store.session() as session:
        schools = {s.urn: phase_name(s.phase) for s in county_schools(session, authority)}
    extra = performance_facts(store, schools, rules.headline_measures)
    pictures = imported.imported_pictures(store, set(schools))
    with store.transaction() as session:
        facts = school_facts(session, today, year, authority, extra)
        county = count_by_phase((f.phase, f.ofsted_grade) for f in facts)
        if record_snapshot and facts:
            trajectory.record(session, today, name, county, True, COUNTY_SOURCE)
        session.flush()
        comparators = trajectory.latest_comparators(session, today)
        for area, by_phase in imported.england_comparator(pictures).items():
            comparators[area] = {**by_phase, **comparators.get(area, {})}  # typed-in wins
        points = trajectory.points(session, goal.phase)
        if goal.phase == ALL_PHASES:
            points = sorted(points + _imported_points(pictures, name),
                            key=lambda p: (p.taken_on, p.area))
        result = CountyReport(
            authority=name, today=today, academic_year=year,
            picture=picture(name, county, comparators),
            trajectory=points,
            goal=trajectory.goal_status(goal, points, today),
            risk=assess_all(facts, rules, today), flags=rules.flags,
            delivery=delivery(session, programme, year, today),
            costs=costs(session, programme, year),
            demo=is_demo(store),
            by_kind=kind_picture((f.phase, f.kind, f.ofsted_grade) for f in facts),
        )
        if not record_snapshot:
            session.rollback()
    return result
