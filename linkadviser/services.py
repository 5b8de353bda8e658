"""One object holding the open store, the programme and every service the screens use.

Like Anki's collection: the app opens it once, hands it to the screens, and every change goes
through it. It never imports Qt.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path

import yaml

from linkadviser.caseload.overview import Caseload
from linkadviser.caseload.snapshot import CaseloadSnapshot, save_snapshot
from linkadviser.extras import ExtraServices
from linkadviser.paths import database_path
from linkadviser.programme import bundled_history, bundled_programmes
from linkadviser.programme.model import Programme
from linkadviser.programme.registry import ProgrammeRegistry
from linkadviser.school.facts import SchoolFacts
from linkadviser.store.db import Store, open_store
from linkadviser.visit.content import VisitContent
from linkadviser.visit.editor import VisitEditor
from linkadviser.visit.sanction import TargetSanctions
from linkadviser.visit.workflow import Workflow


def programme_source(programme: Programme) -> str:
    """The programme as YAML that loads back to the same programme (a test proves it)."""
    return yaml.safe_dump(asdict(programme), sort_keys=False, allow_unicode=True)


class Services:
    def __init__(self, store: Store, programme: Programme,
                 today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.programme = programme
        self.today = today
        others = [(p, lambda path=path: path.read_text(encoding="utf-8"))
                  for p, path in bundled_programmes() if p.id != programme.id]
        self.programmes = ProgrammeRegistry(store, programme, lambda: programme_source(programme),
                                            others, bundled_history)
        self.visits = VisitEditor(store)
        self.workflow = Workflow(store, programme, today, self.programmes)
        self.caseload = Caseload(store, programme, today)
        self.extras = ExtraServices(store, programme, today)
        self.school_facts = SchoolFacts(store, today)
        self.sanctions = TargetSanctions(store, today)

    def programme_for(self, content: VisitContent) -> Programme:
        """The programme version this visit was begun under (not necessarily today's), as it
        reads in the visit's year."""
        return self.programmes.get(content.programme_id, content.programme_version
                                   ).for_year(content.academic_year)

    def snapshot(self) -> CaseloadSnapshot:
        """The caseload screen as it stands now (what the next start shows at once)."""
        return CaseloadSnapshot(term_label=self.caseload.current_term().label,
                                rows=self.caseload.rows(),
                                demo=self.store.get_meta("demo") == "true")

    def close(self, keep_snapshot: bool = False) -> None:
        """Close the store; with ``keep_snapshot``, leave the caseload for the next start.

        The snapshot is read before closing but stamped after, since closing folds the
        write-ahead log into the store file and so changes it.
        """
        snapshot = self.snapshot() if keep_snapshot and self.store.path else None
        self.store.close()
        if snapshot is not None:
            save_snapshot(self.store.path, snapshot, self.today())


def warm_up_data_layer() -> None:
    """Import the data analysis (pandas) ahead of need.

    Its first import takes about half a second and, in any thread, holds up the screens while
    it runs; the app does it in the background while the adviser reads the caseload, so that
    opening the first school does not pay for it.
    """
    import linkadviser.data.chart_data  # noqa: F401
    from linkadviser.data.config import default_rules

    default_rules()  # read once; the school view judges targets with them
    # pandas leaves hundreds of thousands of long-lived objects; without this, every later
    # full collection scans them all, a 50 ms pause landing in whatever screen is opening.
    gc.freeze()


def open_services(path: Path | None = None, programme: Programme | None = None,
                  today: Callable[[], date] = date.today) -> Services:
    """Open the adviser's store (the default one unless ``path`` is given).

    The programme is the one the centre last sent with a sync file, else the bundled one.
    """
    from linkadviser.sync.programme_source import current_programme

    store = open_store(path or database_path())
    try:
        chosen = programme or current_programme(store)
    except BaseException:
        store.close()
        raise
    return Services(store, chosen, today)
