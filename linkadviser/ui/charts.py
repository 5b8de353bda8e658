"""The school's data as charts: against the authority and England over three years, and the
gaps between pupil groups. Takes plain ``ChartData``; the school view embeds it.

Qt Charts draws in a theme of its own (a light card whatever the palette), so every chart is
painted from ``ui.style`` instead: card, title, axes, grid and legend, and each line or bar by
the colour role it is tagged with (``ChartView``, again when the system switches light/dark).
"""

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
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from linkadviser.data.chart_data import ChartData, GroupGap, MeasureSeries
from linkadviser.ui.style import qcolour

ROLES = {"school": "series_1", "la": "series_2", "england": "muted"}  # ``style.CHART_ROLES``
ROLE = "colour_role"  # the property a line or bar set keeps its colour role in
MOST_GAPS = 6


def tag(part: QObject, role: str) -> None:
    """Give a line series or bar set its colour role; ``paint_chart`` colours it."""
    part.setProperty(ROLE, role)


def paint_chart(chart: QChart) -> None:
    """Draw ``chart`` in the colours in use (``style.colours()``)."""
    text = qcolour("text")
    chart.setBackgroundBrush(QBrush(qcolour("card")))
    chart.setBackgroundPen(QPen(qcolour("border")))
    chart.setTitleBrush(QBrush(qcolour("heading")))
    chart.legend().setLabelColor(text)
    for axis in chart.axes():
        axis.setLabelsBrush(QBrush(text))
        axis.setTitleBrush(QBrush(text))
        axis.setGridLineColor(qcolour("grid"))
        axis.setLinePenColor(qcolour("border"))
    for series in chart.series():
        if isinstance(series, QBarSeries):
            for bars in series.barSets():
                bars.setColor(qcolour(bars.property(ROLE) or "series_1"))
                bars.setBorderColor(qcolour("card"))
        elif isinstance(series, QLineSeries):
            pen = series.pen()
            pen.setColor(qcolour(series.property(ROLE) or "series_1"))
            series.setPen(pen)


class ChartView(QChartView):
    """A chart view painted from the app's colours, and painted again when they change."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)

    def show_chart(self, chart: QChart) -> None:
        self.setChart(chart)
        self._paint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.PaletteChange):
            self._paint()

    def _paint(self) -> None:
        self.setBackgroundBrush(QBrush(qcolour("card")))
        paint_chart(self.chart())


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
        pen = QPen(qcolour(ROLES[name]), 3 if name == "school" else 2)
        if name != "school":
            pen.setStyle(Qt.PenStyle.DashLine)
        line.setPen(pen)
        tag(line, ROLES[name])
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
    tag(school, ROLES["school"])
    tag(other, ROLES["england"])
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
        self.trend = ChartView()
        self.gaps = ChartView()
        self.empty = QLabel("No data imported for this school yet: import the performance "
                            "tables (linkadviser import FILE) to see its charts.")
        self.empty.setWordWrap(True)
        for view in (self.trend, self.gaps):
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
        self.trend.show_chart(trend_chart(series))
        gaps = [g for g in self._data.gaps if g.measure == series.key]
        self.gaps.setVisible(bool(gaps))
        if gaps:
            self.gaps.show_chart(gaps_chart(gaps, series.title))

    def show_measure(self, key: str) -> None:
        index = self.picker.findData(key)
        if index >= 0:
            self.picker.setCurrentIndex(index)

    def export_png(self, path: Path) -> Path:
        """Save what is shown (both charts) as a PNG, e.g. for the preparation sheet."""
        if not self.grab().save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        return path
