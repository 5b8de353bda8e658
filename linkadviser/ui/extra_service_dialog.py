"""Recording a chargeable extra service a school has taken (from the school view)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QWidget,
)


class ExtraServiceDialog(QDialog):
    """Asks which extra, when, and at what price (none yet: to be quoted)."""

    def __init__(self, titles: dict[str, str], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record an extra service")
        self.service = QComboBox()
        for key, title in titles.items():
            self.service.addItem(title, key)
        # Sized to a sensible width, not the longest title (which made the dialog 1,230 px).
        self.service.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.service.setMinimumContentsLength(36)
        self.taken_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.taken_on.setCalendarPopup(True)
        self.taken_on.setDisplayFormat("d MMM yyyy")
        self.cost = QDoubleSpinBox()
        self.cost.setRange(0, 1_000_000)
        self.cost.setDecimals(2)
        self.cost.setPrefix("£")
        self.cost.setSpecialValueText("To be quoted")  # 0 shows as: not priced yet
        self.notes = QLineEdit(placeholderText="e.g. which department, or who asked for it")
        form = QFormLayout(self)
        form.addRow("Service", self.service)
        form.addRow("Taken on", self.taken_on)
        form.addRow("Price", self.cost)
        form.addRow("Notes", self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> tuple[str, date, float | None, str]:
        """The service key, date, price (None when still to be quoted) and notes."""
        price = self.cost.value()
        return (self.service.currentData(), self.taken_on.date().toPython(),
                price if price > 0 else None, self.notes.text())
