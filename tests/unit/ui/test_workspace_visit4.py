"""A whole visit 4 (headteacher performance management), then signing, read-only and amend."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtWidgets import QCheckBox, QInputDialog, QLabel, QLineEdit, QTextEdit

from linkadviser.services import Services, open_services
from linkadviser.visit.workflow import SignatureInput
from tests.unit.ui.workspace_driver import TODAY, Driver, add_school


@pytest.fixture
def services(store, programme):
    return Services(store, programme, today=lambda: TODAY)


def _sign(services: Services, visit_id: str) -> None:
    services.workflow.sign(visit_id, [
        SignatureInput("Link Adviser", "C Adviser", date(2026, 11, 26)),
        SignatureInput("Nominated governor", "Mrs C Gov", date(2026, 11, 26)),
    ])


def test_a_whole_visit_4_then_signed_read_only_and_amended(qtbot, services, home, monkeypatch):
    school_id = add_school(services)
    services.school_facts.set(school_id, replace(services.school_facts.get(school_id),
                                                 nominated_governors=["Mrs C Gov"]))
    visit_id = services.workflow.start_next(school_id, 4)
    d = Driver(qtbot, services, visit_id)
    w = d.w
    definition = services.programme.visit(4)
    assert [k for k in w.place_keys() if k.startswith("section:")] == [
        f"section:{s.key}" for s in definition.sections]
    assert "Confidential to governors" in w.subtitle.text()
    # Visit 4 draws on visits 1 and 3; neither is recorded yet, and the panel says so.
    panel = w.side.widget(0).toPlainText()
    assert "No visit 1 recorded" in panel and "No visit 3 recorded" in panel

    assert not w.mark_ready()
    assert w.current_place() == "qa"

    # The school's record names its head and chair: one click each adds them.
    w.go_to("attendees")
    d.click(d.find("add-person:Headteacher"))
    d.click(d.find("add-person:Chair of governors"))
    assert not d.find("add-person:Headteacher").isVisible()
    assert "This visit needs: Headteacher; Nominated governor." in d.page().findChild(
        QLabel, "prompt").text()
    w.go_to("qa")
    assert any("not recorded as taking part: Nominated governor" in r.detail
               for r in services.workflow.unmet(visit_id))
    w.go_to("attendees")
    d.click(d.find("add-person:Nominated governor"))
    w.go_to("agenda")
    for item in definition.agenda:
        d.type_in(f"agenda:{item.key}", f"Discussed: {item.key}")
    w.go_to("checklist")
    d.click(d.find("tick:representatives", QCheckBox))
    w.go_to("section:previous_review")
    d.type_in("section:previous_review", "Two of three objectives met; governors monitored "
              "termly.")
    objective = d.record("section:objectives", "objective",
                         text="Raise FSM boys' progress in maths to the school average by July")
    w.flush()
    assert any("objective" in r.detail for r in services.workflow.unmet(visit_id))
    d.fill(objective, "success_criteria", "Gap under 0.1 grade in summer 2027 results")
    d.fill(objective, "monitoring", "Two appointed governors review termly data in Feb and May")
    w.go_to("section:next_steps")
    d.type_in("section:next_steps", "Governors to minute the objectives by 31 December.")
    w.go_to("qa")
    d.click(d.find("confirm:trained", QCheckBox))
    assert w.mark_ready(), w.banner.text()
    assert services.visits.content(visit_id).state == "ready_to_sign"
    w.close()

    # Signed (issue 4's dialog does this): the workspace opens read-only, Amend is the only way.
    _sign(services, visit_id)
    d2 = Driver(qtbot, services, visit_id)
    assert d2.w.read_only and d2.w.buttons["amend"].isVisible()
    assert not d2.w.buttons["ready"].isVisible()
    d2.w.go_to("section:next_steps")
    note = d2.find("section:next_steps", QTextEdit)
    assert note.isReadOnly() and note.toPlainText().startswith("Governors to minute")
    d2.w.go_to("section:objectives")
    assert all(e.isReadOnly() for e in d2.page().findChildren(QTextEdit))
    assert not d2.page().findChild(type(d2.w.buttons["amend"]), "remove").isVisible()

    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *a, **k: ("Chair asked to reword next steps", True)))
    d2.click(d2.w.buttons["amend"])
    assert services.visits.content(visit_id).state == "amending"
    assert not d2.w.read_only
    d2.w.go_to("section:next_steps")
    edit = d2.find("section:next_steps", QTextEdit)
    assert not edit.isReadOnly()
    edit.selectAll()
    d2.type(edit, "Governors to minute the objectives at the December meeting.")
    assert d2.w.mark_ready()
    d2.w.close()
    services.close()

    again = open_services(home / "linkadviser.sqlite3", today=lambda: TODAY)
    try:
        content = again.visits.content(visit_id)
        assert content.state == "ready_to_sign"
        assert content.section_texts["next_steps"].endswith("at the December meeting.")
        assert content.objectives[0].monitoring.startswith("Two appointed governors")
        assert content.checklist["representatives"].ticked
        d3 = Driver(qtbot, again, visit_id)
        d3.w.go_to("attendees")
        names = [e.text() for e in d3.page().findChildren(QLineEdit)
                 if e.objectName() == "attendee.name"]
        assert names == ["Ms A Jones", "Mr B Smith", "Mrs C Gov"]
    finally:
        again.close()
