"""File → Backups…: back up to a file, restore one, and refuse what is not a backup."""

from __future__ import annotations

import sqlite3

import pytest

from linkadviser.services import open_services
from linkadviser.store.models import School
from linkadviser.ui import ops
from linkadviser.ui.about_dialog import AboutDialog
from linkadviser.ui.backups_dialog import BackupsDialog


@pytest.fixture
def services(home):
    opened = open_services(home / "linkadviser.sqlite3")
    with opened.store.transaction() as session:
        session.add(School(urn=100001, name="Alder Primary", phase="primary"))
    yield opened
    opened.close()


def names(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {n for (n,) in conn.execute("SELECT name FROM schools")}
    finally:
        conn.close()


def test_back_up_then_restore_from_the_dialog(qtbot, services, tmp_path):
    dialog = BackupsDialog(services)
    qtbot.addWidget(dialog)
    target = tmp_path / "stick.sqlite3"
    dialog.back_up(str(target))
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Backed up"), timeout=5000)
    assert "1 schools" in dialog.status.text() and target.exists()

    with services.store.transaction() as session:
        session.add(School(urn=100002, name="Birch Academy", phase="secondary"))
    with qtbot.waitSignal(dialog.restored, timeout=5000):
        dialog.restore(str(target), confirm=False)
    assert names(services.store.path) == {"Alder Primary"}
    assert "previous store is kept" in dialog.status.text()


def test_a_file_that_is_not_a_backup_is_refused_with_a_message(qtbot, services, tmp_path,
                                                                  monkeypatch):
    shown = []
    monkeypatch.setattr(ops.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    dialog = BackupsDialog(services)
    qtbot.addWidget(dialog)
    offered = tmp_path / "notes.sqlite3"
    offered.write_text("not a database")
    dialog.restore(str(offered), confirm=False)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "not a linkadviser backup" in shown[0]
    assert dialog.restore_button.isEnabled()
    assert names(services.store.path) == {"Alder Primary"}


def test_the_number_of_daily_backups_kept_is_a_preference(qtbot, services):
    from linkadviser.preferences import Preferences

    dialog = BackupsDialog(services)
    qtbot.addWidget(dialog)
    dialog.keep.setValue(30)
    assert Preferences(services.store).backups_kept == 30


def test_about_names_the_version_data_folder_log_and_release_notes(qtbot, home):
    from PySide6.QtWidgets import QLabel

    from linkadviser import __version__

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"linkadviser {__version__}" in shown
    assert str(home) in shown
    assert str(home / "logs" / "linkadviser.log") in shown
    assert f"linkadviser {__version__}" in dialog.notes.toPlainText()  # this release's notes
