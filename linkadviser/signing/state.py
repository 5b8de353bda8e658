"""Where signing keeps what it knows: public things in the store's ``meta`` table (so they
travel with its backups and work on PostgreSQL too), an adviser's private key in a file in the
data folder beside the store, readable by the adviser's account only."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from sqlalchemy.orm import Session

from linkadviser.paths import data_dir
from linkadviser.signing.errors import SigningError
from linkadviser.store.db import Store
from linkadviser.store.models import Meta

ROOT = "trust.root"  # the authority's root certificate (PEM): both sides
CHAIN = "trust.chain"  # certificates between the root and the CA (from a PKCS#12 import)
CA = "trust.ca"  # the certificate that certifies advisers (the root unless PKCS#12)
CRL = "trust.crl"  # the authority's revocation list (PEM): both sides
CA_KEY = "trust.ca_key"  # centre: the CA's key, encrypted with the centre's passphrase
REVOKED = "trust.revoked"  # centre: JSON [[serial, when, reason, adviser id]]
ISSUED = "trust.issued."  # centre: + adviser id: their current certificate (PEM)
REQUEST = "trust.request."  # centre: + adviser id: a request waiting to be issued (PEM)
MY_CERTIFICATE = "signing.certificate"  # adviser: this laptop's certificate (PEM)
MY_REQUEST = "signing.request"  # adviser: this laptop's request, until a certificate comes
MY_KEY = "signing.key_fingerprint"  # adviser: which key the laptop's key file holds
EARLIER = "signing.earlier"  # adviser: JSON list of earlier certificates (PEM)
KEY_FILE = "signing-key.json"  # see keys.protect_key


def get(session: Session, key: str) -> str:
    row = session.get(Meta, key)
    return row.value if row else ""


def put(session: Session, key: str, value: str) -> None:
    session.merge(Meta(key=key, value=value))


def drop(session: Session, key: str) -> None:
    row = session.get(Meta, key)
    if row is not None:
        session.delete(row)


def get_json(session: Session, key: str) -> list:
    text = get(session, key)
    return json.loads(text) if text else []


def keys_dir(store: Store) -> Path:
    folder = (Path(store.path).parent if store.path else data_dir()) / "keys"
    return folder


def key_path(store: Store) -> Path:
    return keys_dir(store) / KEY_FILE


def write_private(path: Path, data: bytes) -> None:
    """Written beside its place, readable by this account only, then renamed into place."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as exc:
        raise SigningError(f"The key could not be saved in {path.parent} "
                           f"({exc.strerror or exc}). Nothing was changed.") from exc
