"""The caseload: every school, what is due this term, what is overdue, what is still open.

The view can show a snapshot of the caseload (from the last session) before the store is
open; it asks nothing of the data layer until ``attach`` hands it the services.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from linkadviser.caseload.rows import CaseloadRow
from linkadviser.ui.style import qcolour
from linkadviser.words import count

if TYPE_CHECKING:
    from linkadviser.caseload.snapshot import CaseloadSnapshot
    from linkadviser.services import Services

COLUMNS = ("School", "URN", "Phase", "Ofsted", "Next visit", "Status", "Open action points")
STATUS_TEXT = {"due": "Due this term", "overdue": "Overdue", "upcoming": "Later this year",
               None: "All done", "closed": "School closed"}
Index = QModelIndex | QPersistentModelIndex

FILTERS = {
    "All schools": lambda r: True,
    "Visit due this term": lambda r: r.next_visit is not None and r.next_visit.status == "due",
    "Visit overdue": lambda r: r.overdue > 0,
    "Open action points": lambda r: r.open_actions > 0,
}


def status_of(row: CaseloadRow) -> str | None:
    if row.closed:
        return "closed"  # kept with its history; no visit is due
    if row.overdue:
        return "overdue"
    return row.next_visit.status if row.next_visit else None


# What each column sorts by: numbers as numbers, grades and statuses in their own order (most
# pressing first), ties by school name.
STATUS_ORDER = {"overdue": 0, "due": 1, "upcoming": 2, None: 3, "closed": 4}
SORT_KEYS: dict[int, Callable[[CaseloadRow], object]] = {
    0: lambda r: r.name.casefold(),
    1: lambda r: r.urn,
    2: lambda r: r.phase,
    3: lambda r: r.ofsted_grade or 9,
    4: lambda r: r.next_visit.number if r.next_visit else 9,
    5: lambda r: STATUS_ORDER[status_of(r)],
    6: lambda r: r.open_actions,
}
# The roles the model answers; the view asks for a dozen more per cell, answered at once.
DISPLAY, USER = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.UserRole)
FOREGROUND, FONT = int(Qt.ItemDataRole.ForegroundRole), int(Qt.ItemDataRole.FontRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ANSWERED = frozenset({DISPLAY, USER, FOREGROUND, FONT, TOOLTIP})


class CaseloadModel(QAbstractTableModel):
    """The rows, sorted here in Python: the proxy sorting 450 schools asked ``data`` for
    each of ~8,000 comparisons, the largest cost of showing the caseload at start-up."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CaseloadRow] = []
        self.sorted_by = (0, Qt.SortOrder.AscendingOrder)

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self.rows = self._sorted(rows, *self.sorted_by)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sorted_by = (column, order)
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        before = [self.rows[i.row()].school_id for i in old]
        self.rows = self._sorted(self.rows, column, order)
        where = {r.school_id: n for n, r in enumerate(self.rows)}
        self.changePersistentIndexList(old, [self.index(where[school], i.column())
                                             for school, i in zip(before, old, strict=True)])
        self.layoutChanged.emit()

    @staticmethod
    def _sorted(rows: list[CaseloadRow], column: int, order: Qt.SortOrder) -> list[CaseloadRow]:
        by_name = sorted(rows, key=SORT_KEYS[0])
        return sorted(by_name, key=SORT_KEYS.get(column, SORT_KEYS[0]),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = DISPLAY) -> object:
        if role not in ANSWERED:
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == DISPLAY:
            return self._text(row, column)
        if role == USER:
            return row.school_id
        if role == FOREGROUND and row.closed and column in (0, 5):
            return QBrush(qcolour("muted"))
        if role == FOREGROUND and column == 5:
            status = status_of(row)
            if status == "overdue":
                return QBrush(qcolour("flag"))
            if status == "due":
                return QBrush(qcolour("due"))
        if role == FONT and column == 5 and status_of(row) == "overdue":
            font = QFont()
            font.setBold(True)
            return font
        if role == TOOLTIP:
            if column == 6 and row.overdue_actions:
                return f"{row.overdue_actions} past their due date"
            if column in (0, 4):  # the columns that elide a long name
                return self._text(row, column)
        return None

    @staticmethod
    def _text(row: CaseloadRow, column: int) -> str:
        if column == 0:
            return f"{row.name} (closed)" if row.closed else row.name
        if column == 1:
            return str(row.urn)
        if column == 2:
            return row.phase
        if column == 3:
            return row.ofsted_label or "Not inspected"
        if column == 4:
            return (f"{row.next_visit.number}. {row.next_visit.title}"
                    if row.next_visit else "—")
        if column == 5:
            return STATUS_TEXT[status_of(row)]
        if row.overdue_actions:
            return f"{row.open_actions} ({row.overdue_actions} overdue)"
        return str(row.open_actions) if row.open_actions else ""


class CaseloadFilter(QSortFilterProxyModel):
    """Filters by the search text (name or URN) and by what needs attention."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = ""
        self.predicate = FILTERS["All schools"]

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self.search = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_filter(self, name: str) -> None:
        self.beginFilterChange()
        self.predicate = FILTERS[name]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (see ``CaseloadModel``); rows keep its order here."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, _parent: Index) -> bool:  # noqa: N802 - Qt API
        row = self.sourceModel().rows[source_row]
        if not self.predicate(row):
            return False
        if not self.search:
            return True
        return self.search in row.name.lower() or str(row.urn).startswith(self.search)


class CaseloadView(QWidget):
    """The adviser's home screen. Emits ``school_activated`` to open a school."""

    school_activated = Signal(str)
    start_visit_requested = Signal(str, int)
    term_requested = Signal()

    def __init__(self, services: Services | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services: Services | None = None
        self.model = CaseloadModel(self)
        self.proxy = CaseloadFilter(self)
        self.proxy.setSourceModel(self.model)

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.search = QLineEdit(placeholderText="Search by school name or URN")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search schools")
        self.search.textChanged.connect(self.proxy.set_search)
        self.filter = QComboBox()
        self.filter.addItems(list(FILTERS))
        self.filter.setAccessibleName("Show")
        self.filter.currentTextChanged.connect(self.proxy.set_filter)
        self.open_button = QPushButton("Open school")
        self.open_button.clicked.connect(self._open_current)
        self.start_button = QPushButton("Start next visit")
        self.start_button.clicked.connect(self._start_current)
        self.book_button = QPushButton("Book next visit…")
        self.book_button.setAccessibleName("Book the selected school's next visit")
        self.book_button.clicked.connect(self._book_current)
        from linkadviser.ui.term_view import ThisWeek

        self.this_week = ThisWeek()
        self.this_week.term_requested.connect(self.term_requested)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Schools in the caseload")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)

        tools = QHBoxLayout()
        tools.addWidget(self.search, 3)
        tools.addWidget(self.filter, 1)
        tools.addStretch(0)
        tools.addWidget(self.open_button)
        tools.addWidget(self.book_button)
        tools.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.this_week)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """From now on the rows come from the store (replacing any snapshot shown)."""
        self.services = services
        self.refresh()

    def show_snapshot(self, snapshot: CaseloadSnapshot) -> None:
        """The caseload as the last session left it, until the store is open."""
        self._show(snapshot.term_label, snapshot.rows)

    def refresh(self) -> None:
        if self.services is None:
            return
        self._show(self.services.caseload.current_term().label, self.services.caseload.rows())
        self.this_week.show_week(self.services.term.this_week(), self.services.today())

    def _show(self, term_label: str, rows: list[CaseloadRow]) -> None:
        selected = self.selected_school()
        self.model.set_rows(rows)
        if selected:
            self.select_school(selected)
        self._fit_columns(rows)
        due = sum(1 for r in rows if r.next_visit and r.next_visit.status == "due")
        overdue = sum(r.overdue for r in rows)
        actions = sum(r.open_actions for r in rows)
        late = sum(r.overdue_actions for r in rows)
        self.title.setText(f"Caseload — {term_label}")
        self.summary.setText(
            f"{count(len(rows), 'school')} · {due} with a visit due this term · "
            f"{count(overdue, 'visit')} overdue · {count(actions, 'open action point')} "
            f"({late} past due)")

    def _fit_columns(self, rows: list[CaseloadRow]) -> None:
        """The short columns as wide as their longest text (measured here: Qt's own fitting
        asks the model for every cell); School and Next visit share what is left."""
        header = self.table.horizontalHeader()
        for widget in (self.table, header):
            widget.ensurePolished()  # the style sheet's font, even before the view is shown
        metrics = self.table.fontMetrics()
        bold = QFont(header.font())
        bold.setBold(True)
        heading = QFontMetrics(bold)
        sort_mark = 20  # room for the sort arrow beside a heading
        for column in (1, 2, 3, 5, 6):
            texts = {CaseloadModel._text(r, column) for r in rows}
            widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
            self.table.setColumnWidth(column, max(widest + 24, heading.horizontalAdvance(
                COLUMNS[column]) + 16 + sort_mark))

    def selected_school(self) -> str | None:
        indexes = self.table.selectionModel().selectedRows()
        return indexes[0].data(Qt.ItemDataRole.UserRole) if indexes else None

    def select_school(self, school_id: str) -> None:
        """Select the school's row (kept across refreshes, and across snapshot to live)."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole) == school_id:
                self.table.selectRow(row)
                return

    def _open_index(self, index: QModelIndex) -> None:
        self.school_activated.emit(index.siblingAtColumn(0).data(Qt.ItemDataRole.UserRole))

    def _open_current(self) -> None:
        school_id = self.selected_school()
        if school_id:
            self.school_activated.emit(school_id)

    def _selected_row(self) -> CaseloadRow | None:
        school_id = self.selected_school()
        return next((r for r in self.model.rows if r.school_id == school_id), None)

    def _start_current(self) -> None:
        """Start the selected school's next visit, after asking (a click is not enough to
        begin a visit: its date becomes today)."""
        row = self._selected_row()
        if row is None or row.next_visit is None or self.services is None:
            return
        from linkadviser.ui.booking_dialog import confirm_start

        visit = row.next_visit
        if visit.state not in ("Not started", "Planned", "Prepared") or confirm_start(
                self, self.services, row.name, visit.number,
                date.fromisoformat(visit.booked_on) if visit.booked_on else None,
                visit.booked_time):
            self.start_visit_requested.emit(row.school_id, visit.number)

    def _book_current(self) -> None:
        row = self._selected_row()
        if row is None or row.next_visit is None or self.services is None:
            return
        from linkadviser.ui.booking_dialog import book_visit, scheduled_booking

        visit = row.next_visit
        self.booking_dialog = book_visit(
            self, self.services, row.school_id, row.name, visit.number,
            scheduled_booking(visit.booked_on, visit.booked_time, visit.place))
