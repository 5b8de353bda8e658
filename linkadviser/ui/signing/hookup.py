"""Wiring the workspace's "Sign…" and "Preview document" to the dialogs here.

The workspace only emits ``sign_requested(visit_id)`` and ``preview_requested(visit_id)``;
the main window calls ``attach(workspace, services)`` once after creating it. After a
signature the workspace reloads (it is now read-only), every screen hears that the visit
changed, and the signed document opens at once so it can be saved to a memory stick or
printed for governors before the adviser leaves; a laptop with no signing key yet is offered
one there.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QDialog, QWidget

from linkadviser.services import Services
from linkadviser.ui.ops import changes
from linkadviser.ui.signing.preview import PreviewDialog
from linkadviser.ui.signing.sign_dialog import SignDialog


class SignableWorkspace(Protocol):
    sign_requested: SignalInstance
    preview_requested: SignalInstance

    def flush(self) -> None: ...

    def reload(self) -> None: ...


def attach(workspace: SignableWorkspace, services: Services,
           parent: QWidget | None = None) -> None:
    """Open the sign dialog and the preview when the workspace asks for them."""
    owner = parent if parent is not None else workspace

    def sign(visit_id: str) -> None:
        workspace.flush()  # what was typed last is in the document that is signed
        if SignDialog(services, visit_id, owner).exec() != QDialog.DialogCode.Accepted:
            return
        changes().changed.emit("visit")
        workspace.reload()
        PreviewDialog(services, visit_id, owner, offer_key=True).exec()

    def preview(visit_id: str) -> None:
        workspace.flush()
        PreviewDialog(services, visit_id, owner).exec()

    workspace.sign_requested.connect(sign)
    workspace.preview_requested.connect(preview)
