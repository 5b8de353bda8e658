"""Ticks that save at once and can be undone (Ctrl+Z) like typing can.

A tick is one decision, so it is saved immediately rather than debounced; each one is pushed on
the screen's undo stack so an accidental tap on a tablet is one keystroke from being reversed.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QCheckBox

from linkadviser.errors import LinkAdviserError
from linkadviser.ui.widgets.autosave import RETIRED


class TickCommand(QUndoCommand):
    def __init__(self, box: QCheckBox, ticked: bool, save: Callable[[bool], None],
                 report: Callable[[str], None]) -> None:
        super().__init__(("Tick " if ticked else "Untick ") + box.accessibleName()[:40])
        self._box, self._ticked, self._save, self._report = box, ticked, save, report

    def _apply(self, ticked: bool) -> None:
        if not shiboken6.isValid(self._box) or self._box.property(RETIRED):
            return  # its record was removed (and maybe put back as a new card) since
        self._box.blockSignals(True)
        self._box.setChecked(ticked)
        self._box.blockSignals(False)
        try:
            self._save(ticked)
        except LinkAdviserError as exc:
            self._report(str(exc))

    def redo(self) -> None:
        self._apply(self._ticked)

    def undo(self) -> None:
        self._apply(not self._ticked)


def tick_box(text: str, ticked: bool, save: Callable[[bool], None], stack: QUndoStack,
             report: Callable[[str], None], show_text: bool = True) -> QCheckBox:
    """A check box whose every change is saved and undoable through ``stack``.

    Long items are shown in a wrapping label beside the box (``show_text=False``) so they never
    force the page wider than the screen; the box still carries the text for screen readers.
    """
    box = QCheckBox(text if show_text else "")
    box.setAccessibleName(text)
    box.setChecked(ticked)
    box.toggled.connect(lambda on: stack.push(TickCommand(box, on, save, report)))
    return box
