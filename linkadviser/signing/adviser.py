"""The adviser's own key and certificate on this laptop.

``create_key`` makes the key (encrypted with the adviser's passphrase, in the data folder) and
a certificate request, which the next sync file carries to the centre; the centre's next file
brings the certificate back (``accept_certificate``). ``signer`` unlocks the key for one
signature. Asking for the passphrase, holding the unlocked key for the app's session and the
OS keyring belong to ``signing.session`` and ``signing.remembered``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy.orm import Session

from linkadviser.signing import authority, state
from linkadviser.signing.errors import SigningError
from linkadviser.signing.keys import (
    PrivateKey,
    fingerprint,
    load_key,
    make_request,
    new_key,
    protect_key,
)
from linkadviser.store.db import Store
from linkadviser.store.models import Adviser
from linkadviser.sync import marks

WHOSE = "your signing key"


@dataclass(frozen=True)
class KeyStatus:
    has_key: bool
    key_fingerprint: str = ""
    certificate: x509.Certificate | None = None
    request_waiting: bool = False
    root: x509.Certificate | None = None

    def lines(self) -> list[str]:
        if not self.has_key:
            return ["No signing key on this laptop yet: `linkadviser keys create` makes one. "
                    "Until then signed documents carry their fingerprint only."]
        out = [f"Signing key: {self.key_fingerprint}"]
        if self.certificate is not None:
            c = self.certificate
            out.append(f"Certificate {authority.serial_hex(c)} for "
                       f"{authority.subject_name(c)}, issued by "
                       f"{authority.subject_name_of_issuer(c)}, valid until "
                       f"{c.not_valid_after_utc:%d %B %Y}.")
        elif self.request_waiting:
            out.append("Certificate requested: the request goes to the centre in your next sync "
                       "file and the certificate comes back in the centre's next file.")
        return out


@dataclass(frozen=True)
class Unlocked:
    """The key and what certifies it, for one signature."""

    key: PrivateKey
    certificate: x509.Certificate | None
    chain: list[x509.Certificate]


def status(store: Store) -> KeyStatus:
    with store.session() as session:
        has_key = state.key_path(store).exists() and bool(state.get(session, state.MY_KEY))
        return KeyStatus(
            has_key=has_key, key_fingerprint=state.get(session, state.MY_KEY),
            certificate=my_certificate(session) if has_key else None,
            request_waiting=bool(state.get(session, state.MY_REQUEST)),
            root=root_of(session))


def create_key(store: Store, passphrase: str, replace: bool = False) -> str:
    """Make this laptop's key and its certificate request; returns the key's fingerprint.
    ``replace`` sets an old key aside (a lost passphrase, a key thought copied): the old
    certificate is kept with the earlier ones, so documents it signed still name it."""
    path = state.key_path(store)
    if path.exists() and not replace:
        raise SigningError(f"This laptop already has a signing key ({path}). To make a new one "
                           "(a forgotten passphrase, a key that may have been copied), use "
                           "--replace and tell the centre. Nothing was changed.")
    key = new_key()
    protected = protect_key(key, passphrase)
    with store.transaction() as session:
        adviser_id = marks.store_adviser_id(session)
        person = session.get(Adviser, adviser_id) if adviser_id else None
        request = make_request(key, person.name if person else "", adviser_id)
        earlier = state.get(session, state.MY_CERTIFICATE)
        if earlier:
            kept = state.get_json(session, state.EARLIER)
            state.put(session, state.EARLIER, json.dumps([*kept, earlier]))
            state.drop(session, state.MY_CERTIFICATE)
        state.put(session, state.MY_REQUEST, request.decode())
        state.put(session, state.MY_KEY, fingerprint(key.public_key()))
        if path.exists():
            stamp = f"{datetime.now(UTC):%Y%m%d%H%M%S}"
            path.rename(path.with_name(f"{path.stem}-replaced-{stamp}{path.suffix}"))
        state.write_private(path, protected)
    return fingerprint(key.public_key())


def my_certificate(session: Session) -> x509.Certificate | None:
    text = state.get(session, state.MY_CERTIFICATE)
    return authority.load_certificates(text.encode())[0] if text else None


def root_of(session: Session) -> x509.Certificate | None:
    text = state.get(session, state.ROOT)
    return authority.load_certificates(text.encode())[0] if text else None


def chain_of(session: Session) -> list[x509.Certificate]:
    """The certificates above an adviser's: the CA, any intermediates, the root."""
    found = []
    for key in (state.CA, state.CHAIN, state.ROOT):
        text = state.get(session, key)
        found += authority.load_certificates(text.encode()) if text else []
    unique = []
    for certificate in found:
        if certificate not in unique:
            unique.append(certificate)
    return unique


def accept_certificate(session: Session, certificate_pem: str) -> bool:
    """Keep a certificate from the centre when it certifies this laptop's key (a certificate
    for an earlier key, or for another adviser, is ignored). True when kept."""
    certificate = authority.load_certificates(certificate_pem.encode())[0]
    if fingerprint(certificate.public_key()) != state.get(session, state.MY_KEY):
        return False
    state.put(session, state.MY_CERTIFICATE, certificate_pem)
    state.drop(session, state.MY_REQUEST)
    return True


def unlock(store: Store, passphrase: str) -> Unlocked:
    path = state.key_path(store)
    try:
        protected = path.read_bytes()
    except FileNotFoundError:
        raise SigningError("This laptop has no signing key; make one with `linkadviser keys "
                           "create`.") from None
    except OSError as exc:
        raise SigningError(f"The signing key {path} cannot be read ({exc.strerror}).") from exc
    key = load_key(protected, passphrase, WHOSE)
    with store.session() as session:
        certificate = my_certificate(session)
        chain = chain_of(session)
    if certificate is not None and fingerprint(certificate.public_key()) != fingerprint(
            key.public_key()):
        certificate = None  # the key was replaced; its certificate has not come back yet
    return Unlocked(key, certificate, chain)


def pem_of(certificate: x509.Certificate) -> str:
    return certificate.public_bytes(serialization.Encoding.PEM).decode()
