"""The preparation page's button adds questions and targets from the data, off the UI thread."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from linkadviser.services import Services
from linkadviser.ui.workspace import VisitWorkspace
from tests.unit.visit.test_preparation import unsigned_school

TODAY = date(2026, 11, 26)


def test_prepare_from_data_fills_the_visit(qtbot, store, programme, demo_copy):
    demo_copy(store, programme, TODAY)
    services = Services(store, programme, lambda: TODAY)
    visit_id = services.workflow.ensure_visit(unsigned_school(services, 1), 1)
    before = services.visits.content(visit_id)
    workspace = VisitWorkspace(services, visit_id)
    qtbot.addWidget(workspace)
    workspace.go_to("preparation")
    button = workspace.findChild(QPushButton, "prepare_from_data")
    assert button is not None and "targets" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(services.visits.content(visit_id).questions)
                    > len(before.questions), timeout=60000)
    qtbot.waitUntil(lambda: workspace.banner.isVisibleTo(workspace), timeout=10000)
    assert "Added from the school's data" in workspace.banner.text()
    assert len(services.visits.content(visit_id).targets) > len(before.targets)
