"""Asking for the signing key's passphrase: hidden as typed, never shown, logged or written.

``PassphraseDialog`` unlocks the key for the session (``signing.session``) in a background op:
a wrong passphrase is said in one line under the field, which empties for another try; Cancel
leaves the key locked. Where the laptop has an OS keyring, a tick box offers to remember the
passphrase there. The sync dialog's export still asks through ``ask_passphrase`` when the key
is not already unlocked this session.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.errors import LinkAdviserError
from linkadviser.signing import remembered
from linkadviser.signing.adviser import Unlocked, status
from linkadviser.signing.session import KeySession
from linkadviser.store.db import Store
from linkadviser.ui.ops import Op, show_error


def needs_passphrase(store: Store) -> bool:
    """True once this laptop's key has the authority's certificate."""
    return status(store).certificate is not None


def ask_passphrase(parent: QWidget, why: str) -> str | None:
    """The passphrase typed (hidden), or None when the adviser cancels."""
    text, ok = QInputDialog.getText(
        parent, "Your signing key", f"{why}\n\nPassphrase of your signing key:",
        QLineEdit.EchoMode.Password)
    return text if ok else None


class PassphraseDialog(QDialog):
    """Unlocks the signing key for this session; emits ``unlocked`` with it, or is rejected."""

    unlocked = Signal(object)
    tried = Signal()  # a try ended (right or wrong): tests and screen readers follow it

    def __init__(self, keys: KeySession, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys = keys
        self.setWindowTitle("Your signing key")
        intro = QLabel(why)
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAccessibleName("Passphrase of your signing key")
        self.field.setPlaceholderText("Passphrase")
        label = QLabel("&Passphrase of your signing key:")
        label.setBuddy(self.field)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("signStatus")
        self.message.setAccessibleName("What happened")
        keyring = remembered.where()
        self.remember = QCheckBox(f"&Remember it in {keyring} on this laptop")
        self.remember.setAccessibleName(f"Remember the passphrase in {keyring}")
        self.offers_keyring = bool(keyring)
        self.unlock_button = QPushButton("&Unlock and sign")
        self.unlock_button.setObjectName("primary")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.try_passphrase)
        self.cancel_button = QPushButton("Not now")
        self.cancel_button.setAccessibleName("Not now: keep the fingerprint-only copy")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QDialogButtonBox()  # the platform's order; each button's click is its own
        buttons.addButton(self.unlock_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        for widget in (intro, label, self.field, self.message, self.remember, buttons):
            layout.addWidget(widget)
        self.remember.setVisible(self.offers_keyring)  # once in its place: no keyring, no box
        self.setMinimumWidth(460)
        self.field.setFocus()

    def try_passphrase(self) -> None:
        passphrase = self.field.text()
        if not passphrase:
            self._wrong(LinkAdviserError("Type the passphrase of your signing key, or choose "
                                         "Not now."))
            return
        remember = self.offers_keyring and self.remember.isChecked()
        self._busy(True)
        self.message.setText("Unlocking your signing key…")
        Op(self, lambda: self.keys.unlock(passphrase, remember), changes_kind=None) \
            .success(self._opened).failure(self._wrong).run_in_background()

    def _busy(self, on: bool) -> None:
        for widget in (self.field, self.unlock_button, self.remember):
            widget.setEnabled(not on)

    def _opened(self, key: Unlocked) -> None:
        self._busy(False)
        self.field.clear()
        self.message.setText("")
        self.tried.emit()
        self.unlocked.emit(key)
        self.accept()

    def _wrong(self, exc: BaseException) -> None:
        self._busy(False)
        self.field.clear()
        self.field.setFocus()
        self.message.setProperty("blocked", True)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        if isinstance(exc, LinkAdviserError):
            self.message.setText(str(exc).replace("Nothing was signed or changed.",
                                                  "Try again, or choose Not now."))
            self.adjustSize()  # room for the message, the buttons where they were
        else:
            self.message.setText("")
            show_error(self, exc)
        self.tried.emit()
