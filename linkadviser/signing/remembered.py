"""The signing key's passphrase remembered in the OS keyring, when the adviser opts in.

Windows Credential Manager, the macOS Keychain or the desktop's Secret Service keep it
(through the ``keyring`` package), under the key's fingerprint, so a replaced key never meets
an old passphrase. Where there is no keyring (a Linux laptop without a desktop keyring, as
the test machine) nothing is offered and the app asks for the passphrase as before; a keyring
that fails is treated the same way. The passphrase itself is never logged or shown.
"""

from __future__ import annotations

import logging
import sys

SERVICE = "linkadviser signing key"
log = logging.getLogger(__name__)


def _keyring():  # noqa: ANN202 - keyring's backend, imported only when signing asks
    try:
        import keyring
    except ImportError:
        return None
    try:
        backend = keyring.get_keyring()
        return backend if backend.priority > 0 else None  # fail/null backends: none here
    except Exception:  # noqa: BLE001 - a broken keyring is no keyring: the app asks instead
        return None


def where() -> str:
    """The keyring's name as the adviser knows it, or "" when this laptop has none."""
    if _keyring() is None:
        return ""
    if sys.platform == "win32":
        return "Windows Credential Manager"
    if sys.platform == "darwin":
        return "the macOS Keychain"
    return "your desktop's keyring"


def recall(key_fingerprint: str) -> str | None:
    backend = _keyring()
    if backend is None:
        return None
    try:
        return backend.get_password(SERVICE, key_fingerprint)
    except Exception:  # noqa: BLE001 - locked or broken: ask instead
        log.info("the OS keyring could not be read; asking for the passphrase")
        return None


def remember(key_fingerprint: str, passphrase: str) -> bool:
    """True when kept; False (and nothing else) when the keyring refuses."""
    backend = _keyring()
    if backend is None:
        return False
    try:
        backend.set_password(SERVICE, key_fingerprint, passphrase)
    except Exception:  # noqa: BLE001 - the key is unlocked anyway; it will be asked next time
        log.info("the OS keyring refused to keep the passphrase")
        return False
    return True


def forget(key_fingerprint: str) -> None:
    backend = _keyring()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, key_fingerprint)
    except Exception:  # noqa: BLE001 - not there, or the keyring is locked: nothing to do
        pass
