"""Turning a ``DocumentData`` into PDF bytes, with the fingerprint and content embedded.

The PDF's document information carries the fingerprint (``/LinkAdviserFingerprint``) and the
whole ``DocumentData`` as JSON (``/LinkAdviserDocument``), so the PDF alone is enough to check
itself: see ``verify``.
"""

from __future__ import annotations

import io

import reportlab

from linkadviser.calendar import year_label
from linkadviser.documents.data import DocumentData, to_payload
from linkadviser.documents.fonts import register_fonts
from linkadviser.documents.kinds import BUILDERS
from linkadviser.documents.layout import PageDecor, build_pdf
from linkadviser.programme.model import Programme

FINGERPRINT_KEY = "/LinkAdviserFingerprint"
PAYLOAD_KEY = "/LinkAdviserDocument"
RENDERER = "/LinkAdviserRenderer"  # drawing is only compared when made by the same reportlab
CONFIDENTIAL_MARK = "CONFIDENTIAL TO THE GOVERNING BODY"
DEMO_MARK = "DEMO DATA: the county, its schools, people and figures are invented"


def decor_for(data: DocumentData, programme: Programme) -> PageDecor:
    c = data.content
    title = programme.document(data.kind).title
    if data.amended:
        title += f" (amended, version {data.version})"
    elif data.signed:
        title += f" (version {data.version})"
    footer = f"{c.school_name} (URN {c.school_urn}) · Visit {c.visit_number}, " \
             f"{year_label(c.academic_year)}"
    if data.printed_on and not data.signed:
        footer += f" · printed {data.printed_on.isoformat()}"
    confidential = programme.document(data.kind).confidential or \
        programme.visit(c.visit_number).confidential
    return PageDecor(
        authority=data.authority or programme.authority,
        # The bundled programme's service is a real authority's: not the demo county's.
        programme_title=programme.title if data.demo else
        f"{programme.service} · {programme.title}",
        document_title=title, footer_left=footer, fingerprint=data.fingerprint,
        draft=not data.signed and data.kind != "preparation_sheet",
        confidential=CONFIDENTIAL_MARK if confidential else "",
        demo=DEMO_MARK if data.demo else "",
        signature_note=signature_note(data))


def signature_note(data: DocumentData) -> str:
    if not data.signed or data.digital_signature is None:
        return ""
    if data.digital_signature:
        return (f"Digitally signed by {data.digital_signature}: a PDF reader shows the "
                "signature.")
    return ("Not digitally signed: this copy carries the record's fingerprint only (until "
            "the adviser has the authority's certificate), which linkadviser verify checks.")


def render_pdf(data: DocumentData, programme: Programme) -> bytes:
    """The document as PDF bytes; the same data always draws the same pages."""
    register_fonts()
    programme = programme.for_year(data.content.academic_year)  # its years filled in
    decor = decor_for(data, programme)
    info = {PAYLOAD_KEY: to_payload(data), RENDERER: renderer_name()}
    if data.fingerprint:
        info[FINGERPRINT_KEY] = data.fingerprint
    made_on = max((s.signed_on for s in data.content.signatures), default=None) \
        if data.signed else data.printed_on
    if made_on:  # from the data, not the clock, so the same data gives the same file
        info["/CreationDate"] = info["/ModDate"] = f"D:{made_on:%Y%m%d}000000Z"
    buffer = io.BytesIO()
    build_pdf(buffer, BUILDERS[data.kind](data, programme), decor,
              title=f"{decor.document_title}: {data.content.school_name}",
              author=data.content.adviser_name,
              info={key.lstrip("/"): value for key, value in info.items()},
              keywords=f"sha256:{data.fingerprint}" if data.fingerprint else "")
    return buffer.getvalue()


def renderer_name() -> str:
    return f"reportlab {reportlab.Version}"
