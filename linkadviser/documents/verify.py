"""Checking a signed PDF: against the store when the visit is there, and always against itself.

The PDF carries the signed content (exactly the JSON that was fingerprinted) and everything
else it shows. The checks follow from that, each catching a different edit:

1. the embedded content's SHA-256 equals the fingerprint in the metadata and in every footer
   (catches an edited embedded record);
2. drawing the embedded data again with this app gives the first revision of the file byte
   for byte (drawing is deterministic); failing that, the page whose text or drawing differs
   is named (catches edited, covered or added text, and swapped fonts or images). Nothing the
   file says switches this off: a file made by a renderer this app does not have is NOT
   VERIFIED, never "text only";
3. whatever was appended after that first revision (a PDF editor saves changes as an
   incremental update: a white box, a FreeText note, new metadata) is named and fails, unless
   it is the document's one digital signature (``signing.pades``), which is then checked:
   who signed, with which certificate, whether it chains to the authority's root and is not
   revoked, and that it covers the whole file;
4. the fingerprint is the one the store holds for that version of that visit (catches a PDF
   re-made from altered content when it carries no digital signature).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

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
from linkadviser.signing import pades
from linkadviser.signing.errors import SigningError
from linkadviser.store.db import Store
from linkadviser.store.models import SignedVersion, Visit
from linkadviser.visit.content import fingerprint_of
from linkadviser.words import plural

MAX_PDF_BYTES = 64 * 1024 * 1024  # a signed record is ~100 KB; refuse before parsing more
# Appended bytes that are only line ends are not a change (some tools add a newline).
_BLANK = re.compile(rb"^[\r\n\t \x00]*$")


@dataclass
class Verdict:
    ok: bool = True
    lines: list[str] = field(default_factory=list)

    def fail(self, line: str) -> None:
        self.ok = False
        self.lines.append(f"FAILED: {line}")

    def note(self, line: str) -> None:
        self.lines.append(line)


def _reader(pdf: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(pdf))
        _ = reader.metadata, len(reader.pages)
        return reader
    except (PdfReadError, ValueError, OSError, KeyError, TypeError, RecursionError) as exc:
        raise DocumentError(f"This file cannot be read as a PDF ({exc}).") from exc


def _pages(reader: PdfReader) -> list[str]:
    return [re.sub(r"\s+", " ", page.extract_text() or "").strip() for page in reader.pages]


def _streams(reader: PdfReader) -> list[bytes]:
    streams = []
    for page in reader.pages:
        contents = page.get_contents()  # an empty ContentStream is falsy: test for None
        streams.append(contents.get_data() if contents is not None else b"")
    return streams


def verify_pdf(pdf: bytes, programme: Programme, store: Store | None = None,
               programmes: Callable[[str, str], Programme] | None = None,
               trust: pades.Trust | None = None) -> Verdict:
    """Check ``pdf``; ``programmes(id, version)`` finds an earlier programme version (the
    services' registry) when the document was made under one; ``trust`` holds the
    authority's root a digital signature must chain to (none: it cannot be trusted)."""
    if len(pdf) > MAX_PDF_BYTES:
        raise DocumentError(f"This file is {len(pdf) // (1024 * 1024)} MB, far larger than any "
                            "linkadviser document; it was not checked.")
    reader = _reader(pdf)
    verdict = Verdict()
    try:
        _verify(verdict, pdf, reader, programme, store, programmes, trust)
    except OperationalError:
        raise  # the store itself (locked, full): not the file's fault
    except Exception as exc:  # noqa: BLE001 - a crafted file must end in a verdict, not a crash
        verdict.fail(f"the file is damaged or made to mislead: it cannot be checked "
                     f"({type(exc).__name__}).")
    return verdict


def _verify(verdict: Verdict, pdf: bytes, reader: PdfReader, programme: Programme,
            store: Store | None, programmes: Callable[[str, str], Programme] | None,
            trust: pades.Trust | None) -> None:
    meta = reader.metadata or {}
    payload = meta.get(PAYLOAD_KEY)
    if not payload:
        verdict.fail("the PDF carries no linkadviser record: it was not made by linkadviser, "
                     "or its embedded record was removed.")
        return
    try:
        data, content_raw = from_payload(str(payload))
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        verdict.fail(f"the embedded record is damaged ({type(exc).__name__}).")
        return
    c = data.content
    title = data.kind.replace("_", " ").capitalize()
    verdict.note(f"{title} for {c.school_name} (URN {c.school_urn}), visit {c.visit_number}, "
                 f"version {data.version}.")
    if not data.signed:
        verdict.fail("this is an unsigned draft: it has no fingerprint to check.")
        return
    _check_fingerprint(verdict, data.fingerprint, content_raw, str(meta.get(FINGERPRINT_KEY, "")))
    fresh = _check_pages(verdict, pdf, reader, data,
                         _programme_of(data, programme, programmes), str(meta.get(RENDERER, "")))
    if fresh is not None:
        _check_after(verdict, pdf, fresh, data.digital_signature, trust or pades.Trust())
    if store is not None:
        _check_store(verdict, store, c.visit_id, data.version, data.fingerprint)
    else:
        verdict.note("No store to compare with: checked the PDF against its own record only.")


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
                 programme: Programme, renderer: str) -> bytes | None:
    """The document drawn again when the file begins with exactly it (returned), else None
    with the difference named."""
    content = data.content
    if (content.programme_id, content.programme_version) != (programme.id, programme.version):
        verdict.fail(f"made under programme {content.programme_id} {content.programme_version}; "
                     f"this app has {programme.id} {programme.version}, so the pages cannot be "
                     "drawn again to compare.")
        return None
    try:
        fresh_pdf = render_pdf(data, programme)
    except Exception as exc:  # noqa: BLE001 - anyone's record: whatever it breaks, it is damaged
        verdict.fail(f"the embedded record is damaged: it cannot be drawn ({type(exc).__name__})."
                     )
        return None
    if pdf.startswith(fresh_pdf):
        verdict.note("The document as first saved is byte for byte the signed one (drawn "
                     "again from its record): every page's text, drawing, fonts and images "
                     "are as signed.")
        return fresh_pdf
    if renderer != renderer_name():
        verdict.fail(f"the file says it was drawn by {renderer or 'an unknown program'!r}; this "
                     f"app draws with {renderer_name()} and cannot compare the pages with "
                     "another. Check it with the linkadviser version that made it, or print a "
                     "fresh copy with `linkadviser render`.")
    try:
        _diagnose(verdict, reader, PdfReader(io.BytesIO(fresh_pdf)), renderer)
    except Exception as exc:  # noqa: BLE001 - pypdf's errors on a damaged page are many
        verdict.fail(f"the file's pages cannot be read: it is damaged ({type(exc).__name__}).")
    return None


def _diagnose(verdict: Verdict, reader: PdfReader, fresh: PdfReader, renderer: str) -> None:
    """Which page's text or drawing differs from the signed record's."""
    shown, expected = _pages(reader), _pages(fresh)
    if len(shown) != len(expected):
        verdict.fail(f"the PDF has {len(shown)} pages; the signed record makes "
                     f"{len(expected)}.")
        return
    changed = [n for n, (a, b) in enumerate(zip(shown, expected, strict=True), 1) if a != b]
    if changed:
        verdict.fail(f"the text on {plural(len(changed), 'page')} " + _listed(changed) +
                     " differs from the signed record: the PDF's text was edited.")
        return
    drawn = [n for n, (a, b) in enumerate(zip(_streams(reader), _streams(fresh), strict=True), 1)
             if a != b]
    if drawn:
        verdict.fail(f"the drawing on {plural(len(drawn), 'page')} " + _listed(drawn) +
                     " differs from the signed record: something was added, moved or covered.")
    elif renderer == renderer_name():
        verdict.fail("the text and drawing match, but the file is not the one linkadviser "
                     "made: its fonts or images were changed, or another program re-saved it. "
                     "Print a fresh copy with `linkadviser render`.")


def _check_after(verdict: Verdict, pdf: bytes, fresh: bytes, claimed: str | None,
                 trust: pades.Trust) -> None:
    """What follows the document as drawn: nothing, or its one digital signature."""
    if _BLANK.match(pdf[len(fresh):]):
        if claimed:
            verdict.fail(f"the document says it is digitally signed by {claimed}, but the file "
                         "carries no signature: it was removed.")
        elif claimed == "":
            verdict.note("Not digitally signed (the adviser had no certificate yet, as the "
                         "document says): the fingerprint is its check.")
        return
    try:
        _, found = pades.signatures_in(pdf)
    except SigningError as exc:
        verdict.fail(f"the file was changed after signing: {exc}.")
        return
    if not found:
        verdict.fail("the file was changed after signing (an incremental update was added): "
                     + ("; ".join(changes_after(pdf, fresh)) or "objects were added") + ".")
        return
    try:
        _check_signature(verdict, pdf, fresh, claimed, trust, len(found))
    except Exception as exc:  # noqa: BLE001 - pyHanko and pypdf on anyone's bytes
        verdict.fail(f"the signature part of the file cannot be read ({type(exc).__name__}).")


def _check_signature(verdict: Verdict, pdf: bytes, fresh: bytes, claimed: str | None,
                     trust: pades.Trust, count: int) -> None:
    if count > 1:
        verdict.fail(f"the file carries {count} signatures: one was added after signing.")
        return
    check = pades.check(pdf, trust)
    when = f" at {check.signed_at:%Y-%m-%d %H:%M} UTC (the signer's clock)" \
        if check.signed_at else ""
    verdict.note(f"Digitally signed by {check.signer} with certificate {check.serial} "
                 f"issued by {check.issuer}{when}.")
    for problem in check.problems:
        verdict.fail(problem + ".")
    for line in check.notes:
        verdict.note(line)
    if not claimed:
        verdict.fail("the signature was added to a document that says it had none.")
    elif claimed != check.described:
        verdict.fail(f"the document names its signer as {claimed}, but the signature is "
                     f"{check.signer}'s certificate {check.serial}.")
    changed = changes_after(pdf, fresh, allowed_widgets=1)
    if changed:
        verdict.fail("the signature's own update also changed the document: "
                     + "; ".join(changed) + ".")
    elif check.ok:
        verdict.note("The signature covers the whole file but itself: nothing was changed "
                     "after signing.")


def changes_after(pdf: bytes, fresh: bytes, allowed_widgets: int = 0) -> list[str]:
    """What an appended update changed, in words: notes or boxes added, drawing changed on
    which pages, document information changed. ``allowed_widgets`` widget annotations are
    the document's own digital signature field (not a change)."""
    try:
        return _changes(_reader(pdf), PdfReader(io.BytesIO(fresh)), allowed_widgets)
    except Exception as exc:  # noqa: BLE001 - pypdf's errors on a damaged update are many
        return [f"the appended part cannot be read ({type(exc).__name__})"]


def _changes(now: PdfReader, then: PdfReader, allowed_widgets: int) -> list[str]:
    found = []
    if len(now.pages) != len(then.pages):
        found.append(f"the page count went from {len(then.pages)} to {len(now.pages)}")
    annotations = _annotations(now)
    widgets = sum(1 for _page, kind in annotations if kind == "/Widget")
    shown = [(page, kind) for page, kind in annotations
             if kind != "/Widget" or widgets > allowed_widgets]
    if shown:
        found.append("annotations added (" + ", ".join(
            f"{kind.lstrip('/')} on page {page}" for page, kind in shown[:10]) + ")")
    drawn = [n for n, (a, b) in enumerate(zip(_streams(now), _streams(then), strict=False), 1)
             if a != b]
    if drawn:
        found.append(f"the drawing of {plural(len(drawn), 'page')} " + _listed(drawn) + " changed")
    info_now, info_then = dict(now.metadata or {}), dict(then.metadata or {})
    changed_keys = sorted(k for k in {*info_now, *info_then}
                          if k not in ("/ModDate", "/Producer")
                          and str(info_now.get(k)) != str(info_then.get(k)))
    if changed_keys:
        found.append("the document information changed (" +
                     ", ".join(k.lstrip("/") for k in changed_keys[:10]) + ")")
    return found


def _annotations(reader: PdfReader) -> list[tuple[int, str]]:
    found = []
    for number, page in enumerate(reader.pages, 1):
        for ref in page.get("/Annots") or []:
            annotation = ref.get_object()
            found.append((number, str(annotation.get("/Subtype", "/Unknown"))))
    return found


def _listed(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers))


def _check_store(verdict: Verdict, store: Store, visit_id: str, version: int,
                 fingerprint: str) -> None:
    if not isinstance(visit_id, str) or not isinstance(version, int):
        verdict.fail("the embedded record names its visit or version in a form linkadviser "
                     "never writes: it is damaged.")
        return
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
