"""Saving as you type: every edit reaches the store within a second, with no save button.

An ``Autosaver`` watches one widget. Each edit restarts a short timer (400 ms); when it fires,
or the widget loses focus, or the screen is closed, the widget's current value is handed to a
save function (a service call). Typing therefore costs one write per pause, not per key. Someone
typing without a pause would never let that timer fire, so a second timer, started by the first
unsaved edit and never restarted, saves anyway after 700 ms: an adviser who closes the lid (or
whose laptop dies) mid-sentence loses at most the last fraction of a second.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QComboBox, QLineEdit, QTextEdit, QWidget

from linkadviser.errors import LinkAdviserError

SAVE_DELAY_MS = 400
MAX_UNSAVED_MS = 700


RETIRED = "retired"  # property on a widget whose record was removed (see ``retire_all``)


class InputError(LinkAdviserError):
    """What was typed cannot be read (a date or a number in the wrong form)."""


class Autosaver(QObject):
    """Saves ``value()`` through ``save`` shortly after the last edit, and on focus-out.

    ``failed`` carries the message of a ``LinkAdviserError`` (e.g. an unreadable date or a
    visit signed meanwhile) so the screen can show it; ``saved`` lets it refresh progress.
    """

    saved = Signal()
    failed = Signal(str)

    def __init__(self, widget: QWidget, changed: Any, value: Callable[[], Any],
                 save: Callable[[Any], None], delay_ms: int = SAVE_DELAY_MS) -> None:
        super().__init__(widget)
        self._value = value
        self._save = save
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(max(delay_ms, MAX_UNSAVED_MS))
        self._deadline.timeout.connect(self.flush)
        changed.connect(self.poke)
        widget.installEventFilter(self)
        self._widget = widget
        self.undo_stack: QUndoStack | None = None  # set by the screen: edits become undoable
        self.retired = False  # its record was removed: its edits are no longer undone here
        self._last_state = widget_state(widget)

    @property
    def pending(self) -> bool:
        return self._pending

    def poke(self, *_args: object) -> None:
        if not self._pending:
            self._deadline.start()
        self._pending = True
        self._timer.start()

    def flush(self) -> None:
        """Save now if anything changed since the last save."""
        self._timer.stop()
        self._deadline.stop()
        if not self._pending:
            return
        self._pending = False
        if not self._save_now():
            return
        state = widget_state(self._widget)
        if self.undo_stack is not None and state != self._last_state:
            self.undo_stack.push(EditCommand(self, self._last_state, state))
        self._last_state = state

    def _save_now(self) -> bool:
        try:
            self._save(self._value())
        except LinkAdviserError as exc:
            self.failed.emit(str(exc))
            return False
        self.saved.emit()
        return True

    def restore(self, state: object) -> None:
        """Put the field back as it was (Undo / Redo) and save that."""
        self._timer.stop()
        self._deadline.stop()
        self._pending = False
        set_widget_state(self._widget, state)
        self._last_state = state
        self._save_now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False


def widget_state(widget: QWidget) -> object:
    """What the field shows, in a form ``set_widget_state`` puts back."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentText() if widget.isEditable() else widget.currentIndex()
    return None


def set_widget_state(widget: QWidget, state: object) -> None:
    blocked = widget.blockSignals(True)  # not an edit of its own: nothing to debounce
    try:
        if isinstance(widget, QLineEdit):
            widget.setText(str(state))
        elif isinstance(widget, QTextEdit):
            widget.setPlainText(str(state))
        elif isinstance(widget, QComboBox):
            if isinstance(state, int):
                widget.setCurrentIndex(state)
            else:
                widget.setCurrentText(str(state))
    finally:
        widget.blockSignals(blocked)


class EditCommand(QUndoCommand):
    """One saved edit of a field, on the screen's undo stack beside ticks and removals."""

    def __init__(self, saver: Autosaver, before: object, after: object) -> None:
        super().__init__(f"Edit {saver.parent().accessibleName() or 'the field'}"[:60])
        self._saver, self._before, self._after = saver, before, after
        self._done = True  # pushed once already saved: the first redo has nothing to do

    def _live(self) -> bool:
        """A field on a record removed since (perhaps put back since, as a new card) is gone:
        its record was kept as it stood then, so there is nothing left to undo through it."""
        return shiboken6.isValid(self._saver) and not self._saver.retired

    def redo(self) -> None:
        if self._done:
            self._done = False
        elif self._live():
            self._saver.restore(self._after)

    def undo(self) -> None:
        if self._live():
            self._saver.restore(self._before)


def flush_all(root: QObject) -> None:
    """Save every pending edit under ``root`` (before closing or switching visit)."""
    for saver in root.findChildren(Autosaver):
        saver.flush()


def retire_all(root: QObject) -> None:
    """Save, then let go of, every field under ``root`` (its record is being removed)."""
    flush_all(root)
    for saver in root.findChildren(Autosaver):
        saver.retired = True
    for widget in root.findChildren(QWidget):
        widget.setProperty(RETIRED, True)
