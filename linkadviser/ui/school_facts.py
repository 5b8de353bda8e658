"""The school page's "Leaders and governors" card: who the headteacher is and since when, the
chair, the governors nominated for the headteacher's performance management, and whether
governors have sanctioned this year's targets, each editable from here.

The facts come from ``SchoolFacts`` and ``TargetSanctions`` (no SQL here); changes are saved
through ``Op`` in the background and announced on the one "changes" signal.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.school.facts import Leadership
from linkadviser.services import Services
from linkadviser.ui.ops import Op
from linkadviser.ui.workspace.parts import card, label
from linkadviser.visit.sanction import SanctionSummary
from linkadviser.words import count, plural

ROWS = ("Headteacher", "In post since", "Chair of governors", "Nominated governors",
        "Targets")


def _qdate(when: date) -> QDate:
    return QDate(when.year, when.month, when.day)


def _date_edit(when: date, name: str) -> QDateEdit:
    edit = QDateEdit(_qdate(when))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMMM yyyy")
    edit.setMaximumDate(_qdate(date.today()))
    edit.setAccessibleName(name)
    return edit


def _save_cancel(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class LeadershipDialog(QDialog):
    """Edit the headteacher (and start date), the chair and the nominated governors."""

    def __init__(self, kept: Leadership, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Leaders and governors")
        self.headteacher = self._line(kept.headteacher, "Headteacher")
        self.since_known = QCheckBox("Start date known")
        self.since_known.setAccessibleName("Headteacher's start date known")
        self.since_known.setChecked(kept.headteacher_since is not None)
        self.since = _date_edit(kept.headteacher_since or today, "Headteacher in post since")
        self.since.setMaximumDate(_qdate(today))
        self.since.setEnabled(self.since_known.isChecked())
        self.since_known.toggled.connect(self.since.setEnabled)
        self.chair = self._line(kept.chair, "Chair of governors")
        self.nominated = QPlainTextEdit("\n".join(kept.nominated_governors))
        self.nominated.setAccessibleName("Nominated governors, one per line")
        self.nominated.setPlaceholderText("One name per line")
        self.nominated.setFixedHeight(90)
        since_row = QHBoxLayout()
        since_row.addWidget(self.since_known)
        since_row.addWidget(self.since, 1)
        form = QFormLayout(self)
        form.addRow("Headteacher", self.headteacher)
        form.addRow("In post since", since_row)
        form.addRow("Chair of governors", self.chair)
        form.addRow("Nominated governors\n(headteacher performance\nmanagement)", self.nominated)
        form.addRow(_save_cancel(self))

    @staticmethod
    def _line(text: str, name: str) -> QLineEdit:
        edit = QLineEdit(text)
        edit.setAccessibleName(name)
        edit.setMaxLength(200)
        edit.setMinimumWidth(320)
        return edit

    def values(self) -> Leadership:
        since = self.since.date().toPython() if self.since_known.isChecked() else None
        names = [n.strip() for n in self.nominated.toPlainText().splitlines() if n.strip()]
        return Leadership(self.headteacher.text(), since, self.chair.text(), names)


class SanctionDialog(QDialog):
    """Asks the date governors sanctioned the agreed targets."""

    def __init__(self, summary: SanctionSummary, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Governors' sanction of targets")
        n = summary.agreed
        intro = QLabel(f"The {count(n, 'target')} agreed at visit 1 ({summary.year}) "
                       f"{plural(n, 'is')} to be sanctioned by governors. When did the "
                       f"governing body sanction {'it' if n == 1 else 'them'}?")
        intro.setWordWrap(True)
        self.on = _date_edit(today, "Date governors sanctioned the targets")
        self.on.setMaximumDate(_qdate(today))
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("Sanctioned on", self.on)
        form.addRow(_save_cancel(self))

    def value(self) -> date:
        return self.on.date().toPython()


class LeadershipCard(QFrame):
    """The card itself: filled in per school by ``show_school``."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.school_id: str | None = None
        self.kept = Leadership()
        self.summary: SanctionSummary | None = None
        frame, layout = card()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(frame)
        layout.addWidget(label("Leaders and governors", "title_small"))
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        for r, name in enumerate(ROWS):
            grid.addWidget(label(name, "caption", wrap=False), r, 0,
                           Qt.AlignmentFlag.AlignTop)
            value = label("")
            value.setAccessibleName(name)
            grid.addWidget(value, r, 1)
            self.values[name] = value
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.sanction_button = QPushButton("Targets sanctioned…")
        self.sanction_button.setAccessibleName("Record the date governors sanctioned the targets")
        self.sanction_button.setToolTip("Record the date governors sanctioned the targets "
                                        "agreed at visit 1")
        self.sanction_button.clicked.connect(self.record_sanction)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setAccessibleName("Edit the school's leaders and governors")
        self.edit_button.clicked.connect(self.edit)
        buttons.addWidget(self.sanction_button)
        buttons.addWidget(self.edit_button)
        layout.addLayout(buttons)

    def show_school(self, school_id: str) -> None:
        self.school_id = school_id
        services = self.services

        def read() -> tuple[Leadership, SanctionSummary | None]:
            return services.school_facts.get(school_id), services.sanctions.summary(school_id)

        Op(self, read, changes_kind=None).success(
            lambda result, asked=school_id: self._fill(asked, *result)).run_in_background()

    def _fill(self, school_id: str, kept: Leadership, summary: SanctionSummary | None) -> None:
        if school_id != self.school_id:
            return  # another school was opened while this one was read
        self.kept, self.summary = kept, summary
        since = kept.headteacher_since
        texts = {
            "Headteacher": kept.headteacher or "Not recorded",
            "In post since": f"{since:%d %B %Y}" if since else "Not recorded",
            "Chair of governors": kept.chair or "Not recorded",
            "Nominated governors": ", ".join(kept.nominated_governors) or "None recorded",
            "Targets": summary.text if summary else "No targets agreed yet.",
        }
        for name, text in texts.items():
            self.values[name].setText(text)
            self.values[name].setToolTip(text)
        self.sanction_button.setEnabled(bool(summary and summary.agreed))

    def edit(self) -> None:
        if self.school_id is None:
            return
        dialog = LeadershipDialog(self.kept, self.services.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        school_id, wanted = self.school_id, dialog.values()
        (Op(self, lambda: self.services.school_facts.set(school_id, wanted), "school_facts")
         .success(lambda _kept: self.show_school(school_id)).run_in_background())

    def record_sanction(self) -> None:
        summary = self.summary
        if self.school_id is None or summary is None:
            return
        dialog = SanctionDialog(summary, self.services.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        school_id, on = self.school_id, dialog.value()
        (Op(self, lambda: self.services.sanctions.sanction(summary.visit_id, on), "targets")
         .success(lambda _count: self.show_school(school_id)).run_in_background())


class SanctionRow(QWidget):
    """Under a visit's targets: where they stand with governors, and a button to record the
    sanction (also on a signed visit: the sanction is not part of the signed record)."""

    def __init__(self, services: Services, visit_id: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        self.services = services
        self.visit_id = visit_id
        self.status = label("", "muted")
        self.status.setAccessibleName("Governors' sanction of the targets")
        self.button = QPushButton("Governors sanctioned these targets…")
        self.button.setAccessibleName("Record the date governors sanctioned these targets")
        self.button.clicked.connect(self.record)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.button)
        self.refresh()

    def refresh(self) -> None:
        self.summary = self.services.sanctions.summary_of_visit(self.visit_id)
        self.status.setText(self.summary.text)
        self.status.setToolTip(self.summary.text)
        self.button.setEnabled(self.summary.agreed > 0)

    def record(self) -> None:
        self.refresh()  # targets may have been agreed since the page was drawn
        dialog = SanctionDialog(self.summary, self.services.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        visit_id, on = self.visit_id, dialog.value()
        (Op(self, lambda: self.services.sanctions.sanction(visit_id, on), "targets")
         .success(lambda _count: self.refresh()).run_in_background())
