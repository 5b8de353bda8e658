"""The school view: what an adviser reads the evening before a visit.

The school's facts, this year's four visits and where each stands, its visit history, the last
record's recommendations, every action point with its status, and the targets agreed last
autumn with their outcomes where known; one button starts or continues the next visit. All of
it comes from ``Caseload.overview`` as plain data.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkadviser.caseload import ScheduledVisit, SchoolOverview, VisitHistoryItem
from linkadviser.errors import LinkAdviserError
from linkadviser.services import Services
from linkadviser.ui.widgets.fields import format_number, with_unit
from linkadviser.ui.workspace.parts import card, label
from linkadviser.ui.workspace.style import stylesheet

FLAG = QColor("#b3261e")
RECENT_YEARS = 2  # past years shown in full; earlier ones behind a button
RECENT_DONE = 3  # closed action points shown after the open ones

STATUS_TEXT = {"done": "Done", "due": "Due this term", "overdue": "Overdue",
               "upcoming": "Later this year"}


def next_visit(schedule: list[ScheduledVisit]) -> ScheduledVisit | None:
    """The visit to work on next: an overdue one first, then this term's, then the next."""
    for status in ("overdue", "due", "upcoming"):
        for visit in schedule:
            if visit.status == status:
                return visit
    return None


class FittedTable(QTableWidget):
    """A read-only table as tall as its rows (up to ``MAX_ROWS`` rows, then it scrolls), with
    the first column taking the width left and wrapping, so the page never scrolls sideways.

    A table draws a county school's dozens of action points in a few milliseconds where a
    label per cell, or one rich-text label, took over 100 ms.
    """

    MAX_ROWS = 12

    def __init__(self, headers: tuple[str, ...], rows: list[tuple[str, ...]],
                 flagged: set[int] | None = None) -> None:
        super().__init__(len(rows), len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setShowGrid(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        for column in range(1, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for r, row in enumerate(rows):
            for column, text in enumerate(row):
                item = QTableWidgetItem(text)
                if flagged and r in flagged and column == len(row) - 1:
                    item.setForeground(FLAG)
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(r, column, item)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self.resizeRowsToContents()
        rows = min(self.rowCount(), self.MAX_ROWS)
        height = sum(self.rowHeight(r) for r in range(rows))
        self.setFixedHeight(height + self.horizontalHeader().height() + 2 * self.frameWidth())


class SchoolView(QScrollArea):
    open_visit = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("school_view")
        self.services = services
        self.school_id: str | None = None
        self.overview: SchoolOverview | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet(stylesheet(False))
        self.next_button = QPushButton()
        self.message = label("", "banner")

    def show_school(self, school_id: str) -> None:
        """Show (or refresh) the school; the page is rebuilt from a fresh overview."""
        self.school_id = school_id
        try:
            self.overview = self.services.caseload.overview(school_id)
        except LinkAdviserError as exc:
            self.message.setText(str(exc))
            self.setWidget(self.message)
            return
        body = QWidget()
        body.setObjectName("page")
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 16, 24, 24)
        column.setSpacing(12)
        column.addLayout(self._header(self.overview))
        self.message = label("", "banner")
        self.message.hide()
        column.addWidget(self.message)
        sides = QHBoxLayout()
        sides.setSpacing(16)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._facts(self.overview))
        left.addWidget(self._schedule(self.overview))
        left.addWidget(self._history(self.overview))
        right.addWidget(self._last_record(self.overview))
        right.addWidget(self._actions(self.overview))
        right.addWidget(self._targets(self.overview))
        for side in (left, right):
            side.addStretch(1)
        sides.addLayout(left, 2)
        sides.addLayout(right, 3)
        column.addLayout(sides)
        column.addStretch(1)
        old = self.takeWidget()
        if old is not None:
            old.deleteLater()
        self.setWidget(body)

    # -- parts ------------------------------------------------------------------------------
    def _header(self, o: SchoolOverview) -> QHBoxLayout:
        row = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(label(o.row.name, "school"))
        kind = "LA maintained" if o.row.la_maintained else "Not LA maintained"
        titles.addWidget(label(" · ".join(p for p in (
            f"URN {o.row.urn}", o.row.phase.capitalize(), o.school_type, kind,
            o.local_authority) if p), "subtitle"))
        row.addLayout(titles, 1)
        upcoming = next_visit(o.schedule)
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self._open_next)
        if upcoming is None:
            self.next_button.setText("All this year's visits are signed")
            self.next_button.setEnabled(False)
        else:
            verb = "Continue" if upcoming.visit_id else "Prepare"
            self.next_button.setText(f"{verb} visit {upcoming.number} "
                                     f"({STATUS_TEXT[upcoming.status].lower()})")
            self.next_button.setToolTip(f"Visit {upcoming.number}: {upcoming.title}")
            self.next_button.setEnabled(True)
        row.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _card(self, title: str) -> tuple[QFrame, QVBoxLayout]:
        frame, layout = card()
        layout.addWidget(label(title, "title_small"))
        return frame, layout

    def _facts(self, o: SchoolOverview) -> QFrame:
        frame, layout = self._card("The school")
        ofsted = o.row.ofsted_label or "Not known"
        if o.ofsted_date:
            ofsted += f" ({o.ofsted_date:%B %Y})"
        facts = [
            ("Headteacher", o.headteacher or "–"),
            ("Chair of governors", o.chair_of_governors or "–"),
            ("Ofsted", ofsted),
            ("Pupils on roll", str(o.pupils_on_roll) if o.pupils_on_roll else "–"),
            ("Free school meals", f"{format_number(o.percent_fsm)}%" if o.percent_fsm
             is not None else "–"),
            ("Deprivation decile", str(o.deprivation_decile) if o.deprivation_decile else "–"),
            ("Full service cost", f"£{o.cost_of_service:,.0f}"),
        ]
        grid = QGridLayout()
        for r, (name, value) in enumerate(facts):
            grid.addWidget(label(name, "caption", wrap=False), r, 0)
            grid.addWidget(label(value), r, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        return frame

    def _schedule(self, o: SchoolOverview) -> QFrame:
        frame, layout = self._card("This year's visits")
        grid = QGridLayout()
        for r, visit in enumerate(o.schedule):
            grid.addWidget(label(f"{visit.number}. {visit.title}"), r, 0)
            words = [visit.term.capitalize(), visit.state]
            if visit.status != "done":
                words.insert(1, STATUS_TEXT[visit.status])
            status = label(" · ".join(words), "flag" if visit.status == "overdue" else "muted")
            grid.addWidget(status, r, 1)
            button = QPushButton("Open" if visit.visit_id else "Prepare")
            button.setObjectName(f"visit:{visit.number}")
            button.clicked.connect(lambda _=False, v=visit: self._open(v))
            grid.addWidget(button, r, 2)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        return frame

    def _history(self, o: SchoolOverview) -> QFrame:
        """Past years' visits, the last two years in full and earlier ones on request (a
        county school can have ten years of them, and drawing them all made this page slow)."""
        frame, layout = self._card("Visit history")
        this_year = {v.visit_id for v in o.schedule if v.visit_id}
        past = [h for h in o.history if h.visit_id not in this_year]
        if not past:
            layout.addWidget(label("No visits from earlier years in this store.", "muted"))
        years = sorted({h.academic_year for h in past}, reverse=True)
        recent = [h for h in past if h.academic_year in years[:RECENT_YEARS]]
        earlier = [h for h in past if h.academic_year not in years[:RECENT_YEARS]]
        layout.addWidget(self._history_rows(recent))
        if earlier:
            more = QPushButton(f"Show {len(earlier)} visits from earlier years")
            more.setObjectName("history:more")
            more.clicked.connect(lambda: (layout.addWidget(self._history_rows(earlier)),
                                          more.hide()))
            layout.addWidget(more)
        return frame

    def _history_rows(self, items: list[VisitHistoryItem]) -> QWidget:
        holder = QWidget()
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        for r, item in enumerate(items):
            when = f"{item.visit_date:%d %b %Y}" if item.visit_date else item.year_label
            grid.addWidget(label(f"{item.year_label} · visit {item.number}: {item.title}"), r, 0)
            grid.addWidget(label(f"{item.state_label}, {when}", "muted"), r, 1)
            button = QPushButton("Open")
            button.setObjectName(f"history:{item.visit_id}")
            button.clicked.connect(lambda _=False, v=item.visit_id: self.open_visit.emit(v))
            grid.addWidget(button, r, 2)
        grid.setColumnStretch(0, 1)
        return holder

    def _last_record(self, o: SchoolOverview) -> QFrame:
        title = f"Recommendations: {o.last_record_title}" if o.last_record_title \
            else "Recommendations"
        frame, layout = self._card(title)
        if not o.recommendations:
            layout.addWidget(label("No signed record of visit yet.", "muted"))
        if o.recommendations:
            layout.addWidget(label("\n".join(f"• {text}" for text in o.recommendations)))
        return frame

    def _actions(self, o: SchoolOverview) -> QFrame:
        open_count = sum(1 for a in o.action_points if a.status == "open")
        frame, layout = self._card(f"Action points ({open_count} open)")
        if not o.action_points:
            layout.addWidget(label("No action points recorded.", "muted"))
            return frame
        still_open = sorted((a for a in o.action_points if a.status == "open"),
                            key=lambda a: (not a.overdue, a.due_date or date.max))
        closed = sorted((a for a in o.action_points if a.status != "open"),
                        key=lambda a: a.due_date or date.min, reverse=True)
        shown = still_open + closed[:RECENT_DONE]
        rows = [(a.text, a.owner or "–", f"{a.due_date:%d %b %Y}" if a.due_date else "–",
                 "Overdue" if a.overdue else a.status.capitalize()) for a in shown]
        flagged = {i for i, a in enumerate(shown) if a.overdue}
        layout.addWidget(FittedTable(("Action", "Owner", "Due", "Status"), rows, flagged))
        if len(closed) > RECENT_DONE:
            layout.addWidget(label(f"and {len(closed) - RECENT_DONE} earlier action points "
                                   "done or dropped", "muted"))
        return frame

    def _targets(self, o: SchoolOverview) -> QFrame:
        frame, layout = self._card("Targets agreed last autumn")
        if not o.targets:
            layout.addWidget(label("No agreed targets recorded yet.", "muted"))
            return frame
        rows = [(t.measure, t.pupil_group, with_unit(t.baseline, t.unit) or "–",
                 with_unit(t.target, t.unit) or "–", with_unit(t.outcome, t.unit) or "Not yet")
                for t in o.targets]
        missed = {i for i, t in enumerate(o.targets)
                  if t.outcome is not None and t.target is not None and t.outcome < t.target}
        layout.addWidget(FittedTable(("Measure", "Group", "Baseline", "Target", "Outcome"),
                                     rows, missed))
        return frame

    # -- opening visits ---------------------------------------------------------------------
    def _open_next(self) -> None:
        upcoming = next_visit(self.overview.schedule) if self.overview else None
        if upcoming is not None:
            self._open(upcoming)

    def _open(self, visit: ScheduledVisit) -> None:
        """Open this year's visit ``number``, creating it (as planned) the first time."""
        try:
            visit_id = visit.visit_id or self.services.workflow.ensure_visit(
                self.school_id or "", visit.number)
        except LinkAdviserError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.open_visit.emit(visit_id)

