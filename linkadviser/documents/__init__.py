"""The documents a visit produces (record of visit, annual report to governors, governor
feedback form, visit preparation sheet), drawn with reportlab, fingerprinted and verifiable.

``DocumentService`` gathers a document from the store, ``render_pdf`` draws it, ``verify_pdf``
checks a PDF. Nothing here imports Qt: the preview and sign dialog live in ``ui/signing``.
"""

from linkadviser.documents.data import DocumentData
from linkadviser.documents.render import render_pdf
from linkadviser.documents.service import DocumentError, DocumentService
from linkadviser.documents.verify import Verdict, verify_pdf

__all__ = ["DocumentData", "DocumentError", "DocumentService", "Verdict", "render_pdf",
           "verify_pdf"]
