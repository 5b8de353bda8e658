"""Starting the desktop app: open the adviser's store, then show the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from linkadviser.errors import LinkAdviserError
from linkadviser.services import open_services
from linkadviser.ui.main_window import MainWindow
from linkadviser.ui.style import apply_style


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
    try:
        return app.exec()
    finally:
        services.close()
