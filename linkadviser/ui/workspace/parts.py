"""The building blocks of a workspace page: headings, prompts, a scrolling column.

Kept in one place so every page has the same typographic hierarchy (page title, prompt, item
heading, caption) and none of them can scroll sideways at 1366x768.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

EDIT_ACTION = "edit_action"  # property on buttons that change the record (hidden when signed)


def label(text: str, role: str = "body", wrap: bool = True) -> QLabel:
    """A label styled by ``role``: title, prompt, heading, caption, body, muted."""
    widget = QLabel(text)
    widget.setObjectName(role)
    widget.setWordWrap(wrap)
    widget.setIndent(0)  # a styled label otherwise indents its text by half an "x"
    if role == "body":  # what the record says can be selected and copied; headings need not
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def edit_button(text: str) -> QPushButton:
    """A button that changes the record, so it disappears on a signed visit."""
    button = QPushButton(text)
    button.setProperty(EDIT_ACTION, True)
    return button


def left_aligned(*widgets: QWidget) -> QWidget:
    """``widgets`` in a row at their natural width on the left, not stretched across."""
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    row.addStretch(1)
    return holder


def card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(12, 10, 12, 10)
    layout.setSpacing(6)
    return frame, layout


class Page(QScrollArea):
    """A page of the workspace: a title, a prompt, then its content in one column."""

    def __init__(self, title: str, prompt: str = "") -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("page")
        self.column = QVBoxLayout(body)
        self.column.setContentsMargins(24, 16, 24, 24)
        self.column.setSpacing(10)
        self.column.addWidget(label(title, "title"))
        if prompt:
            self.column.addWidget(label(prompt, "prompt"))
        self.setWidget(body)

    def add(self, widget: QWidget) -> QWidget:
        self.column.addWidget(widget)
        return widget

    def finish(self) -> None:
        self.column.addStretch(1)



def reveal(widget: QWidget) -> None:
    """Scroll the page holding ``widget`` to it and put the cursor in it."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget, 0, 80)
    widget.setFocus(Qt.FocusReason.OtherFocusReason)


def make_read_only(root: QWidget) -> None:
    """Lock every field under ``root``: text stays selectable, nothing can be changed."""
    for edit in root.findChildren(QTextEdit) + root.findChildren(QLineEdit):
        edit.setReadOnly(True)
    for box in root.findChildren(QComboBox):
        box.setEnabled(False)
    for button in root.findChildren(QAbstractButton):
        if button.property(EDIT_ACTION):
            button.hide()
        elif button.isCheckable():
            button.setEnabled(False)
