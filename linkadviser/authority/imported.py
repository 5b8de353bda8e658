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

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from linkadviser.authority.grades import ALL_PHASES, GRADE_NAMES, GradeCounts, phase_name
from linkadviser.data.queries import chosen_figures
from linkadviser.store.db import Store

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


def _counts(values: np.ndarray) -> GradeCounts:
    """The grades counted as ``GradeCounts.of`` counts them: 1-4 by grade, anything else (the
    figure withheld, not a grade) as not inspected."""
    graded = [int(np.count_nonzero(values == grade)) for grade in GRADE_NAMES]
    return GradeCounts(*graded, len(values) - sum(graded))


def _by_phase(phases: np.ndarray, values: np.ndarray) -> dict[str, GradeCounts]:
    """Counts per phase the file names, in the order the file first names them (schools with
    no phase count in all schools only; so do those of a phase spelled "All schools")."""
    codes, named = pd.factorize(phases)
    spellings: dict[str, list[int]] = {}
    for code, phase in enumerate(named):
        if phase:
            spellings.setdefault(phase_name(phase), []).append(code)
    found = {ALL_PHASES: _counts(values)}
    for phase, group in spellings.items():
        found.setdefault(phase, _counts(values[np.isin(codes, group)]))
    return found


def _county_region(regions: np.ndarray, in_county: np.ndarray) -> str:
    """The region most of the county's schools are in, by the file ('' if it names none); of
    regions holding as many, the one the file names first."""
    named = regions[in_county & (regions != "")]
    if not len(named):
        return ""
    codes, found = pd.factorize(named)
    return str(found[int(np.argmax(np.bincount(codes)))])


def _picture(year: int, rows: pd.DataFrame, county_urns: set[int]) -> ImportedPicture:
    values = rows["value"].to_numpy(dtype=float)
    phases, regions = rows["phase"].to_numpy(dtype=object), rows["region"].to_numpy(dtype=object)
    in_county = np.isin(rows["urn"].to_numpy(dtype=np.int64, na_value=-1),
                        np.fromiter(county_urns, dtype=np.int64, count=len(county_urns)))
    areas = {ENGLAND: _by_phase(phases, values)}
    region = _county_region(regions, in_county)
    if region:
        mine = regions == region
        areas[region] = _by_phase(phases[mine], values[mine])
    return ImportedPicture(date(int(year) + 1, 8, 31), areas[ENGLAND][ALL_PHASES],
                           _counts(values[in_county]), areas)


def imported_pictures(store: Store, county_urns: set[int]) -> list[ImportedPicture]:
    """One picture per imported Ofsted file, oldest first.

    Only each school's grade, phase and region are read (``chosen_figures``), and counted
    with numpy: a centre holding four years of the national file (88,000 schools) waited
    seconds when every figure of every school was unpacked into Python.
    """
    figures = chosen_figures(store, [(OFSTED_MEASURE, "all")], OFSTED_KIND)
    return [_picture(int(year), rows, county_urns)
            for year, rows in figures.groupby("academic_year")]


def england_comparator(pictures: list[ImportedPicture]) -> dict[str, dict[str, GradeCounts]]:
    """England's (and the county's region's) latest imported picture, by phase."""
    return dict(pictures[-1].areas) if pictures else {}
