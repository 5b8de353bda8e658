"""The school view: what an adviser reads the evening before a visit.

The school's facts, this year's four visits and where each stands, its visit history, the last
record's recommendations, every action point with its status, and the targets agreed last
autumn with their outcomes where known; one button starts or continues the next visit. All of
it comes from ``Caseload.overview`` as plain data.

The page is built once and filled in for each school: rebuilding it per school spent most of
its time creating and styling widgets (over 100 ms on a county store), filling it in does not.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkadviser.caseload.overview import (
    ScheduledVisit,
    SchoolOverview,
    TargetView,
    VisitHistoryItem,
)
from linkadviser.data.judgements import report_card
from linkadviser.errors import LinkAdviserError
from linkadviser.extras import price_text
from linkadviser.school.register import SchoolRegister
from linkadviser.services import Services
from linkadviser.ui.ops import Op, changes
from linkadviser.ui.report_card import ReportCardPanel
from linkadviser.ui.school_facts import LeadershipCard
from linkadviser.ui.style import qcolour
from linkadviser.ui.widgets.elided import ElidedLabel
from linkadviser.ui.widgets.fields import format_number, with_unit
from linkadviser.ui.workspace.parts import card, label
from linkadviser.visit.workflow import STATE_LABELS
from linkadviser.words import count

RECENT_YEARS = 2  # past years shown in full; earlier ones behind a button
RECENT_DONE = 3  # closed action points shown after the open ones
# The headteacher and governors are on their own card (ui/school_facts.py), where they are kept.
FACTS = ("Ofsted", "Pupils on roll", "Free school meals", "Deprivation decile",
         "Full service cost")
# What GIAS says (``SchoolFacts.register``); a row with nothing to say (no trust, no
# address for a school entered by hand) is hidden. The trust and address elide with a
# tooltip; status and type wrap, since the other URN of a conversion is what they are for.
REGISTER = ("Status", "Type", "Trust", "Address")
ELIDED = ("Trust", "Address")

BOOKABLE = ("Not started", "Planned", "Prepared")  # schedule states a booking may change
STATUS_TEXT = {"done": "Done", "due": "Due this term", "overdue": "Overdue",
               "upcoming": "Later this year"}


def next_visit(schedule: list[ScheduledVisit]) -> ScheduledVisit | None:
    """The visit to work on next: an overdue one first, then this term's, then the next."""
    for status in ("overdue", "due", "upcoming"):
        for visit in schedule:
            if visit.status == status:
                return visit
    return None


def outcome_text(t: TargetView) -> str:
    """'71.3%: missed by 1.2 percentage points', '74%: met, beaten by 0.5 percentage points',
    or 'Not yet' before the results are in."""
    if t.outcome is None:
        return "Not yet"
    result = with_unit(t.outcome, t.unit)
    if not t.met:
        return f"{result}: {t.how}"
    # Met within the rules' allowance can still be a little short of the figure agreed.
    return f"{result}: met, {t.how.replace('missed by', 'short by')}"


class FittedTable(QTableWidget):
    """A read-only table as tall as its rows (up to ``MAX_ROWS`` rows, then it scrolls), with
    the first column taking the width left and wrapping, so the page never scrolls sideways.

    A table draws a county school's dozens of action points in a few milliseconds where a
    label per cell, or one rich-text label, took over 100 ms.
    """

    MAX_ROWS = 12

    def __init__(self, headers: tuple[str, ...], wide: tuple[int, ...] = (0,)) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setShowGrid(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        header.setMinimumSectionSize(60)
        # The ``wide`` columns share the width left and wrap; the others fit their contents.
        for column in range(len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column in wide
                                        else QHeaderView.ResizeMode.ResizeToContents)

    def set_rows(self, rows: list[tuple[str, ...]], flagged: set[int] | None = None) -> None:
        """Show ``rows``; the last cell of a ``flagged`` row (its status) is a warning."""
        self.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for column, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the whole text, wherever a narrow column cuts it
                if flagged and r in flagged and column == len(row) - 1:
                    item.setForeground(qcolour("flag"))
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(r, column, item)
        self._fit()
        self.setVisible(bool(rows))

    def _fit(self) -> None:
        self.resizeRowsToContents()
        rows = min(self.rowCount(), self.MAX_ROWS)
        height = sum(self.rowHeight(r) for r in range(rows))
        self.setFixedHeight(height + self.horizontalHeader().height() + 2 * self.frameWidth())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit()


class _HistoryRows(QWidget):
    """Past visits as rows with an Open button; rows are kept and reused between schools."""

    def __init__(self, open_visit: Signal) -> None:
        super().__init__()
        self._open_visit = open_visit
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(0, 1)
        self._rows: list[tuple[QLabel, QLabel, QPushButton]] = []

    def buttons(self) -> list[QPushButton]:
        return [button for _, _, button in self._rows]

    def set_items(self, items: list[VisitHistoryItem]) -> None:
        while len(self._rows) < len(items):
            r = len(self._rows)
            button = QPushButton("Open")
            button.clicked.connect(lambda _=False, b=button: self._open_visit.emit(
                b.property("visit_id")))
            row = (label(""), label("", "muted"), button)
            for column, widget in enumerate(row):
                self._grid.addWidget(widget, r, column)
            self._rows.append(row)
        for r, (title, state, button) in enumerate(self._rows):
            shown = r < len(items)
            for widget in (title, state, button):
                widget.setVisible(shown)
            if shown:
                item = items[r]
                when = f"{item.visit_date:%d %b %Y}" if item.visit_date else item.year_label
                title.setText(f"{item.year_label} · visit {item.number}: {item.title}")
                state.setText(f"{item.state_label}, {when}")
                button.setObjectName(f"history:{item.visit_id}")
                button.setProperty("visit_id", item.visit_id)
                button.setAccessibleName(f"Open visit {item.number} of {item.year_label}")


class SchoolView(QScrollArea):
    open_visit = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("school_view")
        self.services = services
        self.school_id: str | None = None
        self.overview: SchoolOverview | None = None
        self.register = SchoolRegister(kind="")  # what GIAS says, read per school
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._build()

    # -- building (once) ----------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget()
        body.setObjectName("page")
        column = QVBoxLayout(body)
        column.setContentsMargins(24, 16, 24, 24)
        column.setSpacing(12)
        header = QHBoxLayout()
        titles = QVBoxLayout()
        self.name = ElidedLabel()
        self.name.setObjectName("school")
        self.subtitle = label("", "subtitle")
        titles.addWidget(self.name)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        self.next_button = QPushButton()
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self._open_next)
        header.addWidget(self.next_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(header)
        self.message = label("", "banner")
        self.message.hide()
        column.addWidget(self.message)

        sides = QHBoxLayout()
        sides.setSpacing(16)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._facts_card())
        self.leadership = LeadershipCard(self.services)  # ui/school_facts.py
        left.addWidget(self.leadership)
        self.report_card = ReportCardPanel()
        left.addWidget(self.report_card)
        left.addWidget(self._schedule_card())
        left.addWidget(self._history_card())
        right.addWidget(self._recommendations_card())
        right.addWidget(self._actions_card())
        right.addWidget(self._targets_card())
        left.addWidget(self._extras_card())
        for side in (left, right):
            side.addStretch(1)
        sides.addLayout(left, 2)
        sides.addLayout(right, 3)
        column.addLayout(sides)
        column.addWidget(self._data_card())
        column.addStretch(1)
        self.setWidget(body)

    def _card(self, title: str) -> tuple[QFrame, QVBoxLayout, QLabel]:
        frame, layout = card()
        heading = label(title, "title_small")
        layout.addWidget(heading)
        return frame, layout, heading

    def _facts_card(self) -> QFrame:
        frame, layout, _ = self._card("The school")
        grid = QGridLayout()
        self.register_rows: dict[str, tuple[QLabel, QLabel]] = {}
        for r, name in enumerate(REGISTER):
            caption = label(name, "caption", wrap=False)
            value = ElidedLabel() if name in ELIDED else label("")
            value.setObjectName("body")
            grid.addWidget(caption, r, 0)
            grid.addWidget(value, r, 1)
            self.register_rows[name] = (caption, value)
        self.facts: list[QLabel] = []
        for r, name in enumerate(FACTS, start=len(REGISTER)):
            grid.addWidget(label(name, "caption", wrap=False), r, 0)
            value = label("")
            grid.addWidget(value, r, 1)
            self.facts.append(value)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        return frame

    def _schedule_card(self) -> QFrame:
        frame, layout, _ = self._card("This year's visits")
        grid = QGridLayout()
        self.schedule_rows: list[tuple[QLabel, QLabel, QPushButton, QPushButton]] = []
        for r, definition in enumerate(self.services.programme.visits):
            row = (label(f"{definition.number}. {definition.title}"), label("", "muted"),
                   QPushButton(), QPushButton("Book…"))
            row[2].setObjectName(f"visit:{definition.number}")
            row[2].clicked.connect(lambda _=False, r=r: self._open(self.overview.schedule[r]))
            row[3].setObjectName(f"book:{definition.number}")
            row[3].setAccessibleName(f"Book visit {definition.number}")
            row[3].clicked.connect(lambda _=False, r=r: self._book(self.overview.schedule[r]))
            # The title over its status, the buttons beside both: the titles are long.
            grid.addWidget(row[0], 2 * r, 0)
            grid.addWidget(row[1], 2 * r + 1, 0)
            grid.addWidget(row[2], 2 * r, 1, 2, 1)
            grid.addWidget(row[3], 2 * r, 2, 2, 1)
            self.schedule_rows.append(row)
        grid.setColumnStretch(0, 1)
        layout.addLayout(grid)
        return frame

    def _history_card(self) -> QFrame:
        frame, layout, _ = self._card("Visit history")
        self.no_history = label("No visits from earlier years in this store.", "muted")
        self.recent_history = _HistoryRows(self.open_visit)
        self.earlier_history = _HistoryRows(self.open_visit)
        self.more_history = QPushButton()
        self.more_history.setObjectName("history:more")
        self.more_history.clicked.connect(self._show_earlier_history)
        self._earlier: list[VisitHistoryItem] = []
        for widget in (self.no_history, self.recent_history, self.more_history,
                       self.earlier_history):
            layout.addWidget(widget)
        return frame

    def _recommendations_card(self) -> QFrame:
        frame, layout, self.recommendations_title = self._card("Recommendations")
        self.recommendations = label("")
        layout.addWidget(self.recommendations)
        return frame

    def _actions_card(self) -> QFrame:
        frame, layout, self.actions_title = self._card("Action points")
        self.actions_empty = label("No action points recorded.", "muted")
        self.actions = FittedTable(("Action", "Owner", "Due", "Status"))
        self.actions_more = label("", "muted")
        for widget in (self.actions_empty, self.actions, self.actions_more):
            layout.addWidget(widget)
        return frame

    def _extras_card(self) -> QFrame:
        frame, layout, _ = self._card("Extra services taken (chargeable)")
        self.extras_empty = label("None recorded. The full service is costed above; extras "
                                  "such as brokering or a health check are recorded here.",
                                  "muted")
        self.extras = FittedTable(("Service", "Taken on", "Price"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.add_extra_button = QPushButton("Record an extra…")
        self.add_extra_button.clicked.connect(self._add_extra)
        self.remove_extra_button = QPushButton("Remove…")
        self.remove_extra_button.clicked.connect(self._remove_extra)
        buttons.addWidget(self.remove_extra_button)
        buttons.addWidget(self.add_extra_button)
        for widget in (self.extras_empty, self.extras):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        return frame

    def _show_extras(self) -> None:
        self._extra_rows = self.services.extras.for_school(self.school_id)
        self.extras.set_rows([
            (e.title, e.taken_on.strftime("%d %b %Y") if e.taken_on else "",
             price_text(e.cost))
            for e in self._extra_rows])
        self.extras_empty.setVisible(not self._extra_rows)
        self.remove_extra_button.setEnabled(bool(self._extra_rows))

    def _add_extra(self) -> None:
        from linkadviser.ui.extra_service_dialog import ExtraServiceDialog

        dialog = ExtraServiceDialog(self.services.extras.titles(), self.services.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        key, taken_on, cost, notes = dialog.values()
        try:
            self.services.extras.add(self.school_id, key, taken_on, cost, notes)
        except LinkAdviserError as exc:
            QMessageBox.warning(self, "linkadviser", str(exc))
        self._show_extras()
        changes().changed.emit("extras")

    def _remove_extra(self) -> None:
        names = [f"{e.title} ({e.taken_on:%d %b %Y})" if e.taken_on else e.title
                 for e in self._extra_rows]
        name, ok = QInputDialog.getItem(self, "Remove an extra service",
                                        "Which recorded extra should be removed?",
                                        names, 0, False)
        if not ok:
            return
        extra = self._extra_rows[names.index(name)]
        answer = QMessageBox.question(self, "Remove an extra service",
                                      f"Remove “{name}” from this school's record?")
        if answer == QMessageBox.StandardButton.Yes:
            self.services.extras.remove(extra.id)
            self._show_extras()
            changes().changed.emit("extras")

    def _targets_card(self) -> QFrame:
        frame, layout, _ = self._card("Targets agreed at the latest visit 1")
        self.targets_empty = label("No agreed targets recorded yet.", "muted")
        self.targets = FittedTable(("Measure", "Group", "Baseline", "Target", "Outcome"),
                                   wide=(0, 4))
        layout.addWidget(self.targets_empty)
        layout.addWidget(self.targets)
        return frame

    def _data_card(self) -> QFrame:
        """Charts of the school against the authority and England, filled in the background:
        they need the data layer's pandas, which must not hold up opening the school."""
        frame, self.data_layout, _ = self._card("Data against the authority and England")
        self.data_status = label("Loading the school's data…", "caption")
        self.data_layout.addWidget(self.data_status)
        self.charts: QWidget | None = None
        self.export_button = QPushButton("Save charts as PNG…")
        self.export_button.clicked.connect(self._export_charts)
        self.export_button.hide()
        self.data_layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignRight)
        return frame

    def _load_charts(self, urn: int) -> None:
        from linkadviser.data.chart_data import chart_data

        self.data_status.setText("Loading the school's data…")
        self.data_status.show()
        store = self.services.store
        (Op(self, lambda: chart_data(store, urn), changes_kind=None)
         .success(lambda data: self._show_charts(urn, data))
         .failure(lambda exc: self.data_status.setText(f"The school's data could not be "
                                                       f"shown: {exc}"))
         .run_in_background())

    def _show_charts(self, urn: int, data: object) -> None:
        if self.overview is None or self.overview.row.urn != urn:
            return  # the adviser has moved on to another school
        from linkadviser.ui.charts import SchoolCharts

        if self.charts is None:
            self.charts = SchoolCharts(data)
            self.charts.setMinimumHeight(560)
            self.data_layout.insertWidget(1, self.charts)
        else:
            self.charts.set_data(data)
        self.data_status.hide()
        self.export_button.setVisible(bool(data.measures))

    def _export_charts(self) -> None:
        if self.charts is None or self.overview is None:
            return
        suggested = f"{self.overview.row.urn}-charts.png"
        path, _ = QFileDialog.getSaveFileName(self, "Save charts as PNG", suggested,
                                              "PNG images (*.png)")
        if path:
            try:
                self.charts.export_png(Path(path))
            except OSError as exc:
                QMessageBox.warning(self, "linkadviser", f"The charts could not be saved: {exc}")

    # -- filling in (per school) --------------------------------------------------------------
    def show_school(self, school_id: str) -> None:
        """Show (or refresh) the school from a fresh overview."""
        self.school_id = school_id
        self.message.hide()
        try:
            self.overview = o = self.services.caseload.overview(school_id)
        except LinkAdviserError as exc:
            self.message.setText(str(exc))
            self.message.show()
            return
        self.register = self.services.school_facts.register(school_id)
        self._show_header(o)
        self._show_register(self.register)
        self._show_facts(o)
        self.report_card.show_card(report_card(self.services.store, o.row.urn))
        self._show_schedule(o)
        self._show_history(o)
        self._show_recommendations(o)
        self._show_actions(o)
        self._show_targets(o)
        self._show_extras()
        self.leadership.show_school(school_id)
        self._load_charts(o.row.urn)
        self.set_tab_order()
        self.verticalScrollBar().setValue(0)

    def set_tab_order(self) -> None:
        """Tab follows the page as it reads: the next visit, the leaders card's buttons (above
        the visits: left out, Tab went back up to them from the visits), this year's visits,
        the history (its rows are made as needed, so they would otherwise come last), then
        the extras."""
        leaders = (self.leadership.sanction_button, self.leadership.edit_button)
        chain = [self.next_button, *leaders,
                 *(button for row in self.schedule_rows for button in row[2:]),
                 *self.recent_history.buttons(), self.more_history,
                 *self.earlier_history.buttons(), self.remove_extra_button,
                 self.add_extra_button, self.export_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _show_header(self, o: SchoolOverview) -> None:
        self.name.setText(o.row.name)
        self.subtitle.setText(" · ".join(p for p in (
            f"URN {o.row.urn}", o.row.phase.capitalize(), o.school_type, self.register.kind,
            o.local_authority) if p))
        upcoming = next_visit(o.schedule)
        if self.register.closed:
            self.next_button.setText("School closed: no visit is due")
            self.next_button.setToolTip("Its visits and records are kept; open them below.")
            self.next_button.setEnabled(False)
            return
        if upcoming is None:
            self.next_button.setText("All this year's visits are signed")
            self.next_button.setEnabled(False)
            return
        # A visit only planned (or prepared) is still to prepare; one begun is continued.
        begun = upcoming.state in (STATE_LABELS["in_progress"], STATE_LABELS["ready_to_sign"],
                                   STATE_LABELS["amending"])
        verb = "Continue" if begun else "Prepare"
        self.next_button.setText(f"{verb} visit {upcoming.number} "
                                 f"({STATUS_TEXT[upcoming.status].lower()})")
        self.next_button.setToolTip(f"Visit {upcoming.number}: {upcoming.title}")
        self.next_button.setEnabled(True)

    def _show_register(self, register: SchoolRegister) -> None:
        status = " · ".join(t for t in (register.status_text, register.successor_text) if t)
        texts = {"Status": status, "Type": register.kind_text, "Trust": register.trust,
                 "Address": register.address}
        for name, (caption, value) in self.register_rows.items():
            value.setText(texts[name])
            value.setToolTip(texts[name])
            value.setAccessibleName(f"{name}: {texts[name]}")
            for widget in (caption, value):
                widget.setVisible(bool(texts[name]))
        status_value = self.register_rows["Status"][1]
        status_value.setObjectName("flag" if register.closed else "body")
        status_value.style().unpolish(status_value)
        status_value.style().polish(status_value)

    def _show_facts(self, o: SchoolOverview) -> None:
        ofsted = o.row.ofsted_label or "Not known"
        if o.ofsted_date:
            ofsted += f" ({o.ofsted_date:%B %Y})"
        values = (ofsted,
                  str(o.pupils_on_roll) if o.pupils_on_roll else "–",
                  f"{format_number(o.percent_fsm)}%" if o.percent_fsm is not None else "–",
                  str(o.deprivation_decile) if o.deprivation_decile else "–",
                  f"£{o.cost_of_service:,.0f}")
        for widget, value in zip(self.facts, values, strict=True):
            widget.setText(value)

    def _show_schedule(self, o: SchoolOverview) -> None:
        closed = self.register.closed  # its visits stay readable; none is due or bookable
        for (_, status, button, book), visit in zip(self.schedule_rows, o.schedule,
                                                    strict=True):
            words = [visit.term.capitalize(), visit.state]
            if visit.status != "done" and not closed:
                words.insert(1, STATUS_TEXT[visit.status])
            bookable = visit.state in BOOKABLE and not closed
            if visit.booked_on and bookable:  # once begun, its date is the day it was held
                words.append(f"booked {visit.booking}")
            status.setText(" · ".join(words))
            book.setVisible(bookable)
            book.setText("Re-book…" if visit.booked_on else "Book…")
            status.setObjectName("flag" if visit.status == "overdue" and not closed
                                 else "muted")
            status.style().unpolish(status)
            status.style().polish(status)
            button.setVisible(bool(visit.visit_id) or not closed)
            button.setText("Open" if visit.visit_id else "Prepare")
            button.setAccessibleName(f"{button.text()} visit {visit.number}: {visit.title}")

    def _show_history(self, o: SchoolOverview) -> None:
        """The last two past years in full, earlier ones on request (a county school can have
        ten years of visits)."""
        this_year = {v.visit_id for v in o.schedule if v.visit_id}
        past = [h for h in o.history if h.visit_id not in this_year]
        years = sorted({h.academic_year for h in past}, reverse=True)[:RECENT_YEARS]
        earlier = [h for h in past if h.academic_year not in years]
        self.no_history.setVisible(not past)
        self.recent_history.set_items([h for h in past if h.academic_year in years])
        self._earlier = earlier  # laid out only if asked for: a county school has dozens
        self.earlier_history.hide()
        self.more_history.setText(f"Show {count(len(earlier), 'visit')} from earlier years")
        self.more_history.setVisible(bool(earlier))

    def _show_earlier_history(self) -> None:
        self.earlier_history.set_items(self._earlier)
        self.earlier_history.show()
        self.set_tab_order()
        first = self.earlier_history.buttons()
        if first:
            first[0].setFocus()  # the button pressed is gone: carry on from what it showed
        self.more_history.hide()

    def _show_recommendations(self, o: SchoolOverview) -> None:
        self.recommendations_title.setText(
            f"Recommendations: {o.last_record_title}" if o.last_record_title
            else "Recommendations")
        self.recommendations.setText("\n".join(f"• {text}" for text in o.recommendations)
                                     or "No signed record of visit yet.")
        self.recommendations.setObjectName("body" if o.recommendations else "muted")

    def _show_actions(self, o: SchoolOverview) -> None:
        still_open = sorted((a for a in o.action_points if a.status == "open"),
                            key=lambda a: (not a.overdue, a.due_date or date.max))
        closed = sorted((a for a in o.action_points if a.status != "open"),
                        key=lambda a: a.due_date or date.min, reverse=True)
        shown = still_open + closed[:RECENT_DONE]
        self.actions_title.setText(f"Action points ({len(still_open)} open)")
        self.actions_empty.setVisible(not shown)
        self.actions.set_rows(
            [(a.text, a.owner or "–", f"{a.due_date:%d %b %Y}" if a.due_date else "–",
              "Overdue" if a.overdue else a.status.capitalize()) for a in shown],
            {i for i, a in enumerate(shown) if a.overdue})
        hidden = len(closed) - RECENT_DONE
        self.actions_more.setText(f"and {hidden} earlier action points done or dropped")
        self.actions_more.setVisible(hidden > 0)

    def _show_targets(self, o: SchoolOverview) -> None:
        self.targets_empty.setVisible(not o.targets)
        self.targets.set_rows(
            [(t.measure, t.pupil_group, with_unit(t.baseline, t.unit) or "–",
              with_unit(t.target, t.unit) or "–", outcome_text(t)) for t in o.targets],
            {i for i, t in enumerate(o.targets) if t.met is False})

    def _book(self, visit: ScheduledVisit) -> None:
        from linkadviser.ui.booking_dialog import book_visit, scheduled_booking

        self.booking_dialog = book_visit(
            self, self.services, self.school_id or "", self.overview.row.name, visit.number,
            scheduled_booking(visit.booked_on, visit.booked_time, visit.place),
            lambda _visit_id, school=self.school_id: self._refresh_if_showing(school))

    def _refresh_if_showing(self, school_id: str | None) -> None:
        if school_id and school_id == self.school_id:
            kept = self.verticalScrollBar().value()
            self.show_school(school_id)
            self.verticalScrollBar().setValue(kept)

    # -- opening visits -------------------------------------------------------------------------
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
