"""The centre's setup screen, driven as the school improvement team would use it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from linkadviser.authority.centre import Centre
from linkadviser.store.db import open_store
from linkadviser.ui.centre_dialog import CentreDialog

GIAS = Path(__file__).resolve().parents[2] / "fixtures" / "gias"


@pytest.fixture
def shown(monkeypatch) -> list[str]:
    """Messages the screen showed (a modal box would wait for a click that never comes)."""
    from linkadviser.ui import ops

    said: list[str] = []
    monkeypatch.setattr(ops.QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(ops.QMessageBox, "critical", lambda _p, _t, text: said.append(text))
    return said


@pytest.fixture
def dialog(qtbot, tmp_path, shown):
    centre = Centre(open_store(tmp_path / "central.sqlite3"), lambda: date(2026, 11, 26))
    shown = CentreDialog(centre)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.heading.text() != "")
    yield shown
    centre.close()


def wait_for(qtbot, condition) -> None:
    qtbot.waitUntil(condition, timeout=10_000)


def test_a_new_centre_is_set_up_step_by_step(qtbot, dialog, tmp_path, shown):
    assert dialog.heading.text() == "Set up the authority's centre"
    assert not dialog.tabs.isTabEnabled(1)  # nothing else before the authority is known
    qtbot.keyClicks(dialog.authority_name, "Norfolk County Council")
    qtbot.keyClicks(dialog.la_codes, "926")
    qtbot.mouseClick(dialog.set_up_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: dialog.heading.text() == "Norfolk County Council: the centre")
    assert dialog.tabs.isTabEnabled(4) and dialog.authority_name.isReadOnly()

    dialog.load_gias(GIAS / "edubasealldata20260901.csv")
    wait_for(qtbot, lambda: "added: 5" in dialog.schools_report.toPlainText())
    wait_for(qtbot, lambda: dialog.school_table.rowCount() == 5)
    kinds = {dialog.school_table.item(r, 3).text() for r in range(5)}
    assert kinds == {"LA maintained", "Academy", "Free school"}

    for name, email in (("Ann Adviser", "ann@example.gov.uk"),
                        ("Bob Adviser", "bob@example.gov.uk")):
        qtbot.keyClicks(dialog.adviser_name, name)
        qtbot.keyClicks(dialog.adviser_email, email)
        dialog.adviser_email.returnPressed.emit()
        enrol = next(b for b in dialog.findChildren(type(dialog.set_up_button))
                     if b.accessibleName() == "Enrol the adviser")
        qtbot.mouseClick(enrol, Qt.MouseButton.LeftButton)
        wait_for(qtbot, lambda n=name: any(dialog.adviser_table.item(r, 0).text() == n
                                           for r in range(dialog.adviser_table.rowCount())))
    assert dialog.adviser_choice.count() == 2

    dialog.tabs.setCurrentIndex(3)
    selection = dialog.school_table.selectionModel()
    for row in (0, 1):
        selection.select(dialog.school_table.model().index(row, 0),
                         QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    dialog.adviser_choice.setCurrentIndex(1)  # Bob
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    wait_for(qtbot, lambda: "2 assigned" in dialog.caseload_report.toPlainText())
    wait_for(qtbot, lambda: "2 of 5 open schools assigned" in dialog.year_label.text())

    dialog.export_to(tmp_path / "out")
    wait_for(qtbot, lambda: "Bob Adviser:" in dialog.export_report.toPlainText())
    assert (tmp_path / "out" / "for-bob-example-gov-uk.zip").is_file()
    assert shown == []


def test_a_refusal_is_shown_and_changes_nothing(qtbot, dialog, shown):
    dialog.centre.set_up("Norfolk County Council", ["926"])
    dialog.refresh()
    wait_for(qtbot, lambda: dialog.tabs.isTabEnabled(1))
    dialog.load_gias(GIAS / "suffolk_edubasealldata20260901.csv")
    wait_for(qtbot, lambda: bool(shown))
    assert "holds LA codes 935 (Suffolk)" in shown[0]
    assert dialog.centre.schools(2026) == []
    assert dialog.schools_report.toPlainText() == ""
