"""England's Ofsted picture, and the county's over time, from imported Ofsted MI files.

Ofsted's management information lists every state-funded school in England with its overall
effectiveness; ``linkadviser.data`` keeps each file's grades (measure ``ofsted_overall``), one
import per academic year. Each import is therefore a picture of England and of the county as
they stood then, which gives both the comparator and the trajectory without anyone typing
figures in. The files carry no phase or region for schools outside the store, so England is
compared for all schools together, and the region is not derived here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from linkadviser.authority.grades import ALL_PHASES, GradeCounts
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


def _grade(value: float | None) -> int | None:
    return int(value) if value is not None and float(value).is_integer() else None


def imported_pictures(store: Store, county_urns: set[int]) -> list[ImportedPicture]:
    """One picture per imported Ofsted file, oldest first."""
    figures = long_figures(store, DataImport.kind == OFSTED_KIND, DataRow.entity == "school")
    if figures.empty:
        return []
    figures = figures[(figures["measure"] == OFSTED_MEASURE)
                      & (figures["pupil_group"] == "all")]
    pictures = []
    for year, rows in sorted(figures.groupby("academic_year")):
        grades = [(int(urn), _grade(v)) for urn, v in zip(rows["urn"], rows["value"],
                                                          strict=True)]
        pictures.append(ImportedPicture(
            date(int(year) + 1, 8, 31), GradeCounts.of(g for _, g in grades),
            GradeCounts.of(g for urn, g in grades if urn in county_urns)))
    return pictures


def england_comparator(pictures: list[ImportedPicture]) -> dict[str, dict[str, GradeCounts]]:
    """England's latest imported picture, as a comparator for all schools."""
    return {ENGLAND: {ALL_PHASES: pictures[-1].england}} if pictures else {}
