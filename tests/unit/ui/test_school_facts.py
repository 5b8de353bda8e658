"""The school page's "Leaders and governors" card: shown, edited, targets sanctioned."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from linkadviser.services import Services
from linkadviser.ui import school_facts
from linkadviser.ui.school_view import SchoolView
from tests.unit.documents import builders
from tests.unit.ui.workspace_driver import TODAY


@pytest.fixture
def services(store, programme):
    return Services(store, programme, today=lambda: TODAY)


def _shown(qtbot, view: SchoolView, school_id: str) -> school_facts.LeadershipCard:
    card = view.leadership
    view.show_school(school_id)
    qtbot.waitUntil(lambda: card.values["Headteacher"].text() != "")
    return card


def test_the_card_shows_edits_and_keeps_the_schools_leaders(qtbot, services, monkeypatch):
    school_id = builders.add_school(services)
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    card = _shown(qtbot, view, school_id)
    assert card.values["Headteacher"].text() == "Ann Head"  # the centre's record, until kept
    assert card.values["In post since"].text() == "Not recorded"
    assert card.values["Nominated governors"].text() == "None recorded"
    assert card.edit_button.accessibleName()

    def fill_in(dialog: school_facts.LeadershipDialog) -> QDialog.DialogCode:
        dialog.headteacher.setText("Dr Nia Evans")
        dialog.since_known.setChecked(True)
        dialog.since.setDate(QDate(2026, 4, 20))
        dialog.nominated.setPlainText("Gov One\n\n  Gov Two  \n")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(school_facts.LeadershipDialog, "exec", fill_in)
    qtbot.mouseClick(card.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: card.values["Headteacher"].text() == "Dr Nia Evans")
    assert card.values["In post since"].text() == "20 April 2026"
    assert card.values["Nominated governors"].text() == "Gov One, Gov Two"
    kept = services.school_facts.get(school_id)
    assert (kept.headteacher_since, kept.nominated_governors) == (date(2026, 4, 20),
                                                                 ["Gov One", "Gov Two"])


def test_governors_sanction_is_recorded_from_the_card(qtbot, services, monkeypatch):
    visit_id = builders.signed_visit(services, 1)
    school_id = services.caseload.school_by_urn(123456)
    view = SchoolView(services)
    qtbot.addWidget(view)
    card = _shown(qtbot, view, school_id)
    assert card.values["Targets"].text() == ("3 targets agreed in 2026/27; awaiting "
                                             "governors' sanction.")
    assert card.sanction_button.isEnabled()

    def on_the_visit_day(dialog: school_facts.SanctionDialog) -> QDialog.DialogCode:
        dialog.on.setDate(QDate(2026, 11, 26))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(school_facts.SanctionDialog, "exec", on_the_visit_day)
    qtbot.mouseClick(card.sanction_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sanctioned by governors on 26 November 2026"
                    in card.values["Targets"].text())
    assert set(services.sanctions.for_visit(visit_id).values()) == {date(2026, 11, 26)}


def test_a_school_without_targets_cannot_be_sanctioned(qtbot, services):
    view = SchoolView(services)
    qtbot.addWidget(view)
    card = _shown(qtbot, view, builders.add_school(services))
    assert card.values["Targets"].text() == "No targets agreed yet."
    assert not card.sanction_button.isEnabled()


def test_a_signed_visit_1s_targets_page_records_governors_sanction(qtbot, services,
                                                                    monkeypatch):
    from tests.unit.ui.workspace_driver import Driver

    visit_id = builders.signed_visit(services, 1)
    d = Driver(qtbot, services, visit_id)
    assert d.w.read_only  # signed: the record cannot change, but the sanction can be given
    d.w.go_to("section:targets")
    row = d.page().findChild(school_facts.SanctionRow)
    assert row.status.text() == "3 targets agreed in 2026/27; awaiting governors' sanction."
    assert row.button.isEnabled()

    def at_the_meeting(dialog: school_facts.SanctionDialog) -> QDialog.DialogCode:
        dialog.on.setDate(QDate(2026, 11, 26))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(school_facts.SanctionDialog, "exec", at_the_meeting)
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "sanctioned by governors on 26 November 2026" in row.status.text())
    assert services.visits.content(visit_id).signed_version == 1  # the record is untouched


@pytest.mark.parametrize(("agreed", "said"), [
    (1, "The 1 target agreed at visit 1 (2026/27) is to be sanctioned"),
    (3, "The 3 targets agreed at visit 1 (2026/27) are to be sanctioned")])
def test_the_sanction_question_counts_targets_in_words(qtbot, agreed, said):
    from PySide6.QtWidgets import QLabel

    from linkadviser.visit.sanction import SanctionSummary

    dialog = school_facts.SanctionDialog(SanctionSummary("v", "2026/27", agreed, 0, None), TODAY)
    qtbot.addWidget(dialog)
    assert any(said in label.text() for label in dialog.findChildren(QLabel))
