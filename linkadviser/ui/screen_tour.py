"""Every screen and dialog of the app, opened one after another on a store, for the screen check.

``tour(services)`` yields ``(name, window)`` pairs: the main window showing each page (empty
store, caseload, the school with the longest name, each place of an open visit, the county),
and each dialog. The caller measures or pictures the window before asking for the next one;
the tour closes what it opened. A screen added later joins the check by adding a step here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QWidget

if TYPE_CHECKING:
    from linkadviser.services import Services

Step = tuple[str, QWidget]


def settle(ms: int = 0, until: Callable[[], bool] = lambda: True) -> None:
    """Let queued work (background ops, timers) finish, up to ``ms``."""
    import time

    deadline = time.monotonic() + ms / 1000
    QApplication.processEvents()
    while not until() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def longest_named_school(services: Services) -> str:
    rows = services.caseload.rows()
    return max(rows, key=lambda r: len(r.name)).school_id


def empty_tour(services: Services) -> Iterator[Step]:
    """The first start on an empty store."""
    from linkadviser.ui.main_window import MainWindow

    window = MainWindow(services)
    yield "empty store", window
    window.close()


def tour(services: Services, visit_places: bool = True) -> Iterator[Step]:
    """The main window's pages, then the dialogs, on a store with schools and visits."""
    from linkadviser.ui.main_window import MainWindow

    window = MainWindow(services)
    window.resize(1366, 768)
    yield "caseload", window
    school_id = longest_named_school(services)
    window.show_school(school_id)
    settle(5000, lambda: window.school_view.charts is not None)
    yield "school", window
    visit_id = window.school_view.overview.schedule[0].visit_id or \
        services.workflow.ensure_visit(school_id, 1)
    window.show_visit(visit_id)
    workspace = window.workspace
    settle(2000, lambda: workspace.side.count() == 1)
    for key in workspace.place_keys() if visit_places else workspace.place_keys()[:2]:
        workspace.go_to(key, focus=False)
        yield f"visit: {key}", window
    # Last year's signed visit 1: read-only, and full of what was recorded (targets, actions).
    signed = next((h.visit_id for h in window.school_view.overview.history
                   if h.number == 1 and h.visit_id != visit_id), None)
    if signed is not None:
        window.show_visit(signed, school_id)
        settle(2000, lambda: window.workspace.side.count() == 1)
        for key in ("attendees", "section:targets", "section:action_points", "qa"):
            if key in window.workspace.place_keys():
                window.workspace.go_to(key, focus=False)
                yield f"signed visit: {key}", window
    yield from _dialogs(services, window, visit_id)
    yield from _school_dialogs(services, window, school_id, visit_id)
    window.show_term()
    settle(2000)
    yield "term ahead", window
    window.show_county()
    settle(30000, lambda: window.county_page.view.report is not None)
    yield "county", window
    window.close()


def _school_dialogs(services: Services, window: QWidget, school_id: str, visit_id: str
                    ) -> Iterator[Step]:
    """The school page's own dialogs: adding schools, its leaders, the targets' sanction."""
    from linkadviser.ui.add_schools import AddSchoolsDialog
    from linkadviser.ui.school_facts import LeadershipDialog, SanctionDialog

    today = services.today()
    yield from _each([
        ("add schools dialog", lambda: AddSchoolsDialog(services, window)),
        ("leadership dialog", lambda: LeadershipDialog(services.school_facts.get(school_id),
                                                       today, window)),
        ("sanction dialog", lambda: SanctionDialog(
            services.sanctions.summary_of_visit(visit_id), today, window)),
    ])


def _each(makers: list[tuple[str, Callable[[], QDialog]]]) -> Iterator[Step]:
    for name, make in makers:
        dialog = make()
        yield name, dialog
        dialog.close()
        dialog.deleteLater()


def _dialogs(services: Services, window: QWidget, visit_id: str) -> Iterator[Step]:
    from linkadviser.sync.review import ConflictReview
    from linkadviser.ui.about_dialog import AboutDialog
    from linkadviser.ui.backups_dialog import BackupsDialog
    from linkadviser.ui.booking_dialog import BookingDialog
    from linkadviser.ui.conflicts_dialog import ConflictsDialog
    from linkadviser.ui.extra_service_dialog import ExtraServiceDialog
    from linkadviser.ui.signing import PreviewDialog, SignDialog
    from linkadviser.ui.sync_dialog import SyncDialog

    makers: list[tuple[str, Callable[[], QDialog]]] = [
        ("sign dialog", lambda: SignDialog(services, visit_id, window)),
        ("sync dialog", lambda: SyncDialog(services.store, window)),
        ("conflicts dialog", lambda: ConflictsDialog(ConflictReview(services.store), window)),
        ("extra service dialog", lambda: ExtraServiceDialog(services.extras.titles(),
                                                            services.today(), window)),
        ("document preview", lambda: PreviewDialog(services, visit_id, window)),
        ("backups dialog", lambda: BackupsDialog(services, window)),
        ("booking dialog", lambda: BookingDialog(
            "Book visit 1 (Data Analysis and Target Setting) at a school with a long name.",
            services.today(), services.today().replace(year=services.today().year + 1), None,
            services.today(), window)),
        ("about dialog", lambda: AboutDialog(window)),
    ]
    yield from _each(makers)
