"""Starting the desktop app: open the adviser's store, then show the main window."""

from __future__ import annotations

import logging
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from linkadviser import __version__
from linkadviser.errors import LinkAdviserError
from linkadviser.ui.main_window import MainWindow
from linkadviser.ui.style import apply_style

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
    QTimer.singleShot(0, lambda: _open_store(app, window, opened, quit_when in ("caseload",
                                                                                "live")))
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


def _open_store(app: QApplication, window: MainWindow, opened: list, then_quit: bool) -> None:
    """Open the adviser's store once the window is up; a damaged store is explained, not raised."""
    from linkadviser.services import open_services


    try:
        services = open_services()
    except LinkAdviserError as exc:
        QMessageBox.critical(window, "linkadviser cannot open your data", str(exc))
        app.exit(2)
        return
    opened.append(services)
    from linkadviser.preferences import Preferences

    if Preferences(services.store).large_targets:
        apply_style(app, touch=True)
    window.attach(services)
    if then_quit:
        QTimer.singleShot(0, app.quit)
