"""The school's data as charts: against the authority and England over three years, and the
gaps between pupil groups. Takes plain ``ChartData``; the school view embeds it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from linkadviser.data.chart_data import ChartData, GroupGap, MeasureSeries

COLOURS = {"school": QColor("#1d70b8"), "la": QColor("#f47738"), "england": QColor("#505a5f")}
MOST_GAPS = 6


def _axis_range(values: list[float]) -> tuple[float, float]:
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, 0.5 if high - low < 5 else 1.0)
    return low - pad, high + pad


def trend_chart(series: MeasureSeries) -> QChart:
    chart = QChart()
    better = "higher is better" if series.higher_is_better else "lower is better"
    chart.setTitle(f"{series.title[:1].upper()}{series.title[1:]} ({better})")
    axis_x = QBarCategoryAxis()
    axis_x.append(series.years)
    axis_y = QValueAxis()
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    shown: list[float] = []
    for name, values in (("school", series.school), ("la", series.la),
                         ("england", series.england)):
        line = QLineSeries()
        line.setName({"school": "School", "la": "Authority", "england": "England"}[name])
        pen = QPen(COLOURS[name], 3 if name == "school" else 2)
        if name != "school":
            pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        line.setPointsVisible(True)
        for index, value in enumerate(values):
            if value is not None:  # a suppressed year is a gap, never a zero
                line.append(QPointF(index, value))
                shown.append(value)
        chart.addSeries(line)
        line.attachAxis(axis_x)
        line.attachAxis(axis_y)
    if shown:
        axis_y.setRange(*_axis_range(shown))
        axis_y.applyNiceNumbers()
    axis_y.setTitleText(series.unit)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def gaps_chart(gaps: list[GroupGap], title: str) -> QChart:
    chart = QChart()
    year = gaps[0].year if gaps else ""
    chart.setTitle(f"Pupil groups against their comparison group nationally, {year}")
    chart.setToolTip(f"{title[:1].upper()}{title[1:]}")
    school, other = QBarSet("The group in this school"), QBarSet("Comparison group nationally")
    school.setColor(COLOURS["school"])
    other.setColor(COLOURS["england"])
    labels = []
    for gap in gaps[:MOST_GAPS]:
        school.append(gap.school)
        other.append(gap.england_other)
        labels.append(gap.group_title)
    bars = QBarSeries()
    bars.append([school, other])
    chart.addSeries(bars)
    axis_x = QBarCategoryAxis()
    axis_x.append(labels)
    axis_y = QValueAxis()
    values = [g.school for g in gaps[:MOST_GAPS]] + [g.england_other for g in gaps[:MOST_GAPS]]
    if values:
        axis_y.setRange(min(0.0, *values), max(0.0, *values))
        axis_y.applyNiceNumbers()
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(axis_x)
    bars.attachAxis(axis_y)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


class SchoolCharts(QWidget):
    """A measure picker, its three-year trend chart, and its group gaps chart."""

    def __init__(self, data: ChartData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picker = QComboBox()
        self.picker.setAccessibleName("Measure to chart")
        self.trend = QChartView()
        self.gaps = QChartView()
        self.empty = QLabel("No data imported for this school yet: import the performance "
                            "tables (linkadviser import FILE) to see its charts.")
        self.empty.setWordWrap(True)
        for view in (self.trend, self.gaps):
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
        top = QHBoxLayout()
        top.addWidget(QLabel("Measure:"))
        top.addWidget(self.picker, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(self.trend, 1)
        layout.addWidget(self.gaps, 1)
        self.picker.currentIndexChanged.connect(self._show_measure)
        self._data = ChartData(0)
        self.set_data(data or ChartData(0))

    def set_data(self, data: ChartData) -> None:
        self._data = data
        self.picker.blockSignals(True)
        self.picker.clear()
        for series in data.measures:
            self.picker.addItem(series.title[:1].upper() + series.title[1:], series.key)
        self.picker.blockSignals(False)
        has_data = bool(data.measures or data.gaps)
        self.empty.setVisible(not has_data)
        self.trend.setVisible(bool(data.measures))
        self.picker.setEnabled(bool(data.measures))
        self._show_measure(0)

    def _show_measure(self, index: int) -> None:
        """The picked measure's trend, and its group gaps if the file has them."""
        if not 0 <= index < len(self._data.measures):
            self.gaps.setVisible(False)
            return
        series = self._data.measures[index]
        self.trend.setChart(trend_chart(series))
        gaps = [g for g in self._data.gaps if g.measure == series.key]
        self.gaps.setVisible(bool(gaps))
        if gaps:
            self.gaps.setChart(gaps_chart(gaps, series.title))

    def show_measure(self, key: str) -> None:
        index = self.picker.findData(key)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def export_png(self, path: Path) -> Path:
        """Save what is shown (both charts) as a PNG, e.g. for the preparation sheet."""
        if not self.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path
