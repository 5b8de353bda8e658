"""One object holding the open store, the programme and every service the screens use.

Like Anki's collection: the app opens it once, hands it to the screens, and every change goes
through it. It never imports Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from linkadviser.caseload import Caseload
from linkadviser.paths import database_path
from linkadviser.programme import default_programme
from linkadviser.programme.model import Programme
from linkadviser.store.db import Store, open_store
from linkadviser.visits import VisitEditor
from linkadviser.workflow import Workflow


class Services:
    def __init__(self, store: Store, programme: Programme,
                 today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.programme = programme
        self.today = today
        self.visits = VisitEditor(store)
        self.workflow = Workflow(store, programme, today)
        self.caseload = Caseload(store, programme, today)

    def close(self) -> None:
        self.store.close()


def open_services(path: Path | None = None, programme: Programme | None = None,
                  today: Callable[[], date] = date.today) -> Services:
    """Open the adviser's store (the default one unless ``path`` is given)."""
    store = open_store(path or database_path())
    return Services(store, programme or default_programme(), today)
