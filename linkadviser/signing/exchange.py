"""What signing sends in sync files (the ``trust.json`` member) and takes from them.

An adviser's file carries this laptop's certificate request until the certificate comes back;
the centre's file carries the authority's root, the certificates between, its revocation list
and the recipient's current certificate. The member is listed in the manifest with its
SHA-256 like any other, so once manifests are signed it is signed too.
"""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from linkadviser import bounded_json
from linkadviser.signing import adviser, authority, centre, state
from linkadviser.signing.errors import SigningError

MEMBER = "trust.json"
MAX_BYTES = 256 * 1024  # a root, a chain, a revocation list and a certificate: a few KB


def from_adviser(session: Session) -> bytes | None:
    request = state.get(session, state.MY_REQUEST)
    return json.dumps({"request": request}).encode() if request else None


def from_centre(session: Session, adviser_id: str) -> bytes | None:
    if not centre.has_ca(session):
        return None
    certificate = centre.current_certificate(session, adviser_id)
    return json.dumps({
        "root": state.get(session, state.ROOT), "ca": state.get(session, state.CA),
        "chain": state.get(session, state.CHAIN), "crl": state.get(session, state.CRL),
        "certificate": authority.pem(certificate).decode() if certificate else "",
    }, sort_keys=True).encode()


def _read(raw: bytes) -> dict[str, str]:
    if len(raw) > MAX_BYTES:
        raise SigningError(f"{MEMBER} is larger than any certificates could be.")
    try:
        data = bounded_json.loads(raw, max_depth=4, max_bytes=MAX_BYTES)
    except (UnicodeDecodeError, ValueError):
        raise SigningError(f"{MEMBER} is not valid JSON.") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise SigningError(f"{MEMBER} does not hold certificates as text.")
    return data


def check_from_centre(raw: bytes, pinned_root: str) -> dict[str, str]:
    """Before anything is written: the certificates parse, and the root is the one this store
    already trusts (a centre's file cannot swap the authority's root)."""
    data = _read(raw)
    for key in ("root", "ca", "chain", "certificate"):
        if data.get(key):
            authority.load_certificates(data[key].encode())
    if data.get("crl"):
        authority.read_crl(data["crl"].encode())
    if pinned_root and data.get("root") and data["root"].strip() != pinned_root.strip():
        raise SigningError("The file names another authority root than the one this store "
                           "trusts; it is not from your authority's centre.")
    return data


def take_at_adviser(session: Session, data: dict[str, str]) -> list[str]:
    """Keep the authority's certificates and this laptop's certificate; report lines."""
    lines = []
    if data.get("root") and not state.get(session, state.ROOT):
        state.put(session, state.ROOT, data["root"])
        lines.append("The authority's root certificate is now trusted by this store.")
    for key, name in ((state.CA, "ca"), (state.CHAIN, "chain"), (state.CRL, "crl")):
        if data.get(name) is not None:
            state.put(session, key, data[name])
    if data.get("certificate") and data["certificate"] != state.get(
            session, state.MY_CERTIFICATE) and adviser.accept_certificate(
            session, data["certificate"]):
        certificate = authority.load_certificates(data["certificate"].encode())[0]
        lines.append(f"Your signing certificate {authority.serial_hex(certificate)} arrived: "
                     "signed documents now carry a digital signature.")
    return lines


def take_at_centre(session: Session, adviser_id: str, raw: bytes) -> list[str]:
    data = _read(raw)
    request = data.get("request", "")
    if not request or not adviser_id:
        return []
    key = centre.receive_request(session, adviser_id, request)
    if centre.current_certificate(session, adviser_id) is not None:
        return [f"A new certificate request (key {key}) came while the adviser's certificate "
                "stands: certify it only once the old one is withdrawn (`central ca revoke`)."]
    return [f"Certificate request from the adviser (key {key}); it is certified when the "
            "centre next exports with its passphrase."]
