"""The term ahead: booked visits week by week with what falls due before them, the visits
still to book, and the calendar export; and the caseload's one-line "this week".

Both show plain data from ``TermAhead`` (``linkadviser.caseload.term``); booking goes through
``booking_dialog`` and every change arrives through the one "changes" signal. This module is
imported by the caseload before the store is open, so it imports nothing of the data layer at
the top.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkadviser.words import plural

if TYPE_CHECKING:
    from linkadviser.calendar import TermOfYear
    from linkadviser.caseload.term import DueItem, PlannedVisit, TermPlan, Week
    from linkadviser.services import Services

COLUMNS = ("Day", "Time", "School", "What", "Place", "Where it stands")
SHOWN_THIS_WEEK = 4  # items named in the caseload's line; the rest are counted


def _due_text(item: DueItem, today: date) -> str:
    if item.deadline.done:
        return "Done"
    return "Overdue" if item.overdue(today) else "Due"


class ThisWeek(QWidget):
    """One line above the caseload: this week's visits and deadlines, and the term ahead."""

    term_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLabel("")
        self.text.setObjectName("summary")
        self.text.setWordWrap(True)
        self.text.setAccessibleName("Due this week")
        self.term_button = QPushButton("Term ahead…")
        self.term_button.setAccessibleName("Show the term ahead")
        self.term_button.clicked.connect(self.term_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.text, 1)
        row.addWidget(self.term_button, 0, Qt.AlignmentFlag.AlignTop)

    def show_week(self, week: Week, today: date) -> None:
        parts = [f"{v.school_name}, visit {v.number} ({v.booked_on:%a}"
                 f"{' ' + v.booked_time if v.booked_time else ''})" for v in week.visits]
        parts += [f"{d.deadline.what} for {d.visit.school_name} "
                  f"({'overdue since' if d.overdue(today) else 'by'} {d.deadline.due:%a %d %b})"
                  for d in week.due]
        if not parts:
            self.text.setText("This week: nothing booked or due.")
            self.text.setToolTip("")
            return
        shown = "; ".join(parts[:SHOWN_THIS_WEEK])
        more = len(parts) - SHOWN_THIS_WEEK
        self.text.setText(f"This week: {shown}" + (f"; and {more} more" if more > 0 else ""))
        self.text.setToolTip("\n".join(parts))


class TermView(QWidget):
    """The adviser's term: every week with something in it, then the visits to book."""

    school_activated = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("term_view")
        self.services = services
        self.term: TermOfYear | None = None
        self.plan: TermPlan | None = None
        self.title = QLabel("")
        self.title.setObjectName("pageTitle")
        self.summary = QLabel("")
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.previous_button = QPushButton("◀ Previous term")
        self.previous_button.setAccessibleName("Previous term")
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button = QPushButton("Next term ▶")
        self.next_button.setAccessibleName("Next term")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.book_button = QPushButton("Book…")
        self.book_button.setAccessibleName("Book or re-book the chosen visit")
        self.book_button.clicked.connect(self._book_selected)
        self.open_button = QPushButton("Open school")
        self.open_button.setAccessibleName("Open the chosen visit's school")
        self.open_button.clicked.connect(self._open_selected)
        self.export_button = QPushButton("Export to calendar…")
        self.export_button.setObjectName("primary")
        self.export_button.setAccessibleName("Export booked visits to a calendar file")
        self.export_button.setToolTip("Save the booked visits as an .ics file for Outlook or "
                                      "Google Calendar; importing it again updates them")
        self.export_button.clicked.connect(self._export)

        self.tree = QTreeWidget()
        self.tree.setObjectName("term_tree")
        self.tree.setAccessibleName("The term's visits and deadlines by week")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.itemDoubleClicked.connect(lambda *_: self._open_selected())

        tools = QHBoxLayout()
        tools.addWidget(self.previous_button)
        tools.addWidget(self.next_button)
        tools.addStretch(1)
        tools.addWidget(self.open_button)
        tools.addWidget(self.book_button)
        tools.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addLayout(tools)
        layout.addWidget(self.tree, 1)
        self._selection_changed()

    # -- showing ------------------------------------------------------------------------------
    def refresh(self) -> None:
        from linkadviser.caseload.term import term_title

        self.plan = plan = self.services.term.plan(self.term)
        self.term = plan.term
        today = self.services.today()
        self.title.setText(f"Term ahead — {plan.term.label}")
        self.summary.setText(term_title(plan))
        self.tree.clear()
        for week in plan.weeks:
            top = self._heading(week.label)
            rows = [(v.booked_on, 0, self._visit_item(v)) for v in week.visits]
            rows += [(d.deadline.due, 1, self._due_item(d, today)) for d in week.due]
            for _day, _order, item in sorted(rows, key=lambda r: (r[0], r[1])):
                top.addChild(item)
        to_book = self._heading(f"To book ({len(plan.unbooked)})")
        for visit in plan.unbooked:
            to_book.addChild(self._visit_item(visit))
        if not plan.weeks and not plan.unbooked:
            self._heading("Nothing booked or to book this term.")
        self.tree.expandAll()
        self._selection_changed()

    def _heading(self, text: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        item.setFirstColumnSpanned(True)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.tree.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        return item

    @staticmethod
    def _visit_item(visit: PlannedVisit) -> QTreeWidgetItem:
        day = f"{visit.booked_on:%a %d %b}" if visit.booked_on else visit.term.capitalize()
        item = QTreeWidgetItem([day, visit.booked_time, visit.school_name, visit.label,
                                visit.place, visit.state_label])
        item.setData(0, Qt.ItemDataRole.UserRole, visit)
        for column in (2, 3, 4):
            item.setToolTip(column, item.text(column))
        return item

    @staticmethod
    def _due_item(due: DueItem, today: date) -> QTreeWidgetItem:
        status = _due_text(due, today)
        item = QTreeWidgetItem([f"{due.deadline.due:%a %d %b}", "", due.visit.school_name,
                                due.deadline.what, "", status])
        item.setData(0, Qt.ItemDataRole.UserRole, due.visit)
        if status == "Overdue":
            font = QFont(item.font(5))
            font.setBold(True)
            item.setFont(5, font)
        for column in (2, 3):
            item.setToolTip(column, item.text(column))
        return item

    def step(self, delta: int) -> None:
        """The previous (-1) or next (+1) term."""
        from linkadviser.calendar import TERM_ORDER, TermOfYear

        term = self.term or self.services.caseload.current_term()
        index = term.index + delta
        year = term.academic_year + index // len(TERM_ORDER)
        self.term = TermOfYear(year, TERM_ORDER[index % len(TERM_ORDER)])
        self.refresh()

    # -- acting on the chosen visit -----------------------------------------------------------
    def selected_visit(self) -> PlannedVisit | None:
        items = self.tree.selectedItems()
        return items[0].data(0, Qt.ItemDataRole.UserRole) if items else None

    def _selection_changed(self) -> None:
        visit = self.selected_visit()
        self.open_button.setEnabled(visit is not None)
        self.book_button.setEnabled(visit is not None and visit.state in ("", "planned",
                                                                           "prepared"))
        self.book_button.setText("Re-book…" if visit is not None and visit.booked_on
                                 else "Book…")

    def _open_selected(self) -> None:
        visit = self.selected_visit()
        if visit is not None:
            self.school_activated.emit(visit.school_id)

    def _book_selected(self) -> None:
        from linkadviser.ui.booking_dialog import book_visit
        from linkadviser.visit.booking import Booking, stored_time

        visit = self.selected_visit()
        if visit is None:
            return
        current = Booking(visit.booked_on, stored_time(visit.booked_time), visit.place) \
            if visit.booked_on else None
        self.booking_dialog = book_visit(self, self.services, visit.school_id,
                                         visit.school_name, visit.number, current,
                                         lambda _visit_id: self.refresh(), visit.academic_year)

    def _export(self) -> None:
        from linkadviser.caseload.ics import adviser_zone, export_calendar, write_calendar
        from linkadviser.caseload.term import term_bounds
        from linkadviser.ui.ops import Op

        path, _ = QFileDialog.getSaveFileName(self, "Export booked visits to a calendar",
                                              "link-adviser-visits.ics",
                                              "iCalendar files (*.ics)")
        if not path:
            return
        services = self.services
        since = term_bounds(services.caseload.current_term(), services.programme)[0]

        def export() -> int:
            data, count = export_calendar(services.store, services.term, since,
                                          adviser_zone(services.store))
            write_calendar(Path(path), data)
            return count

        (Op(self, export, changes_kind=None)
         .success(lambda count: self.summary.setText(
             f"Exported {count} booked {plural(count, 'visit')} (from {since:%d %b %Y}) "
             f"to {path}. Import the file into Outlook or Google Calendar; importing a later "
             "export updates them."))
         .run_in_background())
