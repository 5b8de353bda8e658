"""A whole visit 1 (data analysis and target setting) carried out through the workspace."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QCheckBox, QTextEdit

from linkadviser.services import Services, open_services
from tests.unit.ui.workspace_driver import TODAY, Driver, add_school, pump


@pytest.fixture
def services(store, programme):
    return Services(store, programme, today=lambda: TODAY)


def test_a_whole_visit_1_is_recorded_checked_and_there_after_reopening(qtbot, services, home):
    school_id = add_school(services)
    visit_id = services.workflow.start_next(school_id, 1)
    d = Driver(qtbot, services, visit_id)
    w = d.w
    assert w.place_keys()[:5] == ["preparation", "attendees", "agenda", "checklist",
                                  "adviser_tasks"]
    assert "section:targets" in w.place_keys() and w.place_keys()[-1] == "qa"

    # Too early: QA refuses and shows what blocks it, each with a way to where it is fixed.
    d.click(w.buttons["ready"])
    assert w.current_place() == "qa"
    assert "Not ready to sign" in w.banner.text() and w.banner.isVisible()
    assert services.visits.content(visit_id).state == "in_progress"
    d.click(d.find("go:attendees-recorded"))
    assert w.current_place() == "attendees"

    # Preparation: a question to test, and the evidence found.
    d.record("preparation", "question", text="Do FSM boys make less progress in maths?",
             answer="Yes: gap of 0.4 grades, school knows why.")

    # Attendees.
    d.record("attendees", "attendee", name="Ms A Jones", role="Headteacher")
    d.record("attendees", "attendee", name="Mr B Smith", role="Chair of governors")

    # Every agenda item gets a note; notes reach the store within a second without a save.
    w.go_to("agenda")
    keys = [i.key for i in services.programme.visit(1).agenda]
    d.type_in(f"agenda:{keys[0]}", "Discussed RAISEonline: maths VA strong.")
    pump(700)
    assert services.visits.content(visit_id).agenda_notes[keys[0]].startswith("Discussed")
    # Tab moves from one note to the next (it does not type a tab), in the page's order.
    qtbot.keyClick(d.find(f"agenda:{keys[0]}"), Qt.Key.Key_Tab)
    assert w.focusWidget() is d.find(f"agenda:{keys[1]}")
    for key in keys[1:]:
        d.type_in(f"agenda:{key}", f"Notes on {key}.")

    # The role-of-school checklist: ticks with evidence, undo and redo of a tick.
    w.go_to("checklist")
    items = [i.key for i in services.programme.visit(1).role_of_school]
    d.type_in(f"evidence:{items[0]}", "Data pack and governors' minutes")
    for key in items:
        d.click(d.find(f"tick:{key}", QCheckBox))
    box = d.find(f"tick:{items[-1]}", QCheckBox)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not box.isChecked()
    assert not services.visits.content(visit_id).checklist[items[-1]].ticked
    w.redo_action.trigger()
    assert box.isChecked() and services.visits.content(visit_id).checklist[items[-1]].ticked

    # Next section by keyboard.
    qtbot.keyClick(box, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert w.current_place() == "adviser_tasks"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert w.current_place() == "checklist"

    # The visit's own sections, by kind.
    w.go_to("section:strengths")
    d.type_in("section:strengths", "Maths value added well above national\nAttendance improving")
    w.go_to("section:areas_for_development")
    d.type_in("section:areas_for_development", "FSM boys' progress in maths")
    w.go_to("section:comparison")
    d.type_in("section:comparison", "Above LA and England on 5A*-C EM.")
    w.go_to("section:rationale")
    # Undo in a text field undoes typing, not a tick.
    edit = d.find("section:rationale", QTextEdit)
    d.type(edit, "Strong teaching in maths.")
    qtbot.keySequence(edit, QKeySequence.StandardKey.Undo)
    assert edit.toPlainText() == ""
    d.type(edit, "Stable staffing and strong maths teaching.")
    d.record("section:targets", "target", measure="5+ A*-C incl. English and maths",
             pupil_group="All pupils", baseline="58", target="62", agreed=True)
    d.record("section:targets", "target", measure="5+ A*-C incl. English and maths",
             pupil_group="FSM", baseline="31", target="40", agreed=True)
    d.record("section:targets", "target", measure="Expected progress in English",
             pupil_group="SEN", baseline="40", target="48", agreed=True)
    bad = d.record("section:targets", "target", measure="Attendance", pupil_group="All pupils",
                   baseline="ninety")
    pump(600)
    assert "not a number" in w.banner.text()  # shown, not raised
    d.fill(bad, "baseline", "94.1")
    d.fill(bad, "target", "95")
    d.fill(bad, "agreed", True)
    w.go_to("section:recommendations")
    d.type_in("section:recommendations", "Track FSM boys termly in maths")
    d.record("section:action_points", "action_point", text="Share targets with governors",
             owner="Headteacher", due_date="15/12/2026")

    # QA: confirm the two criteria only the adviser can confirm; then it passes.
    w.go_to("qa")
    w.flush()
    assert sorted(d.unmet()) == ["accurate-data", "trained-analysis"]
    d.click(d.find("confirm:accurate-data", QCheckBox))
    d.click(d.find("confirm:trained-analysis", QCheckBox))
    assert d.unmet() == []
    d.click(w.buttons["ready"])
    assert services.visits.content(visit_id).state == "ready_to_sign"
    assert w.buttons["sign"].isVisible() and not w.buttons["ready"].isVisible()
    w.refresh_progress()
    progress = w.progress()
    assert all(v == "complete" for k, v in progress.items() if k != "adviser_tasks"), progress
    with qtbot.waitSignal(w.sign_requested) as signal:
        d.click(w.buttons["sign"])
    assert signal.args == [visit_id]
    w.close()
    services.close()

    # Reopen the store and a new workspace: everything is there.
    again = open_services(home / "linkadviser.sqlite3", today=lambda: TODAY)
    try:
        d2 = Driver(qtbot, again, visit_id)
        d2.w.go_to("agenda")
        assert d2.find(f"agenda:{keys[0]}", QTextEdit).toPlainText().startswith("Discussed")
        d2.w.go_to("checklist")
        assert all(d2.find(f"tick:{k}", QCheckBox).isChecked() for k in items)
        d2.w.go_to("section:strengths")
        assert d2.find("section:strengths", QTextEdit).toPlainText() == (
            "Maths value added well above national\nAttendance improving")
        content = again.visits.content(visit_id)
        assert [t.pupil_group for t in content.targets] == ["All pupils", "FSM", "SEN",
                                                            "All pupils"]
        assert content.targets[3].baseline == 94.1
        assert content.action_points[0].owner == "Headteacher"
        assert content.action_points[0].due_date.isoformat() == "2026-12-15"
        assert content.section_texts["rationale"] == "Stable staffing and strong maths teaching."
        assert content.state == "ready_to_sign"
    finally:
        again.close()
