"""Starting the desktop app: show the main window at once, then open the adviser's store.

The store opens on a worker thread (about 0.6 s, longer on a slow disk, more with a migration):
the window answers from its first frame, showing the last session's caseload (when still
true) and a quiet "Opening…" in the status bar until the store is ready.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from linkadviser import __version__
from linkadviser.errors import LinkAdviserError
from linkadviser.ui.main_window import MainWindow
from linkadviser.ui.style import apply_style

if TYPE_CHECKING:
    from linkadviser.services import Services

# For bench/startup.py: quit once the "window" is shown, once the "caseload" is on screen
# (from the last session's snapshot when it is still true), or once it is "live" from the store.
QUIT_WHEN_SHOWN_ENV = "LINKADVISER_QUIT_WHEN_SHOWN"


def run_app() -> int:
    from linkadviser.applog import configure_logging

    configure_logging()
    logging.getLogger(__name__).info("linkadviser %s starting", __version__)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("linkadviser")
    app.setOrganizationName("linkadviser")
    from PySide6.QtGui import QIcon

    from linkadviser.paths import resources_dir

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "linkadviser.png")))
    apply_style(app)
    window = MainWindow()
    window.show()
    app.processEvents()  # paint the window before the data layer is even imported
    quit_when = os.environ.get(QUIT_WHEN_SHOWN_ENV, "")
    if quit_when == "window":
        return 0
    if _show_snapshot(window):
        app.processEvents()
        if quit_when == "caseload":
            return 0
    opened: list = []
    open_in_background(window, _open_services, lambda services: _attach(
        app, window, services, opened, quit_when in ("caseload", "live")),
        lambda exc: _cannot_open(app, window, exc))
    try:
        return app.exec()
    finally:
        for services in opened:
            services.close(keep_snapshot=True, daily_backup=True)


def _show_snapshot(window: MainWindow) -> bool:
    """Show the caseload the last session left, if the store is exactly as it was then."""
    from datetime import date

    from linkadviser.caseload.snapshot import load_snapshot
    from linkadviser.paths import database_path

    snapshot = load_snapshot(database_path(), date.today())
    if snapshot is None:
        return False
    window.show_snapshot(snapshot)
    return True


OPENING = "Opening your caseload…"


def open_in_background(window: MainWindow, opener: Callable[[], Services],
                       ready: Callable[[Services], None],
                       failed: Callable[[BaseException], None]) -> None:
    """Run ``opener`` on a worker thread; ``ready`` or ``failed`` run on the UI thread."""
    from linkadviser.ui.ops import Op

    window.statusBar().showMessage(OPENING)

    def done(services: Services) -> None:
        window.statusBar().clearMessage()
        ready(services)

    Op(window, opener, changes_kind=None).success(done).failure(failed).run_in_background()


def _open_services() -> Services:
    from linkadviser.services import open_services

    return open_services()


def _cannot_open(app: QApplication, window: MainWindow, exc: BaseException) -> None:
    """A damaged store is explained, not raised."""
    from linkadviser.ui.ops import show_error

    window.statusBar().clearMessage()
    if isinstance(exc, LinkAdviserError):
        QMessageBox.critical(window, "linkadviser cannot open your data", str(exc))
    else:
        show_error(window, exc)
    app.exit(2)


def _attach(app: QApplication, window: MainWindow, services: Services, opened: list,
            then_quit: bool) -> None:
    opened.append(services)
    from linkadviser.preferences import Preferences

    if Preferences(services.store).large_targets:
        apply_style(app, touch=True)
    window.attach(services)
    if then_quit:
        QTimer.singleShot(0, app.quit)
