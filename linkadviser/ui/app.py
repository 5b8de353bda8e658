"""Starting the desktop app: open the adviser's store, then show the main window."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from linkadviser.errors import LinkAdviserError
from linkadviser.services import open_services
from linkadviser.ui.main_window import MainWindow
from linkadviser.ui.style import apply_style

QUIT_WHEN_SHOWN_ENV = "LINKADVISER_QUIT_WHEN_SHOWN"


def run_app() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("linkadviser")
    app.setOrganizationName("linkadviser")
    apply_style(app)
    try:
        services = open_services()
    except LinkAdviserError as exc:
        QMessageBox.critical(None, "linkadviser cannot open your data", str(exc))
        return 2
    window = MainWindow(services)
    window.show()
    if os.environ.get(QUIT_WHEN_SHOWN_ENV):
        QTimer.singleShot(0, app.quit)  # for bench/startup.py: stop once the window is up
    try:
        return app.exec()
    finally:
        services.close()
