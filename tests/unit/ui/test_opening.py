"""The store opens off the UI thread: the window answers while a slow store opens."""

from __future__ import annotations

import threading
import time
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from linkadviser.services import Services
from linkadviser.ui.app import OPENING, open_in_background
from linkadviser.ui.main_window import MainWindow
from tests.factories import make_school
from tests.unit.ui.workspace_driver import pump


def test_window_answers_keys_while_a_slow_store_opens(qtbot, store, programme):
    make_school(store, name="Oakhurst Academy", urn=990500)
    make_school(store, name="Langmere Primary School", urn=990611)
    services = Services(store, programme, lambda: date(2026, 11, 26))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_snapshot(services.snapshot())
    release = threading.Event()
    opened_on = []

    def slow_open() -> Services:  # a slow disk, or a migration
        opened_on.append(threading.current_thread())
        release.wait(20)
        return services

    attached = []
    open_in_background(window, slow_open, lambda s: (window.attach(s), attached.append(s)),
                       lambda exc: attached.append(exc))
    assert window.statusBar().currentMessage() == OPENING
    search = window.caseload.search
    search.setFocus()
    started = time.perf_counter()
    qtbot.keyClicks(search, "oak")
    answered = time.perf_counter() - started
    assert search.text() == "oak" and window.caseload.proxy.rowCount() == 1
    assert answered < 2  # typed and filtered while the store was still opening
    assert not attached and window.services is None
    release.set()
    assert pump(10000, lambda: bool(attached))
    assert attached == [services] and window.services is services
    assert opened_on[0] is not threading.main_thread()
    assert window.statusBar().currentMessage() == ""
    assert window.caseload.proxy.rowCount() == 1  # the search still applies to the live rows
    QApplication.processEvents()
    for _ in "oak":
        qtbot.keyClick(search, Qt.Key.Key_Backspace)
    assert window.caseload.proxy.rowCount() == 2
