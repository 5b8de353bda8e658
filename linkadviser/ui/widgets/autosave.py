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

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from linkadviser.errors import LinkAdviserError

SAVE_DELAY_MS = 400
MAX_UNSAVED_MS = 700


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
        try:
            self._save(self._value())
        except LinkAdviserError as exc:
            self.failed.emit(str(exc))
            return
        self.saved.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusOut:
            self.flush()
        return False


def flush_all(root: QObject) -> None:
    """Save every pending edit under ``root`` (before closing or switching visit)."""
    for saver in root.findChildren(Autosaver):
        saver.flush()
