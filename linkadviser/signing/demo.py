"""The demo and the invented county, enrolled: an invented authority certificate authority and
certificates for their invented advisers, so a new user sees signed records and signed sync
files as a governor and the centre will.

The demo laptop's key is protected by ``DEMO_PASSPHRASE`` (written in the README: it is a
demonstration, not a secret). The demo's authority CA is made and its key thrown away (a
laptop never holds its authority's key); the county's CA stays in the county store, as a
centre's would, under the same passphrase.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from linkadviser.signing import authority, centre, state
from linkadviser.signing.keys import fingerprint, new_key, protect_key
from linkadviser.store.db import Store
from linkadviser.store.models import Adviser

DEMO_PASSPHRASE = "demo passphrase"


def _advisers(store: Store) -> list[authority.Adviser]:
    with store.session() as session:
        return [authority.Adviser(a.id, a.name, a.email)
                for a in session.scalars(select(Adviser).order_by(Adviser.name))]


def enrol_demo_adviser(store: Store, authority_name: str) -> None:
    """The demo store's adviser gets a key (in the data folder), its certificate, and the
    invented authority's root and revocation list."""
    adviser = _advisers(store)[0]
    now = datetime.now(UTC)
    ca_key, key = new_key(), new_key()
    root = authority.make_root(authority_name, ca_key, now)
    certificate = authority.issue(root, ca_key, key.public_key(), adviser, now)
    crl = authority.revocation_list(root, ca_key, [], now)
    state.write_private(state.key_path(store), protect_key(key, DEMO_PASSPHRASE))
    with store.transaction() as session:
        for name, value in ((state.ROOT, authority.pem(root)), (state.CA, authority.pem(root)),
                            (state.CRL, crl.public_bytes(serialization.Encoding.PEM)),
                            (state.MY_CERTIFICATE, authority.pem(certificate))):
            state.put(session, name, value.decode())
        state.put(session, state.MY_KEY, fingerprint(key.public_key()))


def enrol_county(store: Store, authority_name: str) -> int:
    """The county store's own CA and a certificate for each invented adviser (their keys
    would be on their laptops; here they are made and dropped). Returns how many."""
    advisers = _advisers(store)
    root = centre.init_ca(store, authority_name, DEMO_PASSPHRASE)
    issued = 0
    with store.transaction() as session:
        unlocked = centre.unlock(session, DEMO_PASSPHRASE)
        now = datetime.now(UTC)
        for adviser in advisers:
            certificate = authority.issue(root, unlocked.key, new_key().public_key(), adviser,
                                          now)
            state.put(session, state.ISSUED + adviser.id, authority.pem(certificate).decode())
            issued += 1
    return issued
