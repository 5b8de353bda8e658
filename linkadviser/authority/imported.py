"""England's and the region's Ofsted picture, and the county's over time, from imported MI files.

Ofsted's management information lists every state-funded school in England with its overall
effectiveness; ``linkadviser.data`` keeps each file's grades (measure ``ofsted_overall``), one
import per academic year. Each import is therefore a picture of England and of the county as
they stood then, which gives both the comparator and the trajectory without anyone typing
figures in. The current layout also names each school's phase and region, so England and the
county's own region (e.g. East of England) are compared phase by phase; the older layout has
no region, and England is then compared for all schools together.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from linkadviser.authority.grades import ALL_PHASES, GradeCounts, phase_name
from linkadviser.data.queries import long_figures
from linkadviser.store.db import Store
from linkadviser.store.models_data import DataImport, DataRow

OFSTED_KIND = "ofsted"
OFSTED_MEASURE = "ofsted_overall"
ENGLAND = "England"


@dataclass(frozen=True)
class ImportedPicture:
    as_at: date  # the end of the academic year the file's inspections run to
    england: GradeCounts
    county: GradeCounts
    # England and the county's region, each by phase (and all schools), where the file says
    areas: dict[str, dict[str, GradeCounts]] = field(default_factory=dict)


def _grade(value: float | None) -> int | None:
    return int(value) if value is not None and float(value).is_integer() else None


def _by_phase(rows: pd.DataFrame, grades: list[int | None]) -> dict[str, GradeCounts]:
    """Counts per phase the file names (schools with no phase count in all schools only)."""
    phases: dict[str, list[int | None]] = {ALL_PHASES: list(grades)}
    for phase, grade in zip(rows["phase"], grades, strict=True):
        if phase:
            phases.setdefault(phase_name(phase), []).append(grade)
    return {phase: GradeCounts.of(values) for phase, values in phases.items()}


def _county_region(rows: pd.DataFrame, county_urns: set[int]) -> str:
    """The region most of the county's schools are in, by the file ('' if it names none)."""
    regions = Counter(r for urn, r in zip(rows["urn"], rows["region"], strict=True)
                      if r and int(urn) in county_urns)
    return regions.most_common(1)[0][0] if regions else ""


def _picture(year: int, rows: pd.DataFrame, county_urns: set[int]) -> ImportedPicture:
    grades = [_grade(v) for v in rows["value"]]
    in_county = [int(urn) in county_urns for urn in rows["urn"]]
    areas = {ENGLAND: _by_phase(rows, grades)}
    region = _county_region(rows, county_urns)
    if region:
        mine = (rows["region"] == region).to_numpy()
        areas[region] = _by_phase(rows[mine], [g for g, m in zip(grades, mine, strict=True)
                                               if m])
    return ImportedPicture(
        date(int(year) + 1, 8, 31), areas[ENGLAND][ALL_PHASES],
        GradeCounts.of(g for g, here in zip(grades, in_county, strict=True) if here), areas)


def imported_pictures(store: Store, county_urns: set[int]) -> list[ImportedPicture]:
    """One picture per imported Ofsted file, oldest first."""
    figures = long_figures(store, DataImport.kind == OFSTED_KIND, DataRow.entity == "school")
    if figures.empty:
        return []
    figures = figures[(figures["measure"] == OFSTED_MEASURE)
                      & (figures["pupil_group"] == "all")]
    return [_picture(int(year), rows, county_urns)
            for year, rows in sorted(figures.groupby("academic_year"))]


def england_comparator(pictures: list[ImportedPicture]) -> dict[str, dict[str, GradeCounts]]:
    """England's (and the county's region's) latest imported picture, by phase."""
    return dict(pictures[-1].areas) if pictures else {}
