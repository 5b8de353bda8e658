"""Checking a signed PDF: against the store when the visit is there, and always against itself.

The PDF carries the signed content (exactly the JSON that was fingerprinted) and everything
else it shows. Three checks follow from that, each catching a different edit:

1. the embedded content's SHA-256 equals the fingerprint in the metadata and in every footer
   (catches an edited embedded record);
2. drawing the embedded data again gives the same file byte for byte (when made by the same
   reportlab: drawing is deterministic); failing that, the page whose text or drawing differs
   is named (catches edited, covered or added text, and swapped fonts or images);
3. the fingerprint is the one the store holds for that version of that visit (catches a PDF
   re-made from altered content, which a PDF alone cannot reveal: a fingerprint is not a
   private-key signature).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from sqlalchemy import select

from linkadviser.documents.data import DocumentData, from_payload
from linkadviser.documents.render import (
    FINGERPRINT_KEY,
    PAYLOAD_KEY,
    RENDERER,
    render_pdf,
    renderer_name,
)
from linkadviser.documents.service import DocumentError
from linkadviser.errors import LinkAdviserError
from linkadviser.programme.model import Programme
from linkadviser.store.db import Store
from linkadviser.store.models import SignedVersion, Visit
from linkadviser.visit.content import fingerprint_of


@dataclass
class Verdict:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def fail(self, line: str) -> None:
        self.ok = False
        self.lines.append(f"FAILED: {line}")

    def note(self, line: str) -> None:
        self.lines.append(line)


def _pages(reader: PdfReader) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "").strip() for page in reader.pages]


def _streams(reader: PdfReader) -> list[bytes]:
    streams = []
    for page in reader.pages:
        contents = page.get_contents()  # an empty ContentStream is falsy: test for None
        streams.append(contents.get_data() if contents is not None else b"")
    return streams


def verify_pdf(pdf: bytes, programme: Programme, store: Store | None = None,
               programmes: Callable[[str, str], Programme] | None = None) -> Verdict:
    """Check ``pdf``; ``programmes(id, version)`` finds an earlier programme version (the
    services' registry) when the document was made under one."""
    try:
        reader = PdfReader(io.BytesIO(pdf))
        meta = reader.metadata or {}
    except (PdfReadError, ValueError, OSError) as exc:
        raise DocumentError(f"This file cannot be read as a PDF ({exc}).") from exc
    verdict = Verdict()
    payload = meta.get(PAYLOAD_KEY)
    if not payload:
        verdict.fail("the PDF carries no linkadviser record: it was not made by linkadviser, "
                     "or its embedded record was removed.")
        return verdict
    try:
        data, content_raw = from_payload(str(payload))
    except (ValueError, KeyError, TypeError) as exc:
        verdict.fail(f"the embedded record is damaged ({exc}).")
        return verdict
    c = data.content
    title = data.kind.replace("_", " ").capitalize()
    verdict.note(f"{title} for {c.school_name} (URN {c.school_urn}), visit {c.visit_number}, "
                 f"version {data.version}.")
    if not data.signed:
        verdict.fail("this is an unsigned draft: it has no fingerprint to check.")
        return verdict
    _check_fingerprint(verdict, data.fingerprint, content_raw, str(meta.get(FINGERPRINT_KEY, "")))
    _check_pages(verdict, pdf, reader, data, _programme_of(data, programme, programmes),
                 str(meta.get(RENDERER, "")))
    if store is not None:
        _check_store(verdict, store, c.visit_id, data.version, data.fingerprint)
    else:
        verdict.note("No store to compare with: checked the PDF against its own record only.")
    return verdict


def _programme_of(data: DocumentData, programme: Programme,
                  programmes: Callable[[str, str], Programme] | None) -> Programme:
    wanted = (data.content.programme_id, data.content.programme_version)
    if wanted == (programme.id, programme.version) or programmes is None:
        return programme
    try:
        return programmes(*wanted)
    except LinkAdviserError:
        return programme  # _check_pages says which version was needed


def _check_fingerprint(verdict: Verdict, claimed: str, content_raw: dict, in_meta: str) -> None:
    actual = fingerprint_of(content_raw)
    if actual != claimed or in_meta != claimed:
        verdict.fail("the embedded record does not match its fingerprint: the record inside "
                     "the PDF was changed after signing.")
    else:
        verdict.note(f"Fingerprint {claimed} matches the embedded record.")


def _check_pages(verdict: Verdict, pdf: bytes, reader: PdfReader, data: DocumentData,
                 programme: Programme, renderer: str) -> None:
    content = data.content
    if (content.programme_id, content.programme_version) != (programme.id, programme.version):
        verdict.fail(f"made under programme {content.programme_id} {content.programme_version}; "
                     f"this app has {programme.id} {programme.version}, so the pages cannot be "
                     "drawn again to compare.")
        return
    same_renderer = renderer == renderer_name()
    fresh_pdf = render_pdf(data, programme)
    if same_renderer and fresh_pdf == pdf:
        verdict.note("The file is byte for byte the signed document (drawn again from its "
                     "record): every page's text, drawing, fonts and images are as signed.")
        return
    fresh = PdfReader(io.BytesIO(fresh_pdf))
    shown, expected = _pages(reader), _pages(fresh)
    if len(shown) != len(expected):
        verdict.fail(f"the PDF has {len(shown)} pages; the signed record makes "
                     f"{len(expected)}.")
        return
    changed = [n for n, (a, b) in enumerate(zip(shown, expected, strict=True), 1) if a != b]
    if changed:
        verdict.fail("the text on page(s) " + ", ".join(map(str, changed)) +
                     " differs from the signed record: the PDF's text was edited.")
        return
    if not same_renderer:
        verdict.note(f"Text matches the signed record on every page (drawing not compared: "
                     f"made with {renderer or 'an unknown renderer'}).")
        return
    drawn = [n for n, (a, b) in enumerate(zip(_streams(reader), _streams(fresh), strict=True), 1)
             if a != b]
    if drawn:
        verdict.fail("the drawing on page(s) " + ", ".join(map(str, drawn)) +
                     " differs from the signed record: something was added, moved or covered.")
    else:
        verdict.fail("the text and drawing match, but the file is not the one linkadviser "
                     "made: its fonts or images were changed, or another program re-saved it. "
                     "Print a fresh copy with `linkadviser render`.")


def _check_store(verdict: Verdict, store: Store, visit_id: str, version: int,
                 fingerprint: str) -> None:
    with store.session() as session:
        visit = session.get(Visit, visit_id)
        if visit is None:
            verdict.note("This visit is not in the store: checked the PDF against its own "
                         "record only.")
            return
        signed = session.scalar(select(SignedVersion).where(
            SignedVersion.visit_id == visit_id, SignedVersion.version == version))
        if signed is None:
            verdict.fail(f"the store has no signed version {version} of this visit.")
        elif signed.fingerprint != fingerprint:
            verdict.fail(f"the store's version {version} has fingerprint {signed.fingerprint}; "
                         "this PDF's record differs from what was signed.")
        else:
            verdict.note(f"Matches signed version {version} in the store "
                         f"(signed {signed.signed_at:%Y-%m-%d %H:%M} UTC).")
            if visit.signed_version > version:
                verdict.note(f"Note: version {version} was later amended; the current signed "
                             f"version is {visit.signed_version}.")
