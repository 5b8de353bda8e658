"""Signed sync files: the manifest signed by its sender, checked before anything is read.

The manifest lists every member with its SHA-256, so signing its exact bytes signs the whole
file. ``manifest.sig`` (not listed: it signs the list) holds the signature and the signer's
certificate. Who must have signed depends on who receives:

- an adviser's store that trusts an authority root takes only files signed by that
  authority's centre (the CA's own key); before it has a root, files come unsigned;
- the centre takes an adviser's file only when signed by that adviser's current certificate;
  an adviser with no certificate yet (not enrolled) sends unsigned files.

An unsigned file accepted is said so in the import report and the centre's record of merges.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass

from cryptography import x509
from sqlalchemy.orm import Session

from linkadviser import bounded_json
from linkadviser.signing import authority, centre, exchange, state
from linkadviser.signing.adviser import Unlocked
from linkadviser.signing.errors import SigningError
from linkadviser.signing.keys import PrivateKey, sign_bytes, signature_matches
from linkadviser.sync.errors import SyncError
from linkadviser.sync.manifest import Manifest

SIGNATURE = "manifest.sig"
MAX_SIGNATURE_BYTES = 64 * 1024
UNSIGNED = "unsigned"


@dataclass(frozen=True)
class ManifestSigner:
    """A key and its certificate, unlocked for the one file being written."""

    key: PrivateKey
    certificate: x509.Certificate

    def sign(self, manifest_raw: bytes) -> bytes:
        return json.dumps({
            "certificate": authority.pem(self.certificate).decode(),
            "signature": base64.b64encode(sign_bytes(self.key, manifest_raw)).decode(),
        }).encode()


def adviser_signer(unlocked: Unlocked) -> ManifestSigner | None:
    """None until the laptop's key is certified: the file then goes unsigned."""
    if unlocked.certificate is None:
        return None
    return ManifestSigner(unlocked.key, unlocked.certificate)


def centre_signer(session: Session, passphrase: str) -> ManifestSigner:
    unlocked = centre.unlock(session, passphrase)
    return ManifestSigner(unlocked.key, unlocked.certificate)


Sign = Callable[[bytes], bytes]


def adviser_outgoing(session: Session, signer: ManifestSigner | None
                     ) -> tuple[bytes | None, Sign | None]:
    """What an adviser's file carries for signing (a waiting certificate request) and how its
    manifest is signed; an enrolled adviser's file must be signed (the centre refuses it
    otherwise), so it is refused here rather than there."""
    if signer is None and state.get(session, state.MY_CERTIFICATE):
        raise SyncError("Your sync files are signed now that you have a certificate: give your "
                        "signing key's passphrase (--passphrase-file, or LINKADVISER_PASSPHRASE)."
                        " Nothing was written.")
    return exchange.from_adviser(session), signer.sign if signer else None


def centre_outgoing(session: Session, adviser_id: str, signer: ManifestSigner | None
                    ) -> tuple[bytes | None, Sign | None, list[centre.Issued]]:
    """The centre's file for one adviser: certificates for waiting requests issued first (the
    file then carries the new certificate), the authority's certificates, the signature."""
    if not centre.has_ca(session):
        return None, None, []
    if signer is None:
        raise SyncError("The centre's files are signed by its certificate authority: give its "
                        "passphrase (--passphrase-file, or LINKADVISER_CENTRE_PASSPHRASE). "
                        "Nothing was written.")
    issued = centre.issue_waiting(session, centre.CentreKey(signer.certificate, signer.key))
    return exchange.from_centre(session, adviser_id), signer.sign, issued


@dataclass(frozen=True)
class Sender:
    """Who signed a file, as the import report says it."""

    signed_by: str  # "unsigned", or the signer's name and certificate

    @property
    def signed(self) -> bool:
        return self.signed_by != UNSIGNED

    def line(self) -> str:
        if not self.signed:
            return ("  Unsigned: the sender is not enrolled with the authority yet, so nothing "
                    "proves who made this file.")
        return f"  Signed by {self.signed_by}."


def _refused(problem: str) -> SyncError:
    return SyncError(f"The sync file was refused: {problem}. Nothing was changed.")


def _read_signature(raw: bytes) -> tuple[x509.Certificate, bytes]:
    if len(raw) > MAX_SIGNATURE_BYTES:
        raise _refused(f"its {SIGNATURE} is larger than any signature")
    try:
        data = bounded_json.loads(raw, max_depth=4, max_bytes=MAX_SIGNATURE_BYTES)
        certificate = authority.load_certificates(data["certificate"].encode())[0]
        signature = base64.b64decode(data["signature"], validate=True)
    except (UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError,
            binascii.Error, SigningError, IndexError):
        raise _refused(f"its {SIGNATURE} is damaged") from None
    return certificate, signature


def check_sender(session: Session, manifest: Manifest, manifest_raw: bytes,
                 signature_raw: bytes | None) -> Sender:
    """Who signed the file, or SyncError saying why it is refused. Reads the store only."""
    signed = None if signature_raw is None else _read_signature(signature_raw)
    if manifest.origin.role == "centre":
        expected_text = state.get(session, state.CA)
        whose = "your authority's centre"
    else:
        current = centre.current_certificate(session, manifest.origin.adviser_id) \
            if manifest.origin.adviser_id else None
        expected_text = authority.pem(current).decode() if current else ""
        whose = f"adviser {manifest.origin.name or manifest.origin.adviser_id}"
    if signed is None:
        if expected_text:
            raise _refused(f"it is not signed, and this store takes files from {whose} only "
                           "when signed by them")
        return Sender(UNSIGNED)
    certificate, signature = signed
    if not signature_matches(certificate, signature, manifest_raw):
        raise _refused("its manifest was changed after it was signed (the signature does not "
                       "match it)")
    if expected_text:
        expected = authority.load_certificates(expected_text.encode())[0]
        if certificate != expected:
            raise _refused(f"it is signed with certificate {authority.serial_hex(certificate)} "
                           f"({authority.subject_name(certificate)}), not {whose}'s current "
                           "certificate")
    elif manifest.origin.role != "centre":
        ca = state.get(session, state.CA)
        if ca and certificate.issuer == authority.load_certificates(ca.encode())[0].subject:
            raise _refused(f"it is signed with certificate {authority.serial_hex(certificate)},"
                           " which the authority has withdrawn or replaced")
        # Not enrolled here, yet signed: a certificate this centre did not issue proves nothing.
        return Sender(UNSIGNED)
    _check_names_sender(manifest, certificate)
    return Sender(f"{authority.subject_name(certificate)} (certificate "
                  f"{authority.serial_hex(certificate)})")


def _check_names_sender(manifest: Manifest, certificate: x509.Certificate) -> None:
    if manifest.origin.role == "centre":
        return
    if authority.subject_id(certificate) != manifest.origin.adviser_id:
        raise _refused("the manifest names another adviser than the certificate that signed it")


def check_trust_member(session: Session, manifest: Manifest, raw: bytes | None) -> None:
    """The ``trust.json`` a centre's file carries, checked before anything is written."""
    if raw is not None and manifest.origin.role == "centre":
        try:
            exchange.check_from_centre(raw, state.get(session, state.ROOT))
        except SigningError as exc:
            raise _refused(str(exc).rstrip(".")) from None


def take_trust_member(session: Session, manifest: Manifest, raw: bytes | None) -> list[str]:
    """Keep what ``trust.json`` carries; the lines say what changed."""
    if raw is None:
        return []
    try:
        if manifest.origin.role == "centre":
            return exchange.take_at_adviser(session, exchange.check_from_centre(
                raw, state.get(session, state.ROOT)))
        return exchange.take_at_centre(session, manifest.origin.adviser_id, raw)
    except SigningError as exc:
        raise _refused(str(exc).rstrip(".")) from None
