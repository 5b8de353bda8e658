"""Signing a visit through the workspace's real hook, as the adviser does, for signing tests.

The sign dialog is drawn on and its Sign button clicked; the preview that follows is shown
without a nested event loop, so a test can work with it (and the dialogs it opens).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from linkadviser.ui.signing import PreviewDialog, attach, hookup
from linkadviser.ui.workspace import VisitWorkspace


def sign_through_workspace(qtbot, services, visit_id: str, monkeypatch
                           ) -> tuple[VisitWorkspace, list[PreviewDialog]]:
    """Sign ``visit_id`` from its workspace: the workspace, and the previews it opened (the
    one after signing first; later ones join the list)."""
    workspace = VisitWorkspace(services, visit_id)
    qtbot.addWidget(workspace)
    opened: list[PreviewDialog] = []

    def sign_on_screen(signing):
        for box in (signing.adviser, *signing.school_signers):
            box.pad.add_stroke([(20, 80), (120, 30), (260, 90)])
        qtbot.mouseClick(signing.sign_button, Qt.MouseButton.LeftButton)
        return signing.result()

    def show_instead(shown):
        qtbot.addWidget(shown)
        opened.append(shown)
        shown.show()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(hookup.SignDialog, "exec", sign_on_screen)
    monkeypatch.setattr(hookup.PreviewDialog, "exec", show_instead)
    attach(workspace, services)
    workspace.sign_requested.emit(visit_id)
    return workspace, opened
