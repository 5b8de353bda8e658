"""The caseload: every school, what is due this term, what is overdue, what is still open.

The view can show a snapshot of the caseload (from the last session) before the store is
open; it asks nothing of the data layer until ``attach`` hands it the services.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
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

from linkadviser.caseload_rows import CaseloadRow

if TYPE_CHECKING:
    from linkadviser.caseload_snapshot import CaseloadSnapshot
    from linkadviser.services import Services

COLUMNS = ("School", "URN", "Phase", "Ofsted", "Next visit", "Status", "Open action points")
STATUS_TEXT = {"due": "Due this term", "overdue": "Overdue", "upcoming": "Later this year",
               None: "All done"}
OVERDUE = QColor("#b3261e")
DUE = QColor("#7a4f01")
Index = QModelIndex | QPersistentModelIndex

FILTERS = {
    "All schools": lambda r: True,
    "Visit due this term": lambda r: r.next_visit is not None and r.next_visit.status == "due",
    "Visit overdue": lambda r: r.overdue > 0,
    "Open action points": lambda r: r.open_actions > 0,
}


def status_of(row: CaseloadRow) -> str | None:
    if row.overdue:
        return "overdue"
    return row.next_visit.status if row.next_visit else None


class CaseloadModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[CaseloadRow] = []

    def set_rows(self, rows: list[CaseloadRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 - Qt API
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:
            return row.school_id
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            status = status_of(row)
            if status == "overdue":
                return QBrush(OVERDUE)
            if status == "due":
                return QBrush(DUE)
        if role == Qt.ItemDataRole.FontRole and column == 5 and status_of(row) == "overdue":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and row.overdue_actions:
            return f"{row.overdue_actions} past their due date"
        return None

    @staticmethod
    def _text(row: CaseloadRow, column: int) -> str:
        if column == 0:
            return row.name
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
        self.search.textChanged.connect(self.proxy.set_search)
        self.filter = QComboBox()
        self.filter.addItems(list(FILTERS))
        self.filter.currentTextChanged.connect(self.proxy.set_filter)
        self.open_button = QPushButton("Open school")
        self.open_button.clicked.connect(self._open_current)
        self.start_button = QPushButton("Start next visit")
        self.start_button.clicked.connect(self._start_current)

        self.table = QTableView()
        self.table.setModel(self.proxy)
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
        tools.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
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

    def _show(self, term_label: str, rows: list[CaseloadRow]) -> None:
        selected = self.selected_school()
        self.model.set_rows(rows)
        if selected:
            self.select_school(selected)
        for column, width in ((1, 70), (2, 95), (3, 175), (5, 125), (6, 170)):
            self.table.setColumnWidth(column, width)
        due = sum(1 for r in rows if r.next_visit and r.next_visit.status == "due")
        overdue = sum(r.overdue for r in rows)
        actions = sum(r.open_actions for r in rows)
        late = sum(r.overdue_actions for r in rows)
        self.title.setText(f"Caseload — {term_label}")
        self.summary.setText(
            f"{len(rows)} schools · {due} with a visit due this term · "
            f"{overdue} visits overdue · {actions} open action points ({late} past due)")

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

    def _start_current(self) -> None:
        school_id = self.selected_school()
        if not school_id:
            return
        row = next(r for r in self.model.rows if r.school_id == school_id)
        if row.next_visit:
            self.start_visit_requested.emit(school_id, row.next_visit.number)
