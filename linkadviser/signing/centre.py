"""The authority's certificate authority in the central store: made once (``init_ca``) or
brought from the authority's own PKI (``import_pkcs12``); it certifies advisers' keys as their
requests arrive (``issue_waiting``), withdraws them (``revoke_adviser``) and signs the centre's
sync files. Its key never leaves the store unencrypted; every use needs the passphrase."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.signing import authority, state
from linkadviser.signing.errors import SigningError
from linkadviser.signing.keys import (
    PrivateKey,
    fingerprint,
    load_key,
    new_key,
    protect_key,
    read_request,
)
from linkadviser.store.db import Store
from linkadviser.store.models import Adviser, Meta

WHOSE = "the authority's certificate authority"
REASONS = {  # what the centre says -> the reason recorded in the revocation list
    "retired": x509.ReasonFlags.cessation_of_operation,
    "lost": x509.ReasonFlags.key_compromise,
}


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Issued:
    adviser: str
    serial: str
    key_fingerprint: str
    until: datetime


@dataclass(frozen=True)
class CentreKey:
    """The CA's certificate and key, unlocked for one operation."""

    certificate: x509.Certificate
    key: PrivateKey


def has_ca(session: Session) -> bool:
    return bool(state.get(session, state.CA_KEY))


def init_ca(store: Store, authority_name: str, passphrase: str,
            now: Callable[[], datetime] = _now) -> x509.Certificate:
    """Make the authority's root, its key encrypted with ``passphrase``."""
    key = new_key()
    protected = protect_key(key, passphrase)
    root = authority.make_root(authority_name, key, now())
    with store.transaction() as session:
        _refuse_second(session)
        _keep(session, root, [], protected)
        _write_crl(session, CentreKey(root, key), now())
    return root


def import_pkcs12(store: Store, data: bytes, password: str, passphrase: str,
                  now: Callable[[], datetime] = _now) -> x509.Certificate:
    """Use the authority's own CA (a PKCS#12 file) instead of making one."""
    key, ca, chain = authority.from_pkcs12(data, password)
    protected = protect_key(key, passphrase)
    with store.transaction() as session:
        _refuse_second(session)
        _keep(session, ca, chain, protected)
        _write_crl(session, CentreKey(ca, key), now())
    return ca


def _refuse_second(session: Session) -> None:
    if has_ca(session):
        raise SigningError("This central store already has its certificate authority; a second "
                           "one would orphan every adviser's certificate. Nothing was changed.")


def _keep(session: Session, ca: x509.Certificate, chain: list[x509.Certificate],
          protected: bytes) -> None:
    root = next((c for c in chain if c.subject == c.issuer), None) or ca
    state.put(session, state.CA, authority.pem(ca).decode())
    state.put(session, state.ROOT, authority.pem(root).decode())
    state.put(session, state.CHAIN, b"".join(authority.pem(c) for c in chain
                                              if c != root).decode())
    state.put(session, state.CA_KEY, protected.decode())


def unlock(session: Session, passphrase: str) -> CentreKey:
    protected = state.get(session, state.CA_KEY)
    if not protected:
        raise SigningError("This central store has no certificate authority yet; make one with "
                           "`linkadviser central ca init` (or import the authority's own with "
                           "`central ca import`).")
    key = load_key(protected.encode(), passphrase, WHOSE)
    ca = authority.load_certificates(state.get(session, state.CA).encode())[0]
    return CentreKey(ca, key)


def receive_request(session: Session, adviser_id: str, request_pem: str) -> str:
    """Keep a request that arrived in an adviser's file until the centre issues it; returns
    the key's fingerprint for the merge report (to compare with what the adviser reads)."""
    request = read_request(request_pem.encode())
    state.put(session, state.REQUEST + adviser_id, request_pem)
    return fingerprint(request.public_key())


def issue_waiting(session: Session, unlocked: CentreKey, now: datetime | None = None
                  ) -> list[Issued]:
    """Certificates for every waiting request whose adviser has no current certificate."""
    waiting = session.scalars(select(Meta).where(Meta.key.startswith(state.REQUEST))).all()
    issued = []
    for row in waiting:
        adviser_id = row.key.removeprefix(state.REQUEST)
        person = session.get(Adviser, adviser_id)
        if person is None or state.get(session, state.ISSUED + adviser_id):
            continue  # unknown, or certified already: replacing a key is the centre's choice
        request = read_request(row.value.encode())
        certificate = authority.issue(
            unlocked.certificate, unlocked.key, request.public_key(),
            authority.Adviser(person.id, person.name, person.email), now or _now())
        state.put(session, state.ISSUED + adviser_id, authority.pem(certificate).decode())
        session.delete(row)
        issued.append(Issued(person.name, authority.serial_hex(certificate),
                             fingerprint(request.public_key()), certificate.not_valid_after_utc))
    return issued


def current_certificate(session: Session, adviser_id: str) -> x509.Certificate | None:
    text = state.get(session, state.ISSUED + adviser_id)
    return authority.load_certificates(text.encode())[0] if text else None


def revoke_adviser(store: Store, adviser_id: str, passphrase: str, reason: str = "retired",
                   now: Callable[[], datetime] = _now) -> str:
    """Withdraw the adviser's current certificate: "retired" (they left) or "lost" (the
    laptop or key is gone). The next centre files carry the new revocation list; a new
    request from the adviser is then certified afresh. Returns the serial withdrawn."""
    with store.transaction() as session:
        serial = revoke_in(session, adviser_id, passphrase, reason, now)
        if serial is None:
            raise SigningError("That adviser has no current certificate to withdraw.")
    return serial


def revoke_in(session: Session, adviser_id: str, passphrase: str | Callable[[], str],
              reason: str = "retired", now: Callable[[], datetime] = _now) -> str | None:
    """``revoke_adviser`` inside a caller's transaction (retiring an adviser revokes in the
    same step); None when the adviser has no current certificate. ``passphrase`` may be a
    function, asked only when there is a certificate to withdraw."""
    if reason not in REASONS:
        raise SigningError(f"Say why the certificate is withdrawn: one of {', '.join(REASONS)}.")
    certificate = current_certificate(session, adviser_id)
    if certificate is None:
        return None
    unlocked = unlock(session, passphrase() if callable(passphrase) else passphrase)
    when = now()
    revoked = state.get_json(session, state.REVOKED)
    revoked.append([authority.serial_hex(certificate), when.isoformat(), reason, adviser_id])
    state.put(session, state.REVOKED, json.dumps(revoked))
    state.drop(session, state.ISSUED + adviser_id)
    _write_crl(session, unlocked, when)
    return authority.serial_hex(certificate)


def replace_adviser_key(store: Store, adviser_id: str) -> str:
    """A new laptop whose old key was wiped, not lost: the old certificate stays valid for the
    documents it signed, but the centre no longer takes the old laptop's files, and certifies
    the new laptop's request at the next merge."""
    with store.transaction() as session:
        certificate = current_certificate(session, adviser_id)
        if certificate is None:
            raise SigningError("That adviser has no current certificate to replace.")
        state.drop(session, state.ISSUED + adviser_id)
    return authority.serial_hex(certificate)


def _write_crl(session: Session, unlocked: CentreKey, now: datetime) -> None:
    revoked = [(int(serial, 16), datetime.fromisoformat(when), REASONS[reason])
               for serial, when, reason, _adviser in state.get_json(session, state.REVOKED)]
    crl = authority.revocation_list(unlocked.certificate, unlocked.key, revoked, now)
    state.put(session, state.CRL, crl.public_bytes(serialization.Encoding.PEM).decode())
