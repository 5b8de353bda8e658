"""Asking for the signing key's passphrase: hidden as typed, never shown, logged or written.

``PassphraseDialog`` unlocks the key for the session (``signing.session``) in a background op:
a wrong passphrase is said in one line under the field, which empties for another try; Cancel
leaves the key locked. Where the laptop has an OS keyring, a tick box offers to remember the
passphrase there. ``KeyUnlocker`` is the one way screens get the key: from the keyring when it
was remembered, else by asking; the preview (signed documents) and the sync dialog (signed
files) both use it, so the key unlocked for one serves the other for the rest of the session.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.errors import LinkAdviserError
from linkadviser.signing import remembered
from linkadviser.signing.adviser import Unlocked
from linkadviser.signing.session import KeySession
from linkadviser.ui.ops import Op, show_error


def remember_box() -> tuple[QCheckBox, bool]:
    """The tick box offering to keep the passphrase in the OS keyring, unticked, and whether
    this laptop has a keyring at all (none: the box is hidden)."""
    keyring = remembered.where()
    box = QCheckBox(f"&Remember it in {keyring} on this laptop")
    box.setAccessibleName(f"Remember the passphrase in {keyring}")
    return box, bool(keyring)


def message_label() -> QLabel:
    """The one line under the fields saying what happened (a refusal in ``mark_blocked``)."""
    message = QLabel()
    message.setWordWrap(True)
    message.setObjectName("signStatus")
    message.setAccessibleName("What happened")
    return message


def mark_blocked(message: QLabel, blocked: bool = True) -> None:
    """Show ``message`` in the style sheet's "something stopped" colour (light and dark), or
    (``blocked`` False) in the ordinary one again."""
    message.setProperty("blocked", blocked)
    message.style().unpolish(message)
    message.style().polish(message)


class PassphraseDialog(QDialog):
    """Unlocks the signing key for this session; emits ``unlocked`` with it, or is rejected."""

    unlocked = Signal(object)
    tried = Signal()  # a try ended (right or wrong): tests and screen readers follow it

    def __init__(self, keys: KeySession, why: str, parent: QWidget | None = None,
                 action: str = "&Unlock and sign", cancel: str = "Not now",
                 cancel_means: str = "keep the fingerprint-only copy") -> None:
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
        self.message = message_label()
        self.remember, self.offers_keyring = remember_box()
        self.unlock_button = QPushButton(action)
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self.try_passphrase)
        self.field.returnPressed.connect(self.try_passphrase)  # Enter unlocks, once
        self.cancel_button = QPushButton(cancel)
        self.cancel_button.setAccessibleName(f"{cancel}: {cancel_means}")
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.unlock_button, self.cancel_button):
            button.setAutoDefault(False)  # Enter in the field is the field's, not a button's
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
        if not self.field.isEnabled():
            return  # a try is running already
        passphrase = self.field.text()
        if not passphrase:
            self._wrong(LinkAdviserError("Type the passphrase of your signing key, or choose "
                                         f"{self.cancel_button.text()}."))
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
        mark_blocked(self.message)
        if isinstance(exc, LinkAdviserError):
            self.message.setText(str(exc).replace(
                "Nothing was signed or changed.",
                f"Try again, or choose {self.cancel_button.text()}."))
            self.adjustSize()  # room for the message, the buttons where they were
        else:
            self.message.setText("")
            show_error(self, exc)
        self.tried.emit()


class KeyUnlocker(QObject):
    """Gets this session's key for a screen: already unlocked, remembered in the OS keyring
    (read in the background), or asked for in a window-modal ``PassphraseDialog`` over
    ``parent``. Emits ``unlocked`` with the key, or ``declined`` when the adviser cancels."""

    unlocked = Signal(object)
    declined = Signal()

    def __init__(self, keys: KeySession, parent: QWidget, why: str,
                 **wording: str) -> None:
        super().__init__(parent)
        self.keys = keys
        self.screen = parent
        self.why = why
        self.wording = wording
        self.asking: PassphraseDialog | None = None

    def start(self) -> None:
        held = self.keys.unlocked()
        if held is not None:
            self.unlocked.emit(held)
            return
        Op(self.screen, self.keys.unlock_remembered, changes_kind=None) \
            .success(self._after_keyring).failure(self._failed).run_in_background()

    def close(self) -> None:
        """The screen that asked is going: the question goes with it."""
        if self.asking is not None and self.asking.isVisible():
            self.asking.reject()

    def _after_keyring(self, key: Unlocked | None) -> None:
        if key is not None:
            self.unlocked.emit(key)
            return
        if not self.screen.isVisible():  # closed while the keyring was read: nobody to ask
            self.declined.emit()
            return
        self.asking = PassphraseDialog(self.keys, self.why, self.screen, **self.wording)
        self.asking.setWindowModality(Qt.WindowModality.WindowModal)
        self.asking.unlocked.connect(self.unlocked)
        self.asking.rejected.connect(self.declined)
        self.asking.open()

    def _failed(self, exc: BaseException) -> None:
        show_error(self.screen, exc)
        self.declined.emit()
