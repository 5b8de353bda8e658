"""The outline on the left of the workspace: every place in the visit, marked done or to do.

Long section titles wrap rather than being cut short. Qt's list sizes a wrapped row with a
slightly wider text width than it then paints with, so some titles were drawn elided with a
blank line beneath; rows here are measured with a margin to spare, again whenever the list is
resized.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem

from linkadviser.ui.style import qcolour
from linkadviser.visit.outline import OutlinePlace

MARKS = {"complete": "✓", "to do": "●", "optional": "○"}
SPARE_WIDTH = 36  # px kept free when measuring a row: the mark, the spacing, and Qt's margin


class OutlineList(QListWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("outline")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setSpacing(4)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Visit outline")

    def set_places(self, places: list[OutlinePlace]) -> None:
        self.blockSignals(True)
        self.clear()
        for place in places:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, place.key)
            self.addItem(item)
        self.blockSignals(False)
        self.show_progress(places)

    def show_progress(self, places: list[OutlinePlace]) -> None:
        for row, place in enumerate(places):
            item = self.item(row)
            item.setText(f"{MARKS[place.status]}  {place.title}")
            item.setToolTip(f"{place.title}: {place.status}")
            item.setForeground(qcolour("ok" if place.complete else "text"))
        self._fit_rows()

    def key(self, row: int) -> str | None:
        item = self.item(row)
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _fit_rows(self) -> None:
        width = max(60, self.viewport().width() - SPARE_WIDTH)
        metrics = self.fontMetrics()
        for row in range(self.count()):
            item = self.item(row)
            text = metrics.boundingRect(QRect(0, 0, width, 10_000),
                                        Qt.TextFlag.TextWordWrap, item.text())
            item.setSizeHint(QSize(width, text.height() + 6))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_rows()
