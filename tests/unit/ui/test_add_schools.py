"""An adviser without a centre finds schools in the GIAS import, adds them, takes one out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from linkadviser.data.importer import import_file
from linkadviser.services import Services
from linkadviser.ui.add_schools import AddSchoolsDialog
from linkadviser.ui.main_window import MainWindow

GIAS = Path(__file__).resolve().parents[2] / "fixtures" / "gias"


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: date(2026, 11, 26))


@pytest.fixture
def dialog(qtbot, services, monkeypatch):
    from linkadviser.ui import ops

    monkeypatch.setattr(ops.QMessageBox, "warning", lambda *_a: pytest.fail(str(_a[-1])))
    import_file(services.store, GIAS / "edubasealldata20270105.csv")
    shown = AddSchoolsDialog(services)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: "edubasealldata20270105.csv" in shown.source.text())
    return shown


def test_search_add_and_take_out(qtbot, dialog, services):
    assert "8 state-funded schools" in dialog.source.text()
    qtbot.keyClicks(dialog.search, "brook")
    qtbot.waitUntil(lambda: dialog.found.count() == 2)
    assert dialog.found.item(0).text().startswith("149001 Brook Lane Primary Academy")
    assert "(closed)" in dialog.found.item(1).text()
    dialog.found.item(0).setSelected(True)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.mine.count() == 1)
    assert "Added to your caseload: 1" in dialog.message.text()
    assert [r.urn for r in services.caseload.rows()] == [149001]

    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "1210")
    qtbot.waitUntil(lambda: dialog.found.count() == 6)
    assert "(closed)" in dialog.found.item(5).text()  # the closed school, listed last

    dialog.mine.item(0).setSelected(True)
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.mine.count() == 0)
    assert "its visits and records stay" in dialog.message.text()
    assert services.caseload.rows() == []


def test_a_school_by_hand(qtbot, dialog, services):
    qtbot.keyClicks(dialog.hand_urn, "777777")
    dialog.hand_name.setText("Ysgol Gŵyr")  # typed: Qt's key simulation has no ŵ key
    dialog.hand_phase.setCurrentText("Secondary")
    qtbot.mouseClick(dialog.hand_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.mine.count() == 1)
    assert [(r.urn, r.name, r.phase) for r in services.caseload.rows()] == [
        (777777, "Ysgol Gŵyr", "Secondary")]


def test_a_refusal_is_shown_and_adds_nothing(qtbot, services, store, monkeypatch):
    from linkadviser.ui import ops

    said: list[str] = []
    monkeypatch.setattr(ops.QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    shown = AddSchoolsDialog(services)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: "No GIAS extract imported yet" in shown.source.text())
    assert not shown.search.isEnabled()
    qtbot.keyClicks(shown.hand_urn, "121001")
    qtbot.mouseClick(shown.hand_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(said))
    assert "no GIAS extract has been imported" in said[0]
    assert services.caseload.rows() == []


def test_the_empty_store_offers_every_way_to_a_caseload(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    empty = window.empty
    assert window.pages.currentWidget() is empty
    for button in (empty.sync_button, empty.add_button, empty.centre_button,
                   empty.demo_button):
        assert button.isVisible() and button.accessibleName()
    assert "import school data" not in " ".join(
        label.text() for label in empty.findChildren(type(window.opening)))
