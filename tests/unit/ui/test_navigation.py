"""Menus and shortcuts, Back and the breadcrumb, and Undo of a removal and an edit in a visit."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton

from linkadviser.services import Services
from linkadviser.ui.main_window import MainWindow
from linkadviser.ui.workspace.records import RecordList
from tests.factories import make_school
from tests.unit.ui.workspace_driver import pump


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: date(2026, 11, 26))


@pytest.fixture
def window(qtbot, services):
    made = MainWindow(services)
    qtbot.addWidget(made)
    made.resize(1366, 768)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_menu_bar_has_the_five_menus_with_alt_letters(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "V&isit", "&Help"]
    letters = [t[t.index("&") + 1].lower() for t in titles]
    assert len(set(letters)) == 5  # each Alt key opens one menu
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions()}
    assert shortcuts["&Back"] == "Alt+Left"
    assert shortcuts["&Undo"] == "Ctrl+Z"
    assert shortcuts["&Find a school"] == "Ctrl+F"
    # Visit items wait for a visit.
    visit_items = window.menus.menu("Visit").actions()
    assert visit_items and not any(a.isEnabled() for a in visit_items if not a.isSeparator())


def test_adding_an_action_is_one_line(window):
    called = []
    action = window.menus.add("File", "&Back up…", lambda: called.append(1), "Ctrl+B")
    assert action in window.menus.menu("File").actions()
    action.trigger()
    assert called == [1]


def test_back_and_breadcrumb_from_a_visit_to_its_school_and_the_caseload(qtbot, window,
                                                                         services):
    school_id = make_school(services.store, name="Hapton Broad High School")
    window.caseload.refresh()
    window.show_school(school_id)
    assert "Caseload" in window.breadcrumb.text() and "Hapton Broad" in window.breadcrumb.text()
    window.school_view.schedule_rows[1][2].click()  # visit 2: Prepare
    assert window.pages.currentWidget() is window.workspace
    crumb = window.breadcrumb.toolTip()
    assert crumb.startswith("Caseload › Hapton Broad High School › Visit 2")
    assert window.menus.menu("Visit").actions()[0].isEnabled()

    qtbot.keyClick(window.workspace, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.pages.currentWidget() is window.school_view
    assert window.workspace is None
    window._follow_breadcrumb("home")  # the breadcrumb's first link
    assert window.pages.currentWidget() is window.caseload
    window.back_action.trigger()
    assert window.pages.currentWidget() is window.school_view
    assert window.breadcrumb.toolTip() == "Caseload › Hapton Broad High School"


def _open_visit(window, services) -> str:
    school_id = make_school(services.store, name="Caldor Junior School")
    window.caseload.refresh()
    window.start_visit(school_id, 1)
    return window.workspace.visit_id


def test_undo_puts_a_removed_target_back_and_redo_removes_it_again(window, services,
                                                                   monkeypatch):
    visit_id = _open_visit(window, services)
    workspace = window.workspace
    workspace.go_to("section:targets")
    records = workspace.page("section:targets").findChild(RecordList)
    card = records.add_record(measure="Attendance", pupil_group="Disadvantaged")
    target_id = card.property("record_id")
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    card.findChild(QPushButton, "remove").click()
    assert services.visits.content(visit_id).targets == []
    assert window.undo_action.isEnabled() and "Remove target" in window.undo_action.text()

    window.undo_action.trigger()
    restored = services.visits.content(visit_id).targets
    assert [(t.measure, t.pupil_group) for t in restored] == [("Attendance", "Disadvantaged")]
    assert [c.property("record_id") for c in records.cards()] == [target_id]  # same record
    window.redo_action.trigger()
    assert services.visits.content(visit_id).targets == [] and records.cards() == []


def test_undo_of_an_edit_puts_back_the_saved_text(qtbot, window, services):
    visit_id = _open_visit(window, services)
    workspace = window.workspace
    workspace.go_to("checklist")
    key = services.programme.visit(1).role_of_school[0].key
    field = workspace.page("checklist").findChild(QLineEdit, f"evidence:{key}")
    qtbot.keyClicks(field, "Minutes seen")
    pump(1000, lambda: services.visits.content(visit_id).checklist.get(key) is not None)
    assert services.visits.content(visit_id).checklist[key].evidence == "Minutes seen"
    window.undo_action.trigger()
    assert field.text() == ""
    assert services.visits.content(visit_id).checklist[key].evidence == ""
    window.redo_action.trigger()
    assert services.visits.content(visit_id).checklist[key].evidence == "Minutes seen"


def test_undo_past_a_removed_and_restored_record_does_not_fail(qtbot, window, services,
                                                               monkeypatch):
    visit_id = _open_visit(window, services)
    workspace = window.workspace
    workspace.go_to("section:targets")
    records = workspace.page("section:targets").findChild(RecordList)
    card = records.add_record(measure="Attendance")
    baseline = card.findChild(QLineEdit, "target.baseline")
    qtbot.keyClicks(baseline, "91")
    card.findChild(QLineEdit, "target.unit").setFocus()  # leaving the field saves it
    pump(200)
    monkeypatch.setattr(QMessageBox, "question",
                        staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    card.findChild(QPushButton, "remove").click()
    pump(50)  # the removed card is deleted
    window.undo_action.trigger()  # the target is back, as saved: baseline 91
    assert [t.baseline for t in services.visits.content(visit_id).targets] == [91.0]
    while window.undo_action.isEnabled():  # the edit was made on the card since removed:
        window.undo_action.trigger()        # it is passed over, not a failure
    assert [t.baseline for t in services.visits.content(visit_id).targets] == [91.0]


def test_history_goes_back_without_making_a_new_step():
    from linkadviser.ui.navigation import History, crumbs, crumbs_text

    history, shown = History(), []

    def go(place):
        shown.append(place)
        history.arrive(place)

    for place in (("school", "s1"), ("visit", "v1", "s1"), ("visit", "v1", "s1")):
        history.arrive(place)  # arriving where one is already is not a step
    assert history.before == [("home",), ("school", "s1")]
    history.back(go)
    assert shown == [("school", "s1")] and history.before == [("home",)]
    history.back(go)
    assert history.here == ("home",) and not history.can_go_back()
    names = {"s1": "Caldor Junior School"}.get
    assert crumbs_text(crumbs(("visit", "v1", "s1"), names, "Visit 2: School self-evaluation")) \
        == "Caseload › Caldor Junior School › Visit 2: School self-evaluation"
    assert crumbs(("school", "s1"), names)[0] == ("home", "Caseload")
    assert crumbs(("school", "s1"), names)[-1] == ("", "Caldor Junior School")  # not a link
