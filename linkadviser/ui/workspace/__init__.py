"""The guided visit workspace: the screen an adviser works in during a visit."""

from linkadviser.ui.workspace.workspace import VisitWorkspace

__all__ = ["VisitWorkspace"]
