"""What every page of the workspace needs: the visit, the services, and where to report.

Pages are built from this and the visit's content; they call the services through it and tell
the workspace when something was saved (so progress and QA refresh) or failed (so the message
is shown). Pages never hold the database or ORM objects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from linkadviser.errors import LinkAdviserError
from linkadviser.programme.model import Programme, VisitDefinition
from linkadviser.services import Services
from linkadviser.ui.widgets.autosave import Autosaver
from linkadviser.visit.records import VisitRecords

ADOPTED = "workspace_adopted"


@dataclass
class PageContext:
    services: Services
    records: VisitRecords
    visit_id: str
    programme: Programme  # the version the visit was begun under
    definition: VisitDefinition
    read_only: bool
    undo: QUndoStack
    report: Callable[[str], None]
    saved: Callable[[], None]
    go_to: Callable[[str], None]
    reload: Callable[[], None] = lambda: None  # rebuild the pages from the store
    notify: Callable[[str], None] = lambda message: None  # a message that is not a problem

    def call(self, action: Callable[[], Any]) -> tuple[bool, Any]:
        """Run a service call from a button; show a user error instead of raising it.

        Returns whether it worked, and what it returned."""
        try:
            result = action()
        except LinkAdviserError as exc:
            self.report(str(exc))
            return False, None
        self.saved()
        return True, result

    def set_keyed(self, kind: str, key: str, **fields: Any) -> None:
        """Save one keyed record (a note, a tick...); errors propagate to the autosaver."""
        self.services.visits.set_keyed(self.visit_id, kind, key, **fields)

    def adopt(self, widget: QWidget) -> None:
        """Route the saves of every field under ``widget`` to the workspace."""
        for saver in widget.findChildren(Autosaver):
            if not saver.property(ADOPTED):
                saver.setProperty(ADOPTED, True)
                saver.saved.connect(self.saved)
                saver.failed.connect(self.report)
                saver.undo_stack = self.undo
