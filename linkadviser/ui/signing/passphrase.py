"""Asking for the signing key's passphrase, once per use, never shown or kept.

Used where the app signs on the adviser's behalf once the authority has certified their key:
the sync dialog's export (the centre takes only signed files from an enrolled adviser). The
key is unlocked by the service in the background work, not here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from linkadviser.signing.adviser import status
from linkadviser.store.db import Store


def needs_passphrase(store: Store) -> bool:
    """True once this laptop's key has the authority's certificate."""
    return status(store).certificate is not None


def ask_passphrase(parent: QWidget, why: str) -> str | None:
    """The passphrase typed (hidden), or None when the adviser cancels."""
    text, ok = QInputDialog.getText(
        parent, "Your signing key", f"{why}\n\nPassphrase of your signing key:",
        QLineEdit.EchoMode.Password)
    return text if ok else None
