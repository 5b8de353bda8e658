"""Plain data for the school's charts: the school, authority and England over three years for
the key measures, and the gaps between pupil groups. No Qt: the widget only draws this."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from linkadviser.data.analysis import Fact, analyse, chart_series, group_gaps
from linkadviser.data.config import DataRules, default_rules
from linkadviser.data.queries import school_figures
from linkadviser.data.years import label
from linkadviser.store.db import Store


@dataclass(frozen=True)
class MeasureSeries:
    key: str
    title: str
    unit: str
    years: list[str]
    school: list[float | None]
    la: list[float | None]
    england: list[float | None]
    higher_is_better: bool = True


@dataclass(frozen=True)
class GroupGap:
    measure: str
    measure_title: str
    group_title: str
    compare_title: str
    year: str
    school: float
    england_other: float


@dataclass
class ChartData:
    urn: int
    measures: list[MeasureSeries] = field(default_factory=list)
    gaps: list[GroupGap] = field(default_factory=list)


def _clean(values: list[object]) -> list[float | None]:
    return [None if v is None or (isinstance(v, float) and math.isnan(v)) else float(v)
            for v in values]


def _gaps(facts: list[Fact]) -> list[GroupGap]:
    return [GroupGap(f["measure"], f["measure_title"], f["group_short"], f["compare_title"],
                     f["year_label"], f["school"], f["england_other"]) for f in group_gaps(facts)]


def chart_data(store: Store, urn: int, rules: DataRules | None = None) -> ChartData:
    """What the school view charts for ``urn`` (empty lists if nothing is imported)."""
    rules = rules or default_rules()
    figures = school_figures(store, urn)
    data = ChartData(urn)
    if figures.empty:
        return data
    for measure in (m for m in rules.catalogue.measures if m.chart):
        series = chart_series(figures, measure.key)
        if series["school"].notna().any():
            data.measures.append(MeasureSeries(
                measure.key, measure.title, measure.unit,
                [label(int(y)) for y in series["academic_year"]],
                _clean(list(series["school"])), _clean(list(series["la"])),
                _clean(list(series["england"])), measure.higher_is_better))
    data.gaps = _gaps(analyse(figures, rules))
    return data
