"""Input widgets the workspace uses, each wired to save itself (see ``autosave``).

Text areas grow with what is typed rather than scrolling inside a scrolling page, so a long
note never hides behind a second scroll bar; dates and numbers are typed, not picked, because
the adviser is usually on a keyboard and a blank date must stay blank.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QComboBox, QFrame, QLineEdit, QSizePolicy, QTextEdit, QWidget

from linkadviser.figures import number_text as format_number
from linkadviser.figures import with_unit
from linkadviser.ui.widgets.autosave import Autosaver, InputError

__all__ = ["format_number", "with_unit"]  # re-exported for the screens

DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y")


def parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise InputError(f"“{text}” is not a date; type it as day/month/year, e.g. 14/03/2027.")


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_number(text: str) -> float | None:
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise InputError(f"“{text}” is not a number; type figures only, e.g. 62.5.") from None


class GrowingTextEdit(QTextEdit):
    """A plain-text area as tall as its text (at least ``min_lines``), never scrolling itself."""

    def __init__(self, text: str = "", min_lines: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(True)  # Tab moves on, as in a form; typing a tab is rarely wanted
        self.setPlainText(text)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._min_lines = min_lines
        self.document().contentsChanged.connect(self._fit)
        # Fitted on the first resize (when it is laid out); fitting here cost ~3 ms a field.

    def plain(self) -> str:
        return self.toPlainText()

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        line = self.fontMetrics().lineSpacing()
        height = max(self.document().size().height(), line * self._min_lines)
        margins = self.contentsMargins()
        self.setFixedHeight(int(height) + margins.top() + margins.bottom() + 8)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())


def text_area(text: str, save: Callable[[str], None], placeholder: str = "",
              min_lines: int = 3) -> GrowingTextEdit:
    edit = GrowingTextEdit(text, min_lines)
    edit.setPlaceholderText(placeholder)
    Autosaver(edit, edit.textChanged, edit.plain, save)
    return edit


def line_field(text: str, save: Callable[[Any], None], placeholder: str = "",
               convert: Callable[[str], Any] = str) -> QLineEdit:
    """A one-line field; ``convert`` turns the text into the stored value (or raises)."""
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder)
    Autosaver(edit, edit.textEdited, lambda: convert(edit.text()), save)
    return edit


def choice_field(value: str, choices: list[str], save: Callable[[str], None],
                 editable: bool = True) -> QComboBox:
    box = QComboBox()
    box.setEditable(editable)
    box.addItems(choices)
    if value and box.findText(value) < 0:
        box.addItem(value)
    box.setCurrentText(value)
    Autosaver(box, box.currentTextChanged, box.currentText, save)
    return box


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setObjectName("separator")
    return line
