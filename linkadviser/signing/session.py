"""This laptop's signing key, unlocked at most once per app session and held in memory only.

Why held and not frozen: the store keeps records, never PDFs (a document is drawn from its
frozen signed version whenever it is asked for), so a signed document is PAdES-signed as it
is drawn. Asking for the passphrase every time the adviser previews, saves or prints would
be asked many times a visit; keeping the unlocked key for the session means once. It is never
written anywhere: it goes when the app closes, when the store closes, or when the key file is
replaced. Where the laptop has an OS keyring and the adviser asks for it, the passphrase is
remembered there (``remembered``), so even the first time in a session needs no typing.

No Qt here: the app unlocks through a background op and the sync dialog shares the same key.
"""

from __future__ import annotations

import threading
import weakref

from linkadviser.signing import remembered
from linkadviser.signing.adviser import (
    KeyStatus,
    Unlocked,
    chain_of,
    create_key,
    my_certificate,
    status,
    unlock,
)
from linkadviser.signing.errors import SigningError
from linkadviser.signing.keys import check_new_passphrase, fingerprint
from linkadviser.store.db import Store


class KeySession:
    """The unlocked key for one open store, or nothing yet."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._unlocked: Unlocked | None = None

    def status(self) -> KeyStatus:
        return status(self.store)

    def signs_digitally(self) -> bool:
        """True when a signed document can be digitally signed: the key has its certificate."""
        return self.status().certificate is not None

    def unlocked(self) -> Unlocked | None:
        """The key unlocked earlier this session, unless the key file has since been replaced
        (its certificate may also have arrived since: that is read afresh)."""
        with self._lock:
            held = self._unlocked
        if held is None:
            return None
        now = self.status()
        if not now.has_key or now.key_fingerprint != fingerprint(held.key.public_key()):
            self.forget()
            return None
        if now.certificate != held.certificate:
            held = unlock_with_key(self.store, held)
            with self._lock:
                self._unlocked = held
        return held

    def unlock(self, passphrase: str, remember: bool = False) -> Unlocked:
        """Unlock with ``passphrase`` (a one-line SigningError when wrong) and hold the key;
        with ``remember``, also keep the passphrase in the OS keyring."""
        opened = unlock(self.store, passphrase)
        with self._lock:
            self._unlocked = opened
        if remember:
            remembered.remember(fingerprint(opened.key.public_key()), passphrase)
        return opened

    def create(self, passphrase: str, again: str, remember: bool = False) -> Unlocked:
        """Make this laptop's first key with a new passphrase typed twice (``again``), and
        its certificate request, which the next sync file carries to the centre; the key is
        then held, so the adviser who just chose the passphrase is not asked for it again.
        A passphrase too short, or typed differently twice, is a one-line SigningError and
        makes nothing."""
        check_new_passphrase(passphrase, again)
        create_key(self.store, passphrase)
        return self.unlock(passphrase, remember)

    def unlock_remembered(self) -> Unlocked | None:
        """The key, unlocked with the passphrase in the OS keyring; None when there is none
        (or it is no longer right: then it is dropped from the keyring)."""
        key = self.status().key_fingerprint
        passphrase = remembered.recall(key) if key else None
        if passphrase is None:
            return None
        try:
            return self.unlock(passphrase)
        except SigningError:
            remembered.forget(key)
            return None

    def forget(self) -> None:
        with self._lock:
            self._unlocked = None


def unlock_with_key(store: Store, held: Unlocked) -> Unlocked:
    """``held``'s key with the certificate and chain the store has now."""
    with store.session() as session:
        certificate, chain = my_certificate(session), chain_of(session)
    return Unlocked(held.key, certificate, chain)


_sessions: weakref.WeakKeyDictionary[Store, KeySession] = weakref.WeakKeyDictionary()
_guard = threading.Lock()


def key_session(store: Store) -> KeySession:
    """The one key session of ``store`` (screens and the sync dialog share it)."""
    with _guard:
        found = _sessions.get(store)
        if found is None:
            found = _sessions[store] = KeySession(store)
        return found
