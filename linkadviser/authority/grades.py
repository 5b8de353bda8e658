"""Ofsted grades counted by phase, as the authority's management information sheet shows them.

Percentages are of schools with a grade: a school not yet inspected (new, or a new academy
with no inspection of its own) is counted apart rather than dragging the shares down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

GRADE_NAMES = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}
ALL_PHASES = "All schools"
# The management information sheet lists secondary first; other phases follow by name.
PHASE_ORDER = ("Secondary", "Primary")


def phase_name(raw: str) -> str:
    """One spelling per phase, whatever the source wrote ("primary", "PRIMARY", "Primary")."""
    text = (raw or "").strip()
    return text[:1].upper() + text[1:].lower() if text else "Unknown"


@dataclass(frozen=True)
class GradeCounts:
    outstanding: int = 0
    good: int = 0
    requires_improvement: int = 0
    inadequate: int = 0
    not_inspected: int = 0
    # The four figures are percentages as published (entered by hand): each is shown exactly as
    # given, never worked out again from rounded figures (a published 66% stays 66%).
    published_percent: bool = False

    @classmethod
    def of(cls, grades: Iterable[int | None]) -> GradeCounts:
        tally = {1: 0, 2: 0, 3: 0, 4: 0, None: 0}
        for grade in grades:
            tally[grade if grade in GRADE_NAMES else None] += 1
        return cls(tally[1], tally[2], tally[3], tally[4], tally[None])

    @property
    def graded(self) -> int:
        return self.outstanding + self.good + self.requires_improvement + self.inadequate

    @property
    def good_or_better(self) -> int:
        return self.outstanding + self.good

    @property
    def less_than_good(self) -> int:
        return self.requires_improvement + self.inadequate

    def percent(self, count: int) -> float | None:
        """Share of graded schools, or None when no school has a grade (not 0%)."""
        if self.published_percent:
            return float(count)
        return 100.0 * count / self.graded if self.graded else None

    @property
    def percent_good_or_better(self) -> float | None:
        return self.percent(self.good_or_better)


@dataclass(frozen=True)
class AreaRow:
    """One line of the table: an area (the county, the region, England) for one phase."""

    area: str
    counts: GradeCounts
    is_county: bool = False


@dataclass(frozen=True)
class PhasePicture:
    phase: str
    rows: list[AreaRow] = field(default_factory=list)

    def county(self) -> AreaRow | None:
        return next((r for r in self.rows if r.is_county), None)


def phase_sort_key(phase: str) -> tuple[int, str]:
    if phase == ALL_PHASES:
        return (len(PHASE_ORDER) + 1, phase)
    if phase in PHASE_ORDER:
        return (PHASE_ORDER.index(phase), phase)
    return (len(PHASE_ORDER), phase)


def count_by_phase(schools: Iterable[tuple[str, int | None]]) -> dict[str, GradeCounts]:
    """(phase, grade) pairs to counts per phase, plus the all-schools total."""
    grades: dict[str, list[int | None]] = {}
    for phase, grade in schools:
        grades.setdefault(phase_name(phase), []).append(grade)
        grades.setdefault(ALL_PHASES, []).append(grade)
    return {phase: GradeCounts.of(values) for phase, values in grades.items()}


KIND_ORDER = ("LA maintained", "Academy", "Free school")


def kind_picture(schools: Iterable[tuple[str, str, int | None]]) -> list[PhasePicture]:
    """(phase, kind, grade) to a row per kind of school within each phase, and all schools,
    as an authority's management information sheet splits them."""
    grades: dict[str, dict[str, list[int | None]]] = {}
    for phase, kind, grade in schools:
        for p in (phase_name(phase), ALL_PHASES):
            grades.setdefault(p, {}).setdefault(kind or "Not known", []).append(grade)
    order = {kind: i for i, kind in enumerate(KIND_ORDER)}
    return [PhasePicture(p, [AreaRow(kind, GradeCounts.of(grades[p][kind]), is_county=True)
                             for kind in sorted(grades[p], key=lambda k: (order.get(k, 9), k))])
            for p in sorted(grades, key=phase_sort_key)]


def picture(
    county_name: str,
    county: dict[str, GradeCounts],
    comparators: dict[str, dict[str, GradeCounts]],
) -> list[PhasePicture]:
    """The county's counts per phase with each comparator area (England first) above it."""
    result = []
    for phase in sorted(county, key=phase_sort_key):
        rows = [
            AreaRow(area, by_phase[phase])
            for area, by_phase in comparators.items()
            if phase in by_phase
        ]
        rows.append(AreaRow(county_name, county[phase], is_county=True))
        result.append(PhasePicture(phase, rows))
    return result
