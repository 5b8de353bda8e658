"""Choosing the Centre screen's central store: a file, or PostgreSQL with a hidden password."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt

from linkadviser.preferences import Preferences
from linkadviser.ui import centre_store
from linkadviser.ui.centre_store import CentreStoreDialog
from tests.pg import pg_server, pg_url  # noqa: F401 - fixtures for the PostgreSQL test

SECRET = "s3cr3t-Pw"


@pytest.fixture
def chooser(qtbot, tmp_path):
    def make(remembered: str = "") -> CentreStoreDialog:
        dialog = CentreStoreDialog(remembered, tmp_path / "home" / "central.sqlite3")
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    opened = []
    yield make, opened
    for dialog in opened:
        dialog.centre.close()


def _open(qtbot, dialog: CentreStoreDialog) -> None:
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.centre is not None or dialog.message.isVisible(),
                    timeout=20_000)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_password_pasted_into_the_address_is_moved_out_of_sight(qtbot, chooser):
    make, _ = chooser
    dialog = make()
    qtbot.mouseClick(dialog.server, Qt.MouseButton.LeftButton)
    assert dialog.url.isEnabled() and not dialog.path.isEnabled()
    dialog.url.setText(f"postgresql://ann:{SECRET}@db.example.gov.uk:5432/centre")
    assert dialog.url.text() == "postgresql://ann@db.example.gov.uk:5432/centre"
    assert dialog.password.text() == SECRET
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert SECRET in dialog.location()  # to connect with
    assert dialog.remembered() == "postgresql://ann@db.example.gov.uk:5432/centre"


def test_a_server_that_cannot_be_reached_says_so_in_one_line_without_the_password(
        qtbot, chooser):
    make, _ = chooser
    dialog = make()
    dialog.server.setChecked(True)
    dialog.url.setText(f"postgresql://ann@127.0.0.1:{_closed_port()}/centre")
    qtbot.keyClicks(dialog.password, SECRET)
    _open(qtbot, dialog)
    said = dialog.message.text()
    assert dialog.centre is None and dialog.message.isVisible()
    assert said.startswith("The database at postgresql+psycopg://ann:***@127.0.0.1")
    assert "could not be opened: Connection refused. Check the server" in said
    assert SECRET not in said and "\n" not in said and "Check the server" in said
    assert dialog.open_button.isEnabled()


def test_a_file_that_is_not_a_store_is_refused_and_a_new_file_starts_one(
        qtbot, chooser, tmp_path, monkeypatch):
    make, opened = chooser
    dialog = make()
    letter = tmp_path / "letter.sqlite3"
    letter.write_text("Dear governors,\n" * 50)
    monkeypatch.setattr(centre_store.QFileDialog, "getSaveFileName",
                        lambda *_a, **_k: (str(letter), ""))
    dialog.file.setChecked(True)
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    assert dialog.path.text() == str(letter)
    _open(qtbot, dialog)
    assert dialog.centre is None and "letter.sqlite3" in dialog.message.text()
    assert letter.read_text().startswith("Dear governors")  # left as it was

    shared = tmp_path / "shared drive" / "centre.sqlite3"
    dialog.path.setText(str(shared))
    _open(qtbot, dialog)
    assert dialog.centre is not None and not dialog.message.isVisible()
    opened.append(dialog)
    assert dialog.centre.where == f"sqlite:///{shared}" and shared.exists()
    assert dialog.remembered() == str(shared)


def test_the_remembered_store_is_offered_again(chooser, tmp_path):
    make, _ = chooser
    assert make().default.isChecked()
    dialog = make("postgresql://ann@db.example.gov.uk/centre")
    assert dialog.server.isChecked() and dialog.url.text().endswith("/centre")
    assert dialog.password.text() == ""
    assert make(str(tmp_path / "c.sqlite3")).path.text() == str(tmp_path / "c.sqlite3")


def test_preferences_never_keep_the_password(store):
    preferences = Preferences(store)
    preferences.central_store = f"postgresql://ann:{SECRET}@db.example.gov.uk/centre"
    assert preferences.central_store == "postgresql://ann@db.example.gov.uk/centre"
    assert SECRET not in str(store.get_meta("centre.store"))


def test_a_postgresql_central_store_opens_from_the_screen(qtbot, chooser, pg_url):  # noqa: F811
    make, opened = chooser
    dialog = make()
    dialog.server.setChecked(True)
    dialog.url.setText(pg_url.replace("postgres@", f"postgres:{SECRET}@"))
    _open(qtbot, dialog)
    assert dialog.centre is not None, dialog.message.text()
    opened.append(dialog)
    assert SECRET not in dialog.centre.where and dialog.centre.where.startswith("postgresql")
    assert dialog.centre.authority() is None  # an empty central store, ready to set up


def test_the_centre_menu_opens_the_chosen_store_and_remembers_it(qtbot, store, programme,
                                                                tmp_path, monkeypatch):
    """From the main window: the chooser (offering what was remembered), then the Centre
    screen on the store it opened; the location is kept for next time, never a password."""
    from datetime import date

    from PySide6.QtWidgets import QDialog

    from linkadviser.services import Services
    from linkadviser.ui import centre_dialog
    from linkadviser.ui.main_window import MainWindow

    Preferences(store).central_store = "postgresql://ann@db.example.gov.uk/centre"
    shared = tmp_path / "shared" / "centre.sqlite3"
    offered, screens = [], []

    def choose(dialog: CentreStoreDialog) -> int:
        offered.append(dialog.url.text())
        dialog.file.setChecked(True)
        dialog.path.setText(str(shared))
        _open(qtbot, dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(CentreStoreDialog, "exec", choose)
    monkeypatch.setattr(centre_dialog.CentreDialog, "exec",
                        lambda screen: screens.append(screen.centre.where) or 0)
    window = MainWindow(Services(store, programme, lambda: date(2026, 11, 26)))
    qtbot.addWidget(window)
    window.centre_action.trigger()
    assert offered == ["postgresql://ann@db.example.gov.uk/centre"]
    assert screens == [f"sqlite:///{shared}"]
    assert Preferences(store).central_store == str(shared)
