"""Killing the app mid-sentence loses at most the last second of typing, and never the store.

The workspace runs in its own process, typing into an agenda note a few characters at a time
and reporting how much it has typed and when. The test kills it with SIGKILL (no chance to
flush or close), reopens the store, and checks that everything typed more than a second before
the kill is there and that SQLite's integrity check passes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linkadviser.services import Services, open_services
from tests.unit.ui.workspace_driver import TODAY, add_school

TEXT = "".join(f"word{n} " for n in range(2000))
TYPIST = r"""
import os, sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from linkadviser.services import open_services
from linkadviser.ui.workspace import VisitWorkspace

path, visit_id, text = sys.argv[1], sys.argv[2], sys.argv[3]
app = QApplication([])
services = open_services(Path(path))
workspace = VisitWorkspace(services, visit_id)
workspace.resize(1366, 768)
workspace.show()
workspace.go_to("agenda:analysis")
edit = workspace.page("agenda").findChild(QWidget, "agenda:analysis")
typed = 0

def type_some():
    global typed
    QTest.keyClicks(edit, text[typed:typed + 3])
    typed += 3
    print(f"{time.time():.3f} {typed}", flush=True)

timer = QTimer()
timer.timeout.connect(type_some)
timer.start(40)
app.exec()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_while_typing_loses_at_most_the_last_second(store, programme, home):
    services = Services(store, programme, today=lambda: TODAY)
    visit_id = services.workflow.start_next(add_school(services), 1)
    path = home / "linkadviser.sqlite3"
    store.close()

    root = Path(__file__).resolve().parents[3]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    typist = subprocess.Popen([sys.executable, "-c", TYPIST, str(path), visit_id, TEXT],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env=env)
    reports: list[tuple[float, int]] = []
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            line = typist.stdout.readline()
            if not line:
                break
            stamp, count = line.split()
            reports.append((float(stamp), int(count)))
            if reports[-1][0] - reports[0][0] > 2.5:
                break
        killed_at = time.time()
        typist.send_signal(signal.SIGKILL)
    finally:
        typist.kill()
        typist.wait()
    assert reports and reports[-1][0] - reports[0][0] > 2.5, "the typist never got going"

    safe = max(count for stamp, count in reports if stamp <= killed_at - 1.0)
    again = open_services(path, today=lambda: TODAY)
    try:
        assert again.store.integrity_check() == "ok"
        saved = again.visits.content(visit_id).agenda_notes.get("analysis", "")
    finally:
        again.close()
    assert len(saved) >= safe, (len(saved), safe)
    assert TEXT.startswith(saved)
