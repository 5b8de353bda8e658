"""The centre's setup screen: authority, schools from GIAS, advisers, caseloads, their files.

For the school improvement team, who do not use a terminal: the same steps as ``linkadviser
central init / schools import / advisers / assign / export``, one tab each, in order. Every
step runs off the UI thread through ``Op`` and shows what it did (or why it was refused, in
which case nothing changed).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from linkadviser.authority.centre import Centre
from linkadviser.ui.ops import Op

SHEETS = "Sheets (*.csv *.xlsx);;All files (*)"
GIAS_FILES = "GIAS extract (edubasealldata*.csv);;CSV files (*.csv);;All files (*)"


def _button(text: str, name: str, slot: Callable[[], None], primary: bool = False
            ) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    if primary:
        button.setObjectName("primary")
    button.clicked.connect(slot)
    return button


def _field(placeholder: str, name: str) -> QLineEdit:
    edit = QLineEdit(placeholderText=placeholder)
    edit.setAccessibleName(name)
    return edit


def _report(name: str, short: bool = False) -> QPlainTextEdit:
    text = QPlainTextEdit(readOnly=True)
    text.setAccessibleName(name)
    if short:
        text.setMaximumHeight(120)
    return text


def _words(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def _table(headings: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headings))
    table.setHorizontalHeaderLabels(headings)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    return table


def _fill(table: QTableWidget, rows: list[list[Any]], key: list[Any] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            item.setToolTip(str(value))
            if c == 0 and key is not None:
                item.setData(Qt.ItemDataRole.UserRole, key[r])
            table.setItem(r, c, item)


class CentreDialog(QDialog):
    """One tab per step; ``centre`` is an open central store (the tests pass their own)."""

    def __init__(self, centre: Centre, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.centre = centre
        self.year = centre.current_year()
        self.setWindowTitle("The authority's centre")
        self.resize(1000, 640)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Steps to set up the centre")
        self.tabs.addTab(self._authority_tab(), "1. Authority")
        self.tabs.addTab(self._schools_tab(), "2. Schools")
        self.tabs.addTab(self._advisers_tab(), "3. Advisers")
        self.tabs.addTab(self._caseloads_tab(), "4. Caseloads")
        self.tabs.addTab(self._send_tab(), "5. Advisers' files")
        where = QLabel(f"Central store: {centre.where}" if centre.where else "")
        where.setObjectName("summary")
        where.setToolTip("The same store `linkadviser central ... --db` works on")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(where)
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # Building the tabs

    def _authority_tab(self) -> QWidget:
        page = QWidget()
        self.authority_name = _field("e.g. Norfolk County Council", "Authority's name")
        self.authority_name.setMaximumWidth(520)
        self.la_codes = _field("e.g. 926 (GIAS's LA code; several: 926, 927)", "LA codes")
        self.la_codes.setMaximumWidth(520)
        self.set_up_button = _button("Set up the centre", "Set up the centre", self._set_up,
                                     primary=True)
        form = QFormLayout(page)
        form.addRow(_words("The authority's name heads every record of visit and report; its "
                           "LA codes choose its schools from a GIAS extract."))
        form.addRow("Authority", self.authority_name)
        form.addRow("LA codes", self.la_codes)
        row = QHBoxLayout()
        row.addWidget(self.set_up_button)
        row.addStretch(1)
        form.addRow("", row)
        return page

    @staticmethod
    def _step(words: str, button: QPushButton, report: QPlainTextEdit) -> QWidget:
        """A step that is one action: what it does, its button, and what it did."""
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_words(words))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(report, 1)
        return page

    def _schools_tab(self) -> QWidget:
        self.gias_button = _button("Load a GIAS extract…", "Load a GIAS extract",
                                   self._load_gias, primary=True)
        self.schools_report = _report("What the extract changed")
        return self._step(
            "Download 'All establishment data' from Get Information About Schools "
            "(edubasealldataYYYYMMDD.csv, with links_edubasealldata… beside it) and load it "
            "as it is. The authority's open state-funded schools are loaded; a later extract "
            "updates them, closes closed schools (keeping their history) and adds new ones.",
            self.gias_button, self.schools_report)

    def _advisers_tab(self) -> QWidget:
        page = QWidget()
        self.adviser_table = _table(["Adviser", "Email", "Schools this year", "Left"],
                                    "Advisers")
        self.adviser_name = _field("Name", "New adviser's name")
        self.adviser_email = _field("Email", "New adviser's email")
        add = QHBoxLayout()
        add.addWidget(self.adviser_name, 1)
        add.addWidget(self.adviser_email, 1)
        add.addWidget(_button("Enrol", "Enrol the adviser", self._enrol, primary=True))
        self.retire_button = _button("Retire selected adviser…", "Retire the selected adviser",
                                     self._retire)
        layout = QVBoxLayout(page)
        layout.addWidget(self.adviser_table, 1)
        layout.addLayout(add)
        layout.addWidget(self.retire_button, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _caseloads_tab(self) -> QWidget:
        page = QWidget()
        self.school_table = _table(["URN", "School", "Phase", "Kind", "Link Adviser"],
                                   "The authority's open schools")
        self.school_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.adviser_choice = QComboBox()
        self.adviser_choice.setAccessibleName("Adviser to assign the selected schools to")
        self.adviser_choice.setMinimumWidth(260)
        self.assign_button = _button("Assign selected schools", "Assign the selected schools",
                                     self._assign, primary=True)
        self.sheet_button = _button("From a sheet…", "Assign from a sheet of URN and adviser "
                                    "email", self._assign_sheet)
        self.caseload_report = _report("What the assignment did", short=True)
        row = QHBoxLayout()
        row.addWidget(QLabel("To"))
        row.addWidget(self.adviser_choice)
        row.addWidget(self.assign_button)
        row.addStretch(1)
        row.addWidget(self.sheet_button)
        layout = QVBoxLayout(page)
        self.year_label = QLabel()
        layout.addWidget(self.year_label)
        layout.addWidget(self.school_table, 1)
        layout.addLayout(row)
        layout.addWidget(self.caseload_report)
        return page

    def _send_tab(self) -> QWidget:
        self.export_button = _button("Write each adviser's file…", "Write each adviser's file",
                                     self._export, primary=True)
        self.export_report = _report("Files written")
        return self._step("Each adviser receives their schools with everything recorded "
                          "about them, the programme and the data. Give them their file "
                          "(Sync… in their app).", self.export_button, self.export_report)

    # Reading the store

    def refresh(self) -> None:
        centre, year = self.centre, self.year
        Op(self, lambda: (centre.authority(), centre.advisers(year), centre.schools(year)),
           changes_kind=None).success(self._show).run_in_background()

    def _show(self, state: tuple) -> None:
        authority, advisers, schools = state
        ready = authority is not None
        self.heading.setText(f"{authority.name}: the centre" if ready
                             else "Set up the authority's centre")
        if ready:
            self.authority_name.setText(authority.name)
            self.la_codes.setText(authority.codes_text)
        self.authority_name.setReadOnly(ready)
        for index in range(1, self.tabs.count()):
            self.tabs.setTabEnabled(index, ready)
        working = [a for a in advisers if a.retired_on is None]
        _fill(self.adviser_table, [[a.name, a.email, a.schools,
                                    f"{a.retired_on:%d %b %Y}" if a.retired_on else ""]
                                   for a in advisers], [a.email for a in advisers])
        self.adviser_choice.clear()
        for adviser in working:
            self.adviser_choice.addItem(f"{adviser.name} <{adviser.email}>", adviser.email)
        open_schools = [s for s in schools if s.open]
        _fill(self.school_table, [[s.urn, s.name, s.phase, s.kind, s.adviser]
                                  for s in open_schools], [s.urn for s in open_schools])
        assigned = sum(1 for s in open_schools if s.adviser)
        self.year_label.setText(
            f"Caseloads for {self.year}/{(self.year + 1) % 100:02d}: {assigned} of "
            f"{len(open_schools)} open schools assigned. Select schools, choose the adviser.")

    # Steps

    def _run(self, work: Callable[[], Any], shown: Callable[[Any], None]) -> None:
        def done(result: Any) -> None:
            shown(result)
            self.refresh()

        Op(self, work, changes_kind=None).success(done).run_in_background()

    def _set_up(self) -> None:
        name, codes = self.authority_name.text(), self.la_codes.text().replace(",", " ").split()
        self._run(lambda: self.centre.set_up(name, codes), lambda _info: None)

    def _load_gias(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load a GIAS extract", "", GIAS_FILES)
        if path:
            self.load_gias(Path(path))

    def load_gias(self, path: Path) -> None:
        self._run(lambda: self.centre.load_schools(path),
                  lambda report: self.schools_report.setPlainText("\n".join(report.lines())))

    def _enrol(self) -> None:
        name, email = self.adviser_name.text(), self.adviser_email.text()

        def enrolled(_row: object) -> None:
            self.adviser_name.clear()
            self.adviser_email.clear()

        self._run(lambda: self.centre.add_adviser(name, email), enrolled)

    def _retire(self) -> None:
        rows = self.adviser_table.selectionModel().selectedRows()
        if not rows:
            return
        email = self.adviser_table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        if QMessageBox.question(self, "Retire adviser",
                                f"Retire {email}? Their visits and records stay; they take "
                                "no new schools.") != QMessageBox.StandardButton.Yes:
            return
        year = self.year

        def retired(result: Any) -> None:
            if result.still_assigned:
                QMessageBox.information(self, "Schools to reassign",
                                        "Still assigned to them this year:\n"
                                        + "\n".join(result.still_assigned))

        self._run(lambda: self.centre.retire(email, year), retired)

    def selected_urns(self) -> list[int]:
        return [self.school_table.item(i.row(), 0).data(Qt.ItemDataRole.UserRole)
                for i in self.school_table.selectionModel().selectedRows()]

    def _assign(self) -> None:
        urns, email, year = self.selected_urns(), self.adviser_choice.currentData(), self.year
        if not urns or not email:
            self.caseload_report.setPlainText("Select one or more schools and an adviser.")
            return
        self._show_assign(lambda: self.centre.assign(urns, email, year))

    def _assign_sheet(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Caseloads from a sheet", "", SHEETS)
        if path:
            self.assign_sheet(Path(path))

    def assign_sheet(self, path: Path) -> None:
        year = self.year
        self._show_assign(lambda: self.centre.assign_sheet(path, year))

    def _show_assign(self, work: Callable[[], Any]) -> None:
        self._run(work, lambda r: self.caseload_report.setPlainText("\n".join(r.lines())))

    def _export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the advisers' files")
        if folder:
            self.export_to(Path(folder))

    def export_to(self, folder: Path) -> None:
        self._run(lambda: self.centre.export(folder), lambda files: self.export_report
                  .setPlainText("\n".join(f"{f.adviser}: {f.path}" for f in files)
                                or "No adviser has a caseload yet."))
