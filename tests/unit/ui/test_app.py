"""Starting the app: a damaged store is explained in a message, and the app exits cleanly."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from linkadviser.paths import database_path
from linkadviser.ui import app as app_module


def test_damaged_store_gives_a_message_not_a_traceback(qapp, monkeypatch):
    database_path().write_bytes(b"not a database at all" * 50)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text: shown.append((title, text)))
    assert app_module.run_app() == 2
    assert shown and "not a linkadviser database" in shown[0][1]
    assert database_path().read_bytes() == b"not a database at all" * 50


def test_app_opens_the_store_and_shows_the_caseload(qapp, monkeypatch):
    monkeypatch.setenv(app_module.QUIT_WHEN_SHOWN_ENV, "caseload")
    windows = []
    real = app_module.MainWindow

    def remember(*args, **kwargs):
        windows.append(real(*args, **kwargs))
        return windows[-1]

    monkeypatch.setattr(app_module, "MainWindow", remember)
    assert app_module.run_app() == 0
    window = windows[0]
    assert window.services is not None
    assert window.pages.currentWidget() is window.empty  # a new store has no schools yet
    assert database_path().exists()
    window.close()
