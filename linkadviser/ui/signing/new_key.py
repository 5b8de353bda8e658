"""Making the adviser's signing key from the app: a new passphrase typed twice, never shown.

Until now only ``linkadviser keys create`` made the key, so an adviser who signed in the app
got fingerprint-only copies and no way forward. ``NewKeyDialog`` makes it (``KeySession.create``,
in a background op: scrypt takes a moment) under the same passphrase rule as the CLI
(``signing.keys.check_new_passphrase``), then says the key's fingerprint and what happens next;
the session holds the key, so nobody is asked for the passphrase just chosen. Cancel makes
nothing. ``KeyStatusDialog`` (File → Signing key…) shows the key's status without signing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.errors import LinkAdviserError
from linkadviser.signing.adviser import Unlocked
from linkadviser.signing.keys import MIN_PASSPHRASE, check_new_passphrase, fingerprint
from linkadviser.signing.session import KeySession
from linkadviser.ui.ops import Op, show_error
from linkadviser.ui.signing.passphrase import (
    mark_blocked,
    message_label,
    remember_box,
)

INTRO = ("Your signing key lets a governor check, in any PDF reader, that a signed record came "
         "from you and was not changed. It is kept on this laptop, locked with a passphrase "
         "you choose now: you type it when you sign. Nobody can recover a forgotten "
         "passphrase (a new key can be made), so choose one you will remember.")
NEXT = ("Its certificate request goes to the centre in your next sync file; until the "
        "certificate comes back, your signed records carry the fingerprint only.")


def _hidden_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class NewKeyDialog(QDialog):
    """Makes this laptop's signing key; emits ``created`` with the unlocked key, or is
    rejected having made nothing."""

    created = Signal(object)
    tried = Signal()  # a try ended (made, refused or failed): tests and screen readers follow

    def __init__(self, keys: KeySession, parent: QWidget | None = None,
                 why: str = "") -> None:
        super().__init__(parent)
        self.keys = keys
        self.setWindowTitle("Make your signing key")
        self.intro = QLabel(f"{why} {INTRO}".strip())
        self.intro.setWordWrap(True)
        self.first = _hidden_field("New passphrase")
        first_label = QLabel(f"&New passphrase (at least {MIN_PASSPHRASE} characters):")
        first_label.setBuddy(self.first)
        self.again = _hidden_field("The same passphrase again")
        again_label = QLabel("The &same passphrase again:")
        again_label.setBuddy(self.again)
        self.message = message_label()
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.remember, self.offers_keyring = remember_box()
        self.make_button = QPushButton("&Make signing key")
        self.make_button.setObjectName("primary")
        self.make_button.setAccessibleName("Make your signing key")
        self.make_button.clicked.connect(self.make)
        self.again.returnPressed.connect(self.make)
        self.first.returnPressed.connect(self.again.setFocus)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel: make no signing key")
        self.cancel_button.clicked.connect(self.reject)
        self.done_button = QPushButton("OK")
        self.done_button.setAccessibleName("OK: close")
        self.done_button.clicked.connect(self.accept)
        for button in (self.make_button, self.cancel_button, self.done_button):
            button.setAutoDefault(False)  # Enter in a field is the field's
        buttons = QDialogButtonBox()
        buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.addButton(self.done_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.fields = (first_label, self.first, again_label, self.again)
        layout = QVBoxLayout(self)
        for widget in (self.intro, *self.fields, self.message, self.remember, buttons):
            layout.addWidget(widget)
        self.remember.setVisible(self.offers_keyring)
        self.done_button.hide()
        self.setMinimumWidth(480)
        self.first.setFocus()

    def make(self) -> None:
        if not self.make_button.isVisible() or not self.make_button.isEnabled():
            return  # made already, or being made
        passphrase, again = self.first.text(), self.again.text()
        try:
            check_new_passphrase(passphrase, again)  # at once, before any work
        except LinkAdviserError as exc:
            self._refused(exc)
            return
        remember = self.offers_keyring and self.remember.isChecked()
        self._busy(True)
        mark_blocked(self.message, False)
        self.message.setText("Making your signing key…")
        Op(self, lambda: self.keys.create(passphrase, again, remember), changes_kind=None) \
            .success(self._made).failure(self._failed).run_in_background()

    def _busy(self, on: bool) -> None:
        for widget in (self.first, self.again, self.make_button, self.remember,
                       self.cancel_button):
            widget.setEnabled(not on)

    def _made(self, key: Unlocked) -> None:
        self._busy(False)
        for widget in (*self.fields, self.remember, self.make_button, self.cancel_button):
            widget.hide()
        self.first.clear()
        self.again.clear()
        self.intro.setText("Your signing key is made.")
        mark_blocked(self.message, False)
        self.message.setText(f"Its fingerprint: {fingerprint(key.key.public_key())}\n\n{NEXT}")
        self.done_button.show()
        self.done_button.setFocus()
        self.adjustSize()
        self.tried.emit()
        self.created.emit(key)

    def _refused(self, exc: LinkAdviserError) -> None:
        self.first.clear()
        self.again.clear()
        self.first.setFocus()
        mark_blocked(self.message)
        self.message.setText(str(exc).replace("Nothing was created.",
                                              "Try again, or choose Cancel."))
        self.adjustSize()
        self.tried.emit()

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, LinkAdviserError):
            self._refused(exc)
            return
        self.message.setText("")
        show_error(self, exc)
        self.tried.emit()


class KeyStatusDialog(QDialog):
    """File → Signing key…: this laptop's key, its certificate and what is waiting; with no
    key yet, "Make signing key…" opens ``NewKeyDialog``."""

    def __init__(self, keys: KeySession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys = keys
        self.making: NewKeyDialog | None = None
        self.setWindowTitle("Signing key")
        self.lines = QLabel()
        self.lines.setWordWrap(True)
        self.lines.setAccessibleName("Your signing key")
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.make_button = QPushButton("&Make signing key…")
        self.make_button.setAccessibleName("Make your signing key")
        self.make_button.clicked.connect(self.make_key)
        close = QPushButton("Close")
        close.setAccessibleName("Close")
        close.clicked.connect(self.accept)
        buttons = QDialogButtonBox()
        buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.AcceptRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.lines)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)
        self.refresh()

    def refresh(self) -> None:
        now = self.keys.status()
        shown = now.lines()
        if not now.has_key:
            shown = ["No signing key on this laptop yet. Until there is one, your signed "
                     "records carry their fingerprint only. Make signing key… makes it."]
        self.lines.setText("\n\n".join(shown))
        self.make_button.setVisible(not now.has_key)
        self.adjustSize()

    def make_key(self) -> None:
        self.making = NewKeyDialog(self.keys, self)
        self.making.setWindowModality(Qt.WindowModality.WindowModal)
        self.making.created.connect(lambda _key: self.refresh())
        self.making.open()
