"""PAdES signatures on documents, made and checked with pyHanko.

The document as linkadviser drew it stays the file's first revision, byte for byte; the
signature is the one incremental update after it (an invisible signature field: the drawn
signatures of adviser, headteacher and governors are on the pages already). It is a
certification signature that allows no changes, so a PDF reader flags any later edit.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError as HankoSigningError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import (
    CertRevTrustPolicy,
    RevocationCheckingPolicy,
    RevocationCheckingRule,
)
from pyhanko_certvalidator.registry import SimpleCertificateStore

from linkadviser.signing import authority
from linkadviser.signing.adviser import Unlocked
from linkadviser.signing.errors import SigningError

FIELD = "LinkAdviserSignature"
# With the authority's revocation list at hand, an adviser's certificate must be on it or
# not: certificates name no place to fetch one from (a school has no network anyway).
WITH_CRL = CertRevTrustPolicy(RevocationCheckingPolicy(
    ee_certificate_rule=RevocationCheckingRule.CRL_REQUIRED,
    intermediate_ca_cert_rule=RevocationCheckingRule.CHECK_IF_DECLARED))
# pyHanko logs a failed path search with a traceback; the verdict says it in one line.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def described(certificate: x509.Certificate) -> str:
    """How the document's footer names its signer (the same words every time): name,
    certificate serial (its first 16 digits: enough to tell certificates apart) and the
    authority that issued it."""
    issuer = certificate.issuer.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    by = str(issuer[0].value) if issuer else authority.subject_name_of_issuer(certificate)
    return (f"{authority.subject_name(certificate)} (certificate "
            f"{authority.serial_hex(certificate)[:16]}, {by})")


def sign(pdf: bytes, unlocked: Unlocked, reason: str) -> bytes:
    """``pdf`` with the adviser's PAdES signature appended, covering the whole file."""
    if unlocked.certificate is None:
        raise SigningError("This laptop's key has no certificate from the authority yet; the "
                           "document keeps its fingerprint only.")
    der_key = unlocked.key.private_bytes(serialization.Encoding.DER,
                                        serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
    signer = signers.SimpleSigner(
        signing_cert=_asn1_certificate(unlocked.certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs(
            [_asn1_certificate(c) for c in unlocked.chain]))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD, md_algorithm="sha256", reason=reason, certify=True,
        subfilter=fields.SigSeedSubFilter.PADES,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
        name=authority.subject_name(unlocked.certificate))
    try:
        out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), meta,
                               signer=signer)
    except (HankoSigningError, PdfError, ValueError) as exc:
        raise SigningError(f"The document could not be signed ({exc}).") from exc
    return out.getvalue()


@dataclass
class Trust:
    """What a signature is checked against: the authority's root(s), the certificates between
    and the revocation list. Empty roots: nobody's signature can be trusted."""

    roots: list[x509.Certificate] = field(default_factory=list)
    others: list[x509.Certificate] = field(default_factory=list)
    crls: list[bytes] = field(default_factory=list)  # DER


@dataclass
class SignatureCheck:
    """One signature, checked: what a person needs to know, and what failed."""

    signer: str = ""
    serial: str = ""
    described: str = ""  # as the pages must name the signer (``described``)
    issuer: str = ""
    signed_at: datetime | None = None
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def signatures_in(pdf: bytes) -> tuple[PdfFileReader, list]:
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        return reader, list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError, IndexError, RecursionError) as exc:
        raise SigningError(f"the file's signature part cannot be read ({exc})") from exc


def check(pdf: bytes, trust: Trust) -> SignatureCheck:
    """Check the file's one signature; the caller has seen there is exactly one."""
    result = SignatureCheck()
    try:
        reader, found = signatures_in(pdf)
    except SigningError as exc:
        result.problems.append(str(exc))
        return result
    embedded = found[0]
    certificate = x509.load_der_x509_certificate(embedded.signer_cert.dump())
    result.signer, result.serial = authority.subject_name(certificate), authority.serial_hex(
        certificate)
    result.issuer = authority.subject_name_of_issuer(certificate)
    result.described = described(certificate)
    if embedded.signed_revision != 1 or reader.xrefs.total_revisions != 2:
        result.problems.append("the signature does not sign the document as linkadviser drew "
                               "it, or something was added after it")
    context = ValidationContext(
        trust_roots=[_asn1_certificate(c) for c in trust.roots],
        other_certs=[_asn1_certificate(c) for c in trust.others],
        crls=trust.crls, allow_fetching=False,
        **({"revinfo_policy": WITH_CRL} if trust.crls else {"revocation_mode": "soft-fail"}))
    try:
        status = validate_pdf_signature(embedded, context)
    except (SignatureValidationError, PdfError, ValueError, KeyError, TypeError) as exc:
        result.problems.append(f"the signature cannot be checked ({exc})")
        return result
    result.signed_at = status.signer_reported_dt
    if not status.intact or not status.valid:
        result.problems.append("the signature does not match the file: the signed bytes were "
                               "changed, or the signature is damaged")
        return result
    if status.coverage != status.coverage.ENTIRE_FILE:
        result.problems.append("the signature does not cover the whole file: something was "
                               "added after signing")
    if status.revoked:
        result.problems.append(f"certificate {result.serial} was withdrawn by the authority "
                               "(revoked): do not rely on what it signed; ask for a fresh copy")
    elif not trust.roots:
        result.problems.append("there is no authority root to check the certificate against "
                               "(this store has none: give --trust ROOT.pem)")
    elif not status.trusted:
        result.problems.append(f"certificate {result.serial} ({result.signer}) does not chain "
                               "to the authority's root, or has expired")
    else:
        result.notes.append(f"The certificate chains to {authority.subject_name(trust.roots[0])}"
                            + (" and is not on the authority's revocation list."
                               if trust.crls else "; revocation not checked (no revocation list)."))
    return result
