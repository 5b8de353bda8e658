"""Running service calls off the UI thread, and telling every screen when data changed.

Modelled on Anki's ``CollectionOp``: ``Op(parent, fn).success(cb).failure(cb).run_in_background()``.
``fn`` runs on a worker thread; the callbacks run on the UI thread. A successful op that changes
data emits ``changes().changed`` once, and screens refresh themselves from that one signal.
Errors the user can cause (``LinkAdviserError``) are shown as their message; anything else is
shown as an unexpected error with a pointer to the log, never as a raw traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance
from PySide6.QtWidgets import QMessageBox, QWidget

from linkadviser.errors import LinkAdviserError

log = logging.getLogger(__name__)


class ChangeNotifier(QObject):
    """The one signal screens listen to; the argument names what changed (e.g. 'visit')."""

    changed = Signal(str)


_notifier: ChangeNotifier | None = None


def changes() -> ChangeNotifier:
    global _notifier
    if _notifier is None:
        _notifier = ChangeNotifier()
    return _notifier


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, LinkAdviserError):
        QMessageBox.warning(parent, "linkadviser", str(exc))
        return
    log.error("unexpected error in an action", exc_info=exc)
    QMessageBox.critical(
        parent, "linkadviser",
        "Something unexpected went wrong and the action was not completed. Your saved work is "
        "safe. Please report this with the log file in the linkadviser data folder.")


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - handed to the UI thread to report
            self._deliver(self.relay.failed, exc)
        else:
            self._deliver(self.relay.done, result)

    @staticmethod
    def _deliver(signal: SignalInstance, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            pass  # the app closed while the work ran: nobody is left to tell


class Op:
    """One service call run in the background, with UI-thread callbacks."""

    _running: set[Op] = set()

    def __init__(self, parent: QWidget | None, fn: Callable[[], Any],
                 changes_kind: str | None = "data") -> None:
        self.parent = parent
        self.fn = fn
        self.changes_kind = changes_kind
        self._success: Callable[[Any], None] | None = None
        self._failure: Callable[[BaseException], None] | None = None
        self._relay = _Relay()

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._failure = callback
        return self

    def run_in_background(self) -> None:
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        Op._running.add(self)
        QThreadPool.globalInstance().start(_Job(self.fn, self._relay))

    def _parent_gone(self) -> bool:
        """The screen that asked may have been closed while the work ran."""
        return self.parent is not None and not shiboken6.isValid(self.parent)

    def _on_done(self, result: object) -> None:
        Op._running.discard(self)
        if self._success and not self._parent_gone():
            self._success(result)
        if self.changes_kind:
            changes().changed.emit(self.changes_kind)

    def _on_failed(self, exc: BaseException) -> None:
        Op._running.discard(self)
        parent = None if self._parent_gone() else self.parent
        if self._failure and parent is not None:
            self._failure(exc)
        else:
            show_error(parent, exc)
