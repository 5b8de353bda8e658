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
from linkadviser.caseload.term import TermAhead
from linkadviser.extras import ExtraServices
from linkadviser.paths import database_path
from linkadviser.preferences import Preferences
from linkadviser.programme import bundled_history, bundled_programmes
from linkadviser.programme.model import Programme
from linkadviser.programme.registry import ProgrammeRegistry
from linkadviser.school.facts import SchoolFacts
from linkadviser.store.backups import (
    BackupInfo,
    backup_to,
    keep_daily_backup,
    restore_backup,
)
from linkadviser.store.db import Store, open_store
from linkadviser.store.migrate import known_revisions
from linkadviser.visit.booking import Bookings
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
        self.bookings = Bookings(store, programme, self.workflow, today)
        self.term = TermAhead(store, programme, today, self.programmes.get)
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

    def back_up_to(self, target: Path) -> BackupInfo:
        """A whole copy of the store in a file the adviser chose (a stick, a new laptop)."""
        return backup_to(self.store.path, target, known_revisions())

    def restore_from(self, source: Path) -> tuple[BackupInfo, Path | None]:
        """Put a backup in place of this store, keeping the replaced store as a backup.

        The open connections are let go first; the app then closes and the next start opens
        (and, for an older backup, upgrades) the restored store.
        """
        self.store.engine.dispose()
        return restore_backup(source, self.store.path, known_revisions())

    def close(self, keep_snapshot: bool = False, daily_backup: bool = False) -> None:
        """Close the store; with ``keep_snapshot``, leave the caseload for the next start.

        The snapshot is read before closing but stamped after, since closing folds the
        write-ahead log into the store file and so changes it. With ``daily_backup`` (the app
        closing), today's backup is taken if there is none yet: at close the store is whole
        and the adviser is not waiting for a screen.
        """
        path = self.store.path
        snapshot = self.snapshot() if keep_snapshot and path else None
        kept = Preferences(self.store).backups_kept if daily_backup and path else 0
        self.store.close()
        if kept:
            keep_daily_backup(path, kept, self.today())
        if snapshot is not None:
            save_snapshot(path, snapshot, self.today())


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
