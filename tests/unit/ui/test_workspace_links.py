"""The side panel: what the visits this one builds on recorded, as the programme links them."""

from __future__ import annotations

import pytest

from linkadviser.services import Services
from tests.unit.ui.workspace_driver import TODAY, Driver, add_school


@pytest.fixture
def services(store, programme):
    return Services(store, programme, today=lambda: TODAY)


def _panel_text(driver: Driver) -> str:
    return driver.w.side.widget(0).toPlainText()


def test_visit_2_shows_visit_1s_targets_and_strengths_but_never_visit_4s_content(
        qtbot, services):
    school_id = add_school(services)
    v1 = services.workflow.ensure_visit(school_id, 1)
    services.visits.set_statements(v1, "strengths", ["Maths value added well above national"])
    services.visits.add(v1, "target", measure="Attendance", pupil_group="All pupils",
                        baseline=93.0, target=95.0, agreed=True)
    services.visits.add(v1, "target", measure="Proposed only", agreed=False)
    last_v4 = services.workflow.ensure_visit(school_id, 4, academic_year=2025)
    services.visits.add(last_v4, "objective", text="Secret objective for the head")
    v2 = services.workflow.ensure_visit(school_id, 2)

    text = _panel_text(Driver(qtbot, services, v2))
    assert "Visit 1: Data Analysis and Target Setting" in text
    assert "Maths value added well above national" in text
    assert "Attendance (All pupils): 93% → 95%" in text
    assert "Proposed only" not in text  # only agreed targets carry forward

    text = _panel_text(Driver(qtbot, services, v1))
    assert "Confidential to governors" in text
    assert "Secret objective" not in text
