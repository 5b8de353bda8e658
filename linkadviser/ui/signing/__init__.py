"""Signing on screen and previewing documents: the signature pad, the sign dialog, and the PDF
preview with save and print. Each takes ``services`` and a ``visit_id`` so the workspace (or
any screen) can open it; none runs SQL or draws a PDF itself."""

from linkadviser.ui.signing.hookup import attach
from linkadviser.ui.signing.preview import DocumentPreview, PreviewDialog
from linkadviser.ui.signing.sign_dialog import SignDialog
from linkadviser.ui.signing.signature_pad import SignaturePad

__all__ = ["DocumentPreview", "PreviewDialog", "SignDialog", "SignaturePad", "attach"]
