"""PAdES on signed documents: verify says who signed, and refuses every altered signature."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from linkadviser.documents import verify_pdf
from linkadviser.signing import authority, centre, pades
from linkadviser.signing.adviser import Unlocked, unlock
from linkadviser.signing.keys import new_key
from linkadviser.signing.trusted import trust_of
from tests.unit.documents import builders
from tests.unit.documents.pdfs import flat
from tests.unit.documents.tampering import free_text, incremental
from tests.unit.signing.enrol import CENTRE_PASSPHRASE, PASSPHRASE, enrol, send_back


@pytest.fixture
def enrolled(services, central):
    enrol(central, services.store)
    return unlock(services.store, PASSPHRASE)


@pytest.fixture
def signed(services, documents, enrolled):
    visit_id = builders.signed_visit(services, 1)
    return visit_id, documents.render(visit_id, signer=enrolled)


def _verify(services, pdf, trust=None):
    return verify_pdf(pdf, services.programme, services.store,
                      trust=trust or trust_of(services.store))


def _failure(verdict) -> str:
    assert not verdict.ok, verdict.lines
    return " ".join(line for line in verdict.lines if line.startswith("FAILED"))


def test_a_signed_record_says_who_signed_it(services, signed, enrolled):
    _visit_id, pdf = signed
    verdict = _verify(services, pdf)
    assert verdict.ok, verdict.lines
    text = "\n".join(verdict.lines)
    serial = authority.serial_hex(enrolled.certificate)
    assert f"Digitally signed by Siân Llŷr with certificate {serial}" in text
    assert "Testshire County Council Link Adviser signing authority" in text
    assert "not on the authority's revocation list" in text
    assert "nothing was changed after signing" in text
    assert f"Digitally signed by Siân Llŷr (certificate {serial[:16]}, Testshire" in flat(pdf)


def test_pyhankos_own_validator_trusts_it_with_the_root_alone(services, signed, central):
    _visit_id, pdf = signed
    with central.session() as session:
        root = centre.unlock(session, CENTRE_PASSPHRASE).certificate
    anchor = asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))
    embedded = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(embedded) == 1
    status = validate_pdf_signature(embedded[0], ValidationContext(trust_roots=[anchor]))
    assert status.bottom_line and status.trusted and status.intact
    assert status.coverage == status.coverage.ENTIRE_FILE


def test_before_a_certificate_the_document_says_fingerprint_only(services, documents):
    visit_id = builders.signed_visit(services, 1)
    pdf = documents.render(visit_id)
    assert "Not digitally signed: this copy carries the record's fingerprint only" in flat(pdf)
    verdict = _verify(services, pdf)
    assert verdict.ok and any("Not digitally signed" in line for line in verdict.lines)


def test_without_the_authoritys_root_nobody_is_trusted(services, signed):
    _visit_id, pdf = signed
    assert "no authority root" in _failure(_verify(services, pdf, pades.Trust()))


def test_another_authority_cannot_sign_for_ours(services, documents, signed):
    """A forger with a CA of their own, naming the same adviser."""
    visit_id, _pdf = signed
    now = datetime.now(UTC)
    forger_key, key = new_key(), new_key()
    forger = authority.make_root("Testshire County Council", forger_key, now)
    certificate = authority.issue(forger, forger_key, key.public_key(),
                                  authority.Adviser("adviser-1", "Siân Llŷr"), now)
    pdf = documents.render(visit_id, signer=Unlocked(key, certificate, [forger]))
    assert "does not chain to the authority's root" in _failure(_verify(services, pdf))


def test_an_expired_certificate_is_not_trusted(services, documents, central):
    visit_id = builders.signed_visit(services, 1)
    with central.session() as session:
        ca = centre.unlock(session, CENTRE_PASSPHRASE)
    key = new_key()
    old = authority.issue(ca.certificate, ca.key, key.public_key(),
                          authority.Adviser("adviser-1", "Siân Llŷr"),
                          datetime.now(UTC) - timedelta(days=800), years=1)
    pdf = documents.render(visit_id, signer=Unlocked(key, old, [ca.certificate]))
    assert "has expired" in _failure(_verify(services, pdf, pades.Trust(roots=[ca.certificate])))


def test_a_revoked_certificate_is_not_trusted(services, signed, central):
    _visit_id, pdf = signed
    centre.revoke_adviser(central, "adviser-1", CENTRE_PASSPHRASE, "lost")
    send_back(central, services.store, "adviser-1")
    assert "withdrawn by the authority (revoked)" in _failure(_verify(services, pdf))


def test_a_corrupted_signature_fails(services, signed):
    _visit_id, pdf = signed
    opening = pdf.rindex(b"/Contents <") + len(b"/Contents <")
    hex_digits = pdf[opening:pdf.index(b">", opening)]
    start = opening + len(hex_digits.rstrip(b"0")) - 10  # in the signature value, at the end
    flipped = b"0" if pdf[start:start + 1] != b"0" else b"1"
    damaged = pdf[:start] + flipped + pdf[start + 1:]
    assert "signature does not match the file" in _failure(_verify(services, damaged))


def test_an_update_after_the_signature_fails_and_is_named(services, signed):
    _visit_id, pdf = signed
    failure = _failure(_verify(services, incremental(pdf, free_text())))
    assert "FreeText on page 1" in failure or "does not cover the whole file" in failure


def test_a_second_signature_fails(services, signed, enrolled, monkeypatch):
    """pyHanko itself refuses to sign after a no-changes certification; other tools may not."""
    from pyhanko.sign.signers.pdf_signer import PdfSigner

    monkeypatch.setattr(PdfSigner, "_enforce_certification_constraints", lambda *_: None)
    _visit_id, pdf = signed
    twice = _second_signature(pdf, enrolled)
    assert "2 signatures" in _failure(_verify(services, twice))


def _second_signature(pdf: bytes, unlocked: Unlocked) -> bytes:
    from asn1crypto import keys as asn1_keys
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    der = unlocked.key.private_bytes(serialization.Encoding.DER,
                                     serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())
    signer = signers.SimpleSigner(
        signing_cert=asn1_x509.Certificate.load(
            unlocked.certificate.public_bytes(serialization.Encoding.DER)),
        signing_key=asn1_keys.PrivateKeyInfo.load(der), cert_registry=None)
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False),
                           signers.PdfSignatureMetadata(field_name="Second"), signer=signer)
    return out.getvalue()


def test_a_removed_signature_fails(services, signed):
    _visit_id, pdf = signed
    first = pdf[:pdf.index(b"%%EOF") + len(b"%%EOF\n")]
    assert "carries no signature: it was removed" in _failure(_verify(services, first))


def test_a_new_laptop_keeps_earlier_documents_valid(services, documents, signed, central):
    """Replaced, not lost: the old certificate stands behind what it signed."""
    visit_id, before = signed
    centre.replace_adviser_key(central, "adviser-1")
    enrol(central, services.store, replace=True)
    after = documents.render(visit_id, signer=unlock(services.store, PASSPHRASE))
    assert _verify(services, before).ok
    assert _verify(services, after).ok
    serials = {line for line in _verify(services, after).lines if "certificate" in line}
    assert serials != {line for line in _verify(services, before).lines if "certificate" in line}


def test_a_lost_laptop_re_signs_with_the_new_key(services, documents, signed, central):
    visit_id, before = signed
    centre.revoke_adviser(central, "adviser-1", CENTRE_PASSPHRASE, "lost")
    enrol(central, services.store, replace=True)
    assert not _verify(services, before).ok
    assert _verify(services, documents.render(visit_id, signer=unlock(services.store,
                                                                       PASSPHRASE))).ok
