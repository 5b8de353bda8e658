"""What a store trusts: the authority's root, the certificates below it and its revocation
list, as the signature checks take them (``pades.Trust``); or a root given on the command line
when there is no store (a governor's or an auditor's machine)."""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives import serialization

from linkadviser.signing import authority, state
from linkadviser.signing.errors import SigningError
from linkadviser.signing.pades import Trust
from linkadviser.store.db import Store


def trust_of(store: Store) -> Trust:
    with store.session() as session:
        root, ca, chain, crl = (state.get(session, key) for key in
                                (state.ROOT, state.CA, state.CHAIN, state.CRL))
    others = [c for text in (ca, chain) if text
              for c in authority.load_certificates(text.encode())]
    return Trust(roots=authority.load_certificates(root.encode()) if root else [],
                 others=others, crls=[_der_crl(crl.encode())] if crl else [])


def trust_from_files(root: Path, crl: Path | None = None) -> Trust:
    """``--trust ROOT.pem`` (and ``--crl``): the authority's root certificate(s) as given."""
    certificates = authority.load_certificates(_read(root))
    return Trust(roots=[c for c in certificates if c.subject == c.issuer] or certificates[:1],
                 others=[c for c in certificates if c.subject != c.issuer],
                 crls=[_der_crl(_read(crl))] if crl else [])


def _read(path: Path) -> bytes:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise SigningError(f"Cannot read {path}: {exc.strerror}.") from exc
    if len(data) > 1024 * 1024:
        raise SigningError(f"{path} is too large to be a certificate or revocation list.")
    return data


def _der_crl(data: bytes) -> bytes:
    crl = authority.read_crl(data) if b"-----BEGIN" in data else None
    if crl is None:
        from cryptography import x509

        try:
            crl = x509.load_der_x509_crl(data)
        except ValueError:
            raise SigningError("The revocation list cannot be read.") from None
    return crl.public_bytes(serialization.Encoding.DER)
