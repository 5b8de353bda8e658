"""The sign dialog: the Link Adviser and the school's signers the programme names sign on screen.

Who signs comes from the programme (visit 1's record: the headteacher and the chair of
governors; visit 4's feedback form: a nominated governor; otherwise the headteacher or the
chair), one box each.

Each signer gives a printed name, a role and a date as well as a signature; the dialog only
gathers them and calls ``Workflow.sign``, which checks the roles and the QA criteria again and
freezes the signed version. A visit that is not ready to sign opens with the reason shown and
the Sign button disabled (its document can still be previewed, marked DRAFT).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.errors import LinkAdviserError
from linkadviser.services import Services
from linkadviser.ui.signing.preview import PreviewDialog
from linkadviser.ui.signing.signature_pad import SignaturePad
from linkadviser.ui.signing.typed import typed_signature_png
from linkadviser.visit.content import VisitContent
from linkadviser.visit.qa_rules import role_matches
from linkadviser.visit.workflow import ADVISER_ROLE, STATE_LABELS, SignatureInput


class SignerBox(QGroupBox):
    """One signer: printed name, role, date and the signature itself."""

    changed = Signal()

    def __init__(self, title: str, roles: tuple[str, ...], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Printed name")
        self.role = QComboBox()
        self.role.addItems(list(roles))
        self.role.setEnabled(len(roles) > 1)
        self.signed_on = QDateEdit(QDate(today.year, today.month, today.day))
        self.signed_on.setCalendarPopup(True)
        self.signed_on.setDisplayFormat("d MMMM yyyy")
        self.pad = SignaturePad()
        self.pad.setAccessibleName(f"{title}: signature pad")
        self.clear = QPushButton("Clear signature")
        self.clear.setAccessibleName(f"{title}: clear signature")
        self.clear.clicked.connect(self.pad.clear)
        # The keyboard way, for someone who cannot draw: type the name, then confirm it.
        self.type_instead = QCheckBox("&Type the signature instead of drawing it")
        self.type_instead.setAccessibleName(f"{title}: type the signature instead of drawing it")
        self.typed = QLineEdit()
        self.typed.setPlaceholderText("Type your full name as your signature")
        self.typed.setAccessibleName(f"{title}: typed signature")
        self.confirm = QCheckBox("I confirm that this typed name is my signature")
        self.confirm.setAccessibleName(f"{title}: confirm the typed signature")
        self.name.setAccessibleName(f"{title}: printed name")
        self.role.setAccessibleName(f"{title}: role")
        self.signed_on.setAccessibleName(f"{title}: date")
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Date", self.signed_on)
        form.addRow(self.pad)
        form.addRow(self.clear)
        form.addRow(self.type_instead)
        form.addRow(self.typed)
        form.addRow(self.confirm)
        self.type_instead.toggled.connect(self._typing)
        self._typing(False)
        for signal in (self.name.textChanged, self.pad.changed, self.typed.textChanged,
                       self.confirm.toggled, self.type_instead.toggled):
            signal.connect(self.changed)

    def _typing(self, on: bool) -> None:
        self.pad.setVisible(not on)
        self.clear.setVisible(not on)
        self.typed.setVisible(on)
        self.confirm.setVisible(on)
        if on:
            if not self.typed.text():
                self.typed.setText(self.name.text())
            self.typed.setFocus()

    def missing(self) -> list[str]:
        gaps = []
        who = self.role.currentText()
        if not self.name.text().strip():
            gaps.append(f"{who}: printed name")
        if self.type_instead.isChecked():
            if not self.typed.text().strip():
                gaps.append(f"{who}: typed signature")
            elif not self.confirm.isChecked():
                gaps.append(f"{who}: confirmation of the typed signature")
        elif self.pad.is_empty():
            gaps.append(f"{who}: signature (or type it instead)")
        return gaps

    def image(self) -> bytes:
        if self.type_instead.isChecked():
            return typed_signature_png(self.typed.text().strip())
        return self.pad.to_png()

    def value(self) -> SignatureInput:
        when = self.signed_on.date()
        return SignatureInput(self.role.currentText(), self.name.text().strip(),
                              date(when.year(), when.month(), when.day()), self.image())


def _name_for(content: VisitContent, role: str, taken: set[str] = frozenset()) -> str:
    return next((a.name for a in content.attendees
                 if role_matches(role, a.role) and a.name not in taken), "")


class SignDialog(QDialog):
    """Collects the signatures and signs the visit; emits ``signed`` with the fingerprint."""

    signed = Signal(str)

    def __init__(self, services: Services, visit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.visit_id = visit_id
        self.content = services.visits.content(visit_id)
        self.setWindowTitle(f"Sign: visit {self.content.visit_number}, "
                            f"{self.content.school_name}")
        today = services.today()
        self.adviser = SignerBox("Link Adviser", (ADVISER_ROLE,), today)
        self.adviser.name.setText(self.content.adviser_name)
        self.school_signers = []
        for wanted in services.workflow.signers(visit_id):
            if role_matches(wanted, ADVISER_ROLE):
                continue
            roles = tuple(r.strip() for r in wanted.split(" or "))
            box = SignerBox("For the school" if len(roles) > 1 else roles[0], roles, today)
            box.role.currentTextChanged.connect(
                lambda role, box=box: self._suggest_school_name(box, role))
            self._suggest_school_name(box, box.role.currentText())
            self.school_signers.append(box)
        self.school = self.school_signers[0]
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("signStatus")
        self.sign_button = QPushButton("Sign")
        self.sign_button.setObjectName("primary")
        self.sign_button.clicked.connect(self.sign)
        preview = QPushButton("Preview document…")
        preview.clicked.connect(self._preview)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        signers = QHBoxLayout()
        for box in (self.adviser, *self.school_signers):
            signers.addWidget(box)
        buttons = QHBoxLayout()
        buttons.addWidget(preview)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        intro = QLabel("Every signature goes on the document with its printed name, role and "
                       "date. Signing makes the visit read-only; a change after signing is an "
                       "amendment and the signed version is kept.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(signers)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        for box in (self.adviser, *self.school_signers):
            box.changed.connect(self._update)
        self._blocker = self._not_ready_reason()
        self._update()

    def _suggest_school_name(self, box: SignerBox, role: str) -> None:
        """The attendee in that role, unless the adviser typed a name of their own."""
        others = {b.name.text().strip() for b in self.school_signers if b is not box}
        known = {a.name for a in self.content.attendees}
        if box.name.text().strip() in known | {""}:
            box.name.setText(_name_for(self.content, role, others))

    def _not_ready_reason(self) -> str:
        if self.content.state == "ready_to_sign":
            return ""
        state = STATE_LABELS.get(self.content.state, self.content.state).lower()
        reason = f"This visit is {state}, so it cannot be signed yet."
        if self.content.state in ("in_progress", "amending"):
            unmet = self.services.workflow.unmet(self.visit_id)
            if unmet:
                reason += " Still to do: " + "; ".join(r.text for r in unmet[:5])
                reason += " …" if len(unmet) > 5 else "."
            else:
                reason += " Mark it ready to sign first."
        return reason + " You can still preview the document (marked DRAFT)."

    def missing(self) -> list[str]:
        return [gap for box in (self.adviser, *self.school_signers) for gap in box.missing()]

    def _update(self) -> None:
        missing = self.missing()
        self.sign_button.setEnabled(not self._blocker and not missing)
        self.status.setProperty("blocked", bool(self._blocker))
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        if self._blocker:
            self.status.setText(self._blocker)
        elif missing:
            self.status.setText("Still needed: " + ", ".join(missing) + ".")
        else:
            self.status.setText("Ready to sign.")

    def signatures(self) -> list[SignatureInput]:
        return [box.value() for box in (self.adviser, *self.school_signers)]

    def sign(self) -> bool:
        """Sign the visit; on a refusal the reason is shown and the dialog stays open."""
        try:
            fingerprint = self.services.workflow.sign(self.visit_id, self.signatures())
        except LinkAdviserError as exc:
            self.status.setText(str(exc))
            return False
        self.fingerprint = fingerprint
        self.signed.emit(fingerprint)
        self.accept()
        return True

    def _preview(self) -> None:
        PreviewDialog(self.services, self.visit_id, self).exec()
