"""The county view: the authority's picture at a glance, for lead advisers and the senior team.

It shows a ``CountyReport`` (plain data from ``linkadviser.authority``) and computes nothing
itself: the tables are the same ``authority.tables`` the PDF and CSV files are made of, so the
screen and the printed report never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCharts import QChart, QDateTimeAxis, QLineSeries, QValueAxis
from PySide6.QtCore import QDateTime, QMargins, Qt, QTime
from PySide6.QtGui import QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkadviser.authority import tables
from linkadviser.authority.report import CountyReport
from linkadviser.ui.charts import ChartView, tag
from linkadviser.ui.style import SERIES, qcolour

ALL_RISK = "All schools"


def _msecs(day: date) -> int:
    return QDateTime(day, QTime(0, 0)).toMSecsSinceEpoch()


class TableView(QTableWidget):
    """A read-only table showing one ``authority.tables.Table``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        self._fitted = False
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def show_table(self, table: tables.Table,
                   highlight: Callable[[list[str]], bool] = lambda _row: False,
                   stretch: tuple[str, ...] = ()) -> None:
        """``stretch`` names the columns of long text that share the spare width and wrap."""
        self.clear()
        self.setColumnCount(len(table.headings))
        self.setRowCount(len(table.rows))
        self.setHorizontalHeaderLabels(table.headings)
        header = self.horizontalHeader()
        header.setStretchLastSection(not stretch)
        for column, heading in enumerate(table.headings):
            mode = QHeaderView.ResizeMode.Stretch if heading in stretch \
                else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if highlight(row):
                    item.setBackground(qcolour("highlight_row"))
                    item.setForeground(qcolour("text"))
                self.setItem(r, c, item)
        self.resizeRowsToContents()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        """Wrapped text needs new row heights once the stretched columns know their width."""
        super().resizeEvent(event)
        self.resizeRowsToContents()
        if self._fitted:
            self.fit_rows()

    def fit_rows(self) -> None:
        """Tall enough for every row, so a short table is never scrolled behind a chart.

        Kept so on every resize: rows that wrap are taller on a narrow window than a wide one.
        """
        self._fitted = True
        height = self.horizontalHeader().height() + 2 * self.frameWidth()
        height += sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setMinimumHeight(min(height + 4, 420))


class TrajectoryChart(ChartView):
    """% good or better over time, one line per area, the goal date as a dashed red line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(220)

    def show_report(self, report: CountyReport) -> None:
        chart = QChart()
        chart.setTitle(f"% good or better ({report.goal.goal.phase}) against the goal")
        chart.setMargins(QMargins(4, 4, 4, 4))
        x_axis, y_axis = QDateTimeAxis(), QValueAxis()
        x_axis.setFormat("MMM yyyy")
        y_axis.setRange(0, 100)
        y_axis.setLabelFormat("%d%%")
        chart.addAxis(x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(y_axis, Qt.AlignmentFlag.AlignLeft)
        lines: dict[str, QLineSeries] = {}
        days = [report.goal.goal.by]
        for point in report.trajectory:
            if point.percent_good_or_better is None:
                continue
            series = lines.get(point.area)
            if series is None:
                series = lines[point.area] = QLineSeries(name=point.area)
                series.setPen(QPen(Qt.GlobalColor.black, 2.5))  # coloured by ``show_chart``
                tag(series, SERIES[(len(lines) - 1) % len(SERIES)])
            series.append(_msecs(point.taken_on), point.percent_good_or_better)
            days.append(point.taken_on)
        goal = QLineSeries(name=f"Goal date ({report.goal.goal.by:%b %Y})")
        goal.setPen(QPen(Qt.GlobalColor.black, 1.5, Qt.PenStyle.DashLine))
        tag(goal, "flag")
        for value in (0, 100):
            goal.append(_msecs(report.goal.goal.by), value)
        for series in [*lines.values(), goal]:
            chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
        first, last = min(days), max(days)
        x_axis.setRange(QDateTime(date.fromordinal(first.toordinal() - 60), QTime(0, 0)),
                        QDateTime(date.fromordinal(last.toordinal() + 60), QTime(0, 0)))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.show_chart(chart)


class CountyView(QWidget):
    """Tabs for the picture (with the trajectory), risk, delivery and costs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: CountyReport | None = None
        self.title = QLabel("The county", objectName="pageTitle")
        self.summary = QLabel(objectName="summary", wordWrap=True)
        self.picture, self.chart = TableView(), TrajectoryChart()
        self.risk, self.delivery_advisers = TableView(), TableView()
        self.delivery_terms, self.costs = TableView(), TableView()
        self.by_kind = TableView()  # LA maintained, academies, free schools, per phase
        self.risk_filter = QComboBox()
        for table, name in ((self.picture, "Ofsted picture"), (self.risk, "Schools at risk"),
                            (self.delivery_advisers, "Delivery by adviser"),
                            (self.delivery_terms, "Delivery by term"), (self.costs, "Costs"),
                            (self.risk_filter, "Show schools at risk")):
            table.setAccessibleName(name)
        self.unknown = QLabel(objectName="summary", wordWrap=True)
        self.risk_filter.currentIndexChanged.connect(self._show_risk)

        picture_tab = QSplitter(Qt.Orientation.Vertical)
        picture_tab.addWidget(self.picture)
        picture_tab.addWidget(self.chart)
        self.tabs = QTabWidget()
        self.tabs.addTab(picture_tab, "Ofsted picture")
        self.tabs.addTab(self.by_kind, "By kind of school")
        self.tabs.addTab(self._stack(self.risk_filter, self.unknown, self.risk), "Risk")
        self.tabs.addTab(self._stack(self.delivery_advisers, self.delivery_terms), "Delivery")
        self.tabs.addTab(self.costs, "Costs")
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    @staticmethod
    def _stack(*widgets: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QTableWidget) else 0)
        return page

    def set_report(self, report: CountyReport) -> None:
        self.report = report
        self.title.setText(f"{report.authority}: the county")
        flagged = "; ".join(f"{f.label}: {len(report.flagged(f.key))}" for f in report.flags)
        self.summary.setText(f"As at {report.today:%d %B %Y}. {report.goal.text}\n{flagged}.")
        # The area's name is the one long text (an authority's full name): it wraps, so the
        # figures keep their width on a small screen.
        self.picture.show_table(tables.picture_table(report.picture),
                                lambda row: row[1] == report.authority, stretch=("Area",))
        self.picture.fit_rows()
        self.by_kind.show_table(tables.kind_table(report.by_kind))
        self.chart.show_report(report)
        self.risk_filter.blockSignals(True)
        self.risk_filter.clear()
        self.risk_filter.addItem(ALL_RISK, "")
        self.risk_filter.addItem("With a reason", "reasons")
        for flag in report.flags:
            self.risk_filter.addItem(flag.label, flag.key)
        self.risk_filter.blockSignals(False)
        missing = tables.unknown_everywhere(report.risk)
        self.unknown.setText("Not known for any school yet, so not used: " + ", ".join(missing)
                             + "." if missing else "")
        self._show_risk()
        self.delivery_advisers.show_table(tables.delivery_advisers_table(report.delivery))
        self.delivery_terms.show_table(tables.delivery_terms_table(report.delivery))
        self.costs.show_table(tables.costs_table(report.costs),
                              lambda row: row[1] == "Total")

    def _show_risk(self) -> None:
        if self.report is None:
            return
        key = self.risk_filter.currentData()
        results = self.report.risk
        if key == "reasons":
            results = [r for r in results if r.reasons]
        elif key:
            results = self.report.flagged(key)
        labels = {f.key: f.label for f in self.report.flags}
        self.risk.show_table(tables.risk_table(results, labels, unknown=False),
                             stretch=("Reasons", "Flags"))
