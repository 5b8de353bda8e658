"""Building a caseload without a centre: find schools in the last GIAS import, add, take out.

The same as ``linkadviser schools add / remove``: search the imported GIAS schools by name or
URN and add the ones chosen; a school GIAS does not hold is added by URN, name and phase;
taking a school out keeps its visits and records. Every change runs through ``Op`` and
tells the other screens through the one changes signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.caseload import directory
from linkadviser.caseload.schools import PHASES, add_schools, remove_school
from linkadviser.services import Services
from linkadviser.ui.ops import Op

SEARCH_DELAY_MS = 250


def _labelled(widget: QWidget, name: str) -> QWidget:
    widget.setAccessibleName(name)
    return widget


def _list(name: str) -> QListWidget:
    found = QListWidget()
    found.setAccessibleName(name)
    found.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    found.setTextElideMode(Qt.TextElideMode.ElideRight)
    found.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return found


def _add_item(to: QListWidget, text: str, urn: int) -> None:
    item = QListWidgetItem(text)
    item.setToolTip(text)
    item.setData(Qt.ItemDataRole.UserRole, urn)
    to.addItem(item)


class AddSchoolsDialog(QDialog):
    """Your caseload beside a search of the GIAS schools; add or take out."""

    def __init__(self, services: Services, parent: QWidget | None = None,
                 import_gias: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Your schools")
        self.resize(980, 600)
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.import_button = QPushButton("Import a GIAS extract…")
        self.import_button.setAccessibleName("Import a GIAS extract")
        self.import_button.setVisible(import_gias is not None)
        if import_gias is not None:
            self.import_button.clicked.connect(import_gias)
        self.search = _labelled(QLineEdit(placeholderText="School name or URN"),
                                "Search the GIAS schools by name or URN")
        self.search.setClearButtonEnabled(True)
        self.found = _list("Schools found in the last GIAS import")
        self.found.itemDoubleClicked.connect(lambda _item: self.add_selected())
        self.add_button = QPushButton("Add to my caseload")
        self.add_button.setObjectName("primary")
        self.add_button.setAccessibleName("Add the selected schools to my caseload")
        self.add_button.clicked.connect(self.add_selected)
        self.mine = _list("Your caseload")
        self.remove_button = QPushButton("Take out of my caseload")
        self.remove_button.setAccessibleName("Take the selected school out of my caseload")
        self.remove_button.clicked.connect(self.remove_selected)
        self.message = QLabel()
        self.message.setObjectName("summary")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("What was done")
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())

        by_hand = self._by_hand_row()
        columns = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(QLabel("<b>Find a school</b> in the last GIAS import"))
        left.addWidget(self.search)
        left.addWidget(self.found, 1)
        left.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(QLabel("<b>Your caseload</b>"))
        right.addWidget(self.mine, 1)
        right.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        top = QHBoxLayout()
        top.addWidget(self.source, 1)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        layout.addLayout(by_hand)
        layout.addWidget(self.message)
        self.refresh()

    def _by_hand_row(self) -> QHBoxLayout:
        self.hand_urn = _labelled(QLineEdit(placeholderText="URN"), "URN of a school to add "
                                  "by hand")
        self.hand_urn.setMaximumWidth(110)
        self.hand_name = _labelled(QLineEdit(placeholderText="School name"),
                                   "Name of the school to add by hand")
        self.hand_phase = _labelled(QComboBox(), "Phase of the school to add by hand")
        self.hand_phase.addItems(list(PHASES))
        self.hand_button = _labelled(QPushButton("Add by hand"), "Add the school by hand")
        self.hand_button.clicked.connect(self.add_by_hand)
        row = QHBoxLayout()
        row.addWidget(QLabel("Not in GIAS?"))
        for widget in (self.hand_urn, self.hand_name, self.hand_phase, self.hand_button):
            row.addWidget(widget, 1 if widget is self.hand_name else 0)
        return row

    def refresh(self) -> None:
        services = self.services

        def read() -> tuple[directory.DirectorySummary, list[tuple[int, str]]]:
            return (directory.summary(services.store),
                    [(r.urn, r.name) for r in services.caseload.rows()])

        Op(self, read, changes_kind=None).success(self._show).run_in_background()

    def _show(self, state: tuple[directory.DirectorySummary, list[tuple[int, str]]]) -> None:
        held, caseload = state
        if held.source:
            self.source.setText(f"Schools from {held.source}: {held.schools} state-funded "
                                "schools. Search by name or URN, then add yours.")
        else:
            self.source.setText("No GIAS extract imported yet. Import 'All establishment "
                                "data' from Get Information About Schools to find schools by "
                                "name, or add a school by hand below.")
        self.search.setEnabled(bool(held.source))
        self.mine.clear()
        for urn, name in caseload:
            _add_item(self.mine, f"{urn}  {name}", urn)

    def run_search(self) -> None:
        store, text = self.services.store, self.search.text()
        Op(self, lambda: directory.search(store, text), changes_kind=None) \
            .success(self._show_found).run_in_background()

    def _show_found(self, entries: list[directory.DirectoryEntry]) -> None:
        self.found.clear()
        for entry in entries:
            _add_item(self.found, f"{entry.label} · {entry.phase} · {entry.school_type} · "
                      f"{entry.town or entry.la_name}", entry.urn)

    def _change(self, work: Callable[[], Any], said: Callable[[Any], str]) -> None:
        def done(result: Any) -> None:
            self.message.setText(said(result))
            self.refresh()

        Op(self, work, changes_kind="caseload").success(done).run_in_background()

    def add_selected(self) -> None:
        urns = [i.data(Qt.ItemDataRole.UserRole) for i in self.found.selectedItems()]
        if not urns:
            self.message.setText("Select one or more schools in the search results.")
            return
        store = self.services.store
        self._change(lambda: add_schools(store, urns), lambda c: " ".join(c.lines()))

    def add_by_hand(self) -> None:
        text = self.hand_urn.text().strip()
        if not text.isdigit():
            self.message.setText("Give the school's URN (six or seven digits).")
            return
        store, name = self.services.store, self.hand_name.text()
        phase = self.hand_phase.currentText()
        self._change(lambda: add_schools(store, [int(text)], name or None, phase),
                     lambda c: " ".join(c.lines()))

    def remove_selected(self) -> None:
        selected = self.mine.selectedItems()
        if not selected:
            self.message.setText("Select a school in your caseload.")
            return
        store, urn = self.services.store, selected[0].data(Qt.ItemDataRole.UserRole)
        self._change(lambda: remove_school(store, urn), str)
