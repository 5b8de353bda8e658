"""The sign dialog: the Link Adviser and the headteacher or chair of governors sign on screen.

Each signer gives a printed name, a role and a date as well as a signature; the dialog only
gathers them and calls ``Workflow.sign``, which checks the roles and the QA criteria again and
freezes the signed version. A visit that is not ready to sign opens with the reason shown and
the Sign button disabled (its document can still be previewed, marked DRAFT).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
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
from linkadviser.visit.content import VisitContent
from linkadviser.visit.workflow import (
    ADVISER_ROLE,
    SCHOOL_SIGNER_ROLES,
    STATE_LABELS,
    SignatureInput,
)


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
        clear = QPushButton("Clear signature")
        clear.clicked.connect(self.pad.clear)
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Date", self.signed_on)
        form.addRow(self.pad)
        form.addRow(clear)
        self.name.textChanged.connect(self.changed)
        self.pad.changed.connect(self.changed)

    def missing(self) -> list[str]:
        gaps = []
        if not self.name.text().strip():
            gaps.append(f"{self.role.currentText()}: printed name")
        if self.pad.is_empty():
            gaps.append(f"{self.role.currentText()}: signature")
        return gaps

    def value(self) -> SignatureInput:
        when = self.signed_on.date()
        return SignatureInput(self.role.currentText(), self.name.text().strip(),
                              date(when.year(), when.month(), when.day()), self.pad.to_png())


def _name_for(content: VisitContent, role: str) -> str:
    return next((a.name for a in content.attendees if a.role.lower() == role.lower()), "")


class SignDialog(QDialog):
    """Collects both signatures and signs the visit; emits ``signed`` with the fingerprint."""

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
        self.school = SignerBox("For the school", SCHOOL_SIGNER_ROLES, today)
        self.school.role.currentTextChanged.connect(self._suggest_school_name)
        self._suggest_school_name(self.school.role.currentText())
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
        signers.addWidget(self.adviser)
        signers.addWidget(self.school)
        buttons = QHBoxLayout()
        buttons.addWidget(preview)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        intro = QLabel("Both signatures go on the document with each printed name, role and "
                       "date. Signing makes the visit read-only; a change after signing is an "
                       "amendment and the signed version is kept.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(signers)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.adviser.changed.connect(self._update)
        self.school.changed.connect(self._update)
        self._blocker = self._not_ready_reason()
        self._update()

    def _suggest_school_name(self, role: str) -> None:
        known = {_name_for(self.content, r) for r in SCHOOL_SIGNER_ROLES}
        if self.school.name.text().strip() in known | {""}:
            self.school.name.setText(_name_for(self.content, role))

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
        return self.adviser.missing() + self.school.missing()

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
        return [self.adviser.value(), self.school.value()]

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
