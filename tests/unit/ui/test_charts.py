from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCharts import QBarSeries, QLineSeries
from PySide6.QtGui import QColor

from linkadviser.data.chart_data import ChartData, GroupGap, MeasureSeries, chart_data
from linkadviser.data.importer import import_file
from linkadviser.ui import style
from linkadviser.ui.charts import SchoolCharts
from linkadviser.ui.county_view import TrajectoryChart
from tests.unit.data.conftest import CASELOAD_URN, fixture

YEARS = ["2022/23", "2023/24", "2024/25"]


def data() -> ChartData:
    return ChartData(1, measures=[
        MeasureSeries("ks4_att8", "Attainment 8", "score", YEARS, [44.0, None, 41.0],
                      [46.0, 46.5, 47.0], [46.0, 46.5, 47.0]),
        MeasureSeries("overall_absence", "overall absence", "%", YEARS, [7.0, 6.5, 6.0],
                      [6.5, 6.5, 6.5], [6.5, 6.5, 6.5], higher_is_better=False),
    ], gaps=[GroupGap("ks4_att8", "Attainment 8", "Disadvantaged pupils",
                      "Other pupils (not disadvantaged)", "2024/25", 30.0, 50.0)])


def test_trend_shows_school_la_and_england_with_suppressed_years_left_out(qtbot):
    widget = SchoolCharts(data())
    qtbot.addWidget(widget)
    lines = [s for s in widget.trend.chart().series() if isinstance(s, QLineSeries)]
    assert [s.name() for s in lines] == ["School", "Authority", "England"]
    assert [p.y() for p in lines[0].points()] == [44.0, 41.0]  # None is a gap, not a zero
    assert widget.picker.count() == 2


def test_gaps_follow_the_picked_measure(qtbot):
    widget = SchoolCharts(data())
    qtbot.addWidget(widget)
    widget.show()
    assert widget.gaps.isVisible()
    (bars,) = [s for s in widget.gaps.chart().series() if isinstance(s, QBarSeries)]
    assert [bars.barSets()[0].at(0), bars.barSets()[1].at(0)] == [30.0, 50.0]
    widget.show_measure("overall_absence")
    assert "lower is better" in widget.trend.chart().title()
    assert not widget.gaps.isVisible()


def test_no_data_says_what_to_do(qtbot):
    widget = SchoolCharts()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.empty.isVisible() and "import" in widget.empty.text()
    assert not widget.trend.isVisible()


def test_export_png_from_imported_data(qtbot, store, tmp_path):
    for year in ("2022-2023", "2023-2024", "2024-2025"):
        import_file(store, fixture("england_ks2final.csv", year))
    widget = SchoolCharts(chart_data(store, CASELOAD_URN))
    qtbot.addWidget(widget)
    widget.resize(800, 640)
    assert widget.picker.itemData(0) == "ks2_rwm_expected"
    path = widget.export_png(tmp_path / "charts.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size > 5000


def _check_drawn_in(chart, scheme) -> None:
    assert chart.backgroundBrush().color() == QColor(scheme.card)
    assert chart.titleBrush().color() == QColor(scheme.heading)
    assert chart.legend().labelColor() == QColor(scheme.text)
    for axis in chart.axes():
        assert axis.labelsBrush().color() == QColor(scheme.text)
        assert axis.gridLineColor() == QColor(scheme.grid)
    allowed = {getattr(scheme, role) for role in style.CHART_ROLES}
    for series in chart.series():
        colours = [series.pen().color()] if isinstance(series, QLineSeries) else \
            [bar.color() for bar in series.barSets()]
        assert {c.name() for c in colours} <= allowed, (series.name(), colours)


@pytest.mark.parametrize("scheme", [style.LIGHT, style.DARK], ids=["light", "dark"])
def test_school_charts_take_every_colour_from_the_palette(qtbot, monkeypatch, scheme):
    monkeypatch.setattr(style, "_current", scheme)
    widget = SchoolCharts(data())
    qtbot.addWidget(widget)
    widget.resize(800, 640)
    widget.show()
    for view in (widget.trend, widget.gaps):
        _check_drawn_in(view.chart(), scheme)
        corner = view.grab().toImage().pixelColor(3, 3)  # no light card around a dark page
        assert corner == QColor(scheme.card), (corner.name(), scheme.card)


@pytest.mark.parametrize("scheme", [style.LIGHT, style.DARK], ids=["light", "dark"])
def test_the_county_trajectory_takes_every_colour_from_the_palette(qtbot, monkeypatch, scheme):
    monkeypatch.setattr(style, "_current", scheme)
    goal = SimpleNamespace(goal=SimpleNamespace(phase="all", by=date(2028, 8, 31)))
    points = [SimpleNamespace(area=area, taken_on=date(2026, month, 1),
                              percent_good_or_better=value)
              for area, value in (("North", 80.0), ("South", 70.0), ("East", 75.0),
                                  ("West", 65.0), ("Coast", 60.0))
              for month in (1, 6)]
    view = TrajectoryChart()
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.show_report(SimpleNamespace(goal=goal, trajectory=points))
    view.show()
    _check_drawn_in(view.chart(), scheme)
    assert view.grab().toImage().pixelColor(3, 3) == QColor(scheme.card)
