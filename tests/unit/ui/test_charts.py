from __future__ import annotations

from PySide6.QtCharts import QBarSeries, QLineSeries

from linkadviser.data.chart_data import ChartData, GroupGap, MeasureSeries, chart_data
from linkadviser.data.importer import import_file
from linkadviser.ui.charts import SchoolCharts
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
