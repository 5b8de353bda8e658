"""Starting the app as a user does: in its own process (a Qt event loop that has run and quit
cannot be re-entered in the test process, which would spoil every later qtbot wait)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

from linkadviser.caseload.snapshot import load_snapshot
from linkadviser.paths import database_path

# Replace the message box with a line on stderr, then start the app as the entry point does.
START = (
    "from PySide6.QtWidgets import QMessageBox\n"
    "import sys\n"
    "QMessageBox.critical = staticmethod("
    "lambda parent, title, text: print('MESSAGE:', text, file=sys.stderr))\n"
    "from linkadviser.cli import main\n"
    "raise SystemExit(main([]))\n"
)


def start_app(**env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", START], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env})


def test_damaged_store_gives_a_message_not_a_traceback():
    database_path().write_bytes(b"not a database at all" * 50)
    done = start_app()
    assert done.returncode == 2
    assert "MESSAGE:" in done.stderr and "not a linkadviser database" in done.stderr
    assert "Traceback" not in done.stderr
    assert database_path().read_bytes() == b"not a database at all" * 50


def test_app_opens_the_store_and_fills_the_caseload():
    done = start_app(LINKADVISER_QUIT_WHEN_SHOWN="caseload")
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert database_path().exists()
    # Closing left the caseload for the next start to show before the store is open.
    assert load_snapshot(database_path(), date.today()) is not None
    again = start_app(LINKADVISER_QUIT_WHEN_SHOWN="caseload")
    assert again.returncode == 0, again.stderr
