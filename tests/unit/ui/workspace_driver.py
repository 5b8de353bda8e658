"""Driving the visit workspace as an adviser would: clicks and typing into the real widgets.

Shared by the workspace tests (not a test module itself).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QTextEdit,
    QWidget,
)

from linkadviser.services import Services
from linkadviser.ui.workspace import VisitWorkspace
from linkadviser.ui.workspace.records import RecordList
from tests.factories import make_school

TODAY = date(2026, 11, 26)  # autumn term of 2026/27


def pump(ms: int, until: Callable[[], bool] = lambda: False) -> bool:
    """Process events for up to ``ms`` (or until ``until()``); True if ``until()`` came true.

    Not ``qtbot.wait``: that runs a nested event loop, which returns at once for the rest of the
    session once any earlier test has made the application quit (tests/unit/ui/test_app.py
    runs the app to its end), and then timers such as the autosave's never fire.
    """
    deadline = time.monotonic() + ms / 1000
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if until():
            return True
        time.sleep(0.005)
    return until()


def answer(qtbot, button_text: str, seen: list[str] | None = None) -> None:
    """When the next message box opens, note its text and click the button named."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        if seen is not None:
            seen.append(box.text())
        button = next(b for b in box.findChildren(QAbstractButton) if b.text() == button_text)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QTimer.singleShot(0, click)


def add_school(services: Services, name: str = "Wexham Park Academy", urn: int = 990101) -> str:
    return make_school(services.store, urn=urn, name=name, phase="secondary",
                       headteacher="Ms A Jones", chair_of_governors="Mr B Smith")


class Driver:
    def __init__(self, qtbot, services: Services, visit_id: str) -> None:
        self.qtbot = qtbot
        self.w = VisitWorkspace(services, visit_id)
        qtbot.addWidget(self.w)
        self.w.resize(1366, 768)
        self.w.show()
        qtbot.waitExposed(self.w)
        assert pump(5000, lambda: self.w.side.count() == 1)  # the linked visits follow the page

    def page(self) -> QWidget:
        return self.w.page(self.w.current_place())

    def find(self, name: str, cls: type = QWidget) -> QWidget:
        widget = self.page().findChild(cls, name)
        assert widget is not None, f"no {name} on {self.w.current_place()}"
        return widget

    def type(self, widget: QWidget, text: str) -> None:
        """Focus ``widget`` and type ``text``; a newline is typed as Return."""
        widget.setFocus()
        for n, line in enumerate(text.split("\n")):
            if n:
                self.qtbot.keyClick(widget, Qt.Key.Key_Return)
            self.qtbot.keyClicks(widget, line)

    def type_in(self, name: str, text: str) -> None:
        self.type(self.find(name), text)

    def click(self, widget: QWidget) -> None:
        if isinstance(widget, QCheckBox):
            widget.setFocus()
            self.qtbot.keyClick(widget, Qt.Key.Key_Space)  # as a keyboard user ticks
        else:
            self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)

    def add_record(self, place: str, kind: str) -> QWidget:
        self.w.go_to(place)
        records = self.page().findChild(RecordList, f"records:{kind}")
        before = len(records.cards())
        self.click(records.add_button)
        cards = records.cards()
        assert len(cards) == before + 1
        assert cards[-1].isAncestorOf(self.w.focusWidget())  # the cursor is in the new one
        return cards[-1]

    def fill(self, card: QWidget, field: str, value: str | bool) -> None:
        """Set a field of a record card as a user would, replacing what it held."""
        widget = next(w for w in card.findChildren(QWidget) if w.objectName().endswith(
            "." + field))
        if isinstance(widget, QCheckBox):
            if widget.isChecked() != value:
                self.click(widget)
        elif isinstance(widget, QComboBox):
            if widget.isEditable():
                widget.lineEdit().selectAll()
                self.type(widget.lineEdit(), str(value))
            else:
                widget.setFocus()
                widget.setCurrentText(str(value))
        else:
            assert isinstance(widget, QLineEdit | QTextEdit)
            widget.selectAll()
            self.type(widget, str(value))

    def record(self, place: str, kind: str, **fields: str | bool) -> QWidget:
        card = self.add_record(place, kind)
        for name, value in fields.items():
            self.fill(card, name, value)
        return card

    def unmet(self) -> list[str]:
        return [r.criterion_key for r in self.w.services.workflow.unmet(self.w.visit_id)]
