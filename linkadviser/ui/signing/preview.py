"""The document preview: the real PDF, shown with QtPdf, saved where the user chooses and
printed through the system's print dialog.

What is shown is exactly the file that is saved or printed (the same bytes), so the adviser
checks the document governors will get. The PDF comes from ``DocumentService``; this widget
only displays it.
"""

from __future__ import annotations

import re
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QSize,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QHideEvent, QPainter, QShowEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.authority.profile import is_demo
from linkadviser.documents import DocumentService
from linkadviser.documents.service import Rendered
from linkadviser.errors import LinkAdviserError
from linkadviser.services import Services
from linkadviser.signing.demo import DEMO_PASSPHRASE
from linkadviser.signing.session import key_session
from linkadviser.ui.ops import Op, show_error
from linkadviser.ui.signing.new_key import NewKeyDialog
from linkadviser.ui.signing.passphrase import KeyUnlocker, PassphraseDialog

WHY = ("Your digital signature goes on the signed document, so a governor can check it in "
       "any PDF reader. Unlock your signing key to add it.")
NO_KEY_WHY = ("This laptop has no signing key yet, so this signed record carries its "
              "fingerprint only.")
DRAFT_CHOICE = None  # the version combo's data for "the current record"


class DocumentPreview(QWidget):
    """One visit's documents: choose which (and which signed version), see it, save, print.

    Opened on a signed version whose adviser has a certificate, it asks once for the signing
    key's passphrase (unless the key is unlocked already this session) and shows the copy
    digitally signed; declined, it shows the fingerprint-only copy and says so. With no key
    on this laptop, "Make your signing key…" makes one; ``offer_key`` (just signed) offers it
    once on opening."""

    drawn = Signal()  # the document shown (and saved, printed) was drawn again

    def __init__(self, services: Services, visit_id: str, parent: QWidget | None = None,
                 kind: str | None = None, offer_key: bool = False) -> None:
        super().__init__(parent)
        self.services = services
        self.visit_id = visit_id
        self.offer_key = offer_key
        self.making: NewKeyDialog | None = None
        self.documents = DocumentService.of(services)
        self.keys = key_session(services.store)
        self.unlocker = KeyUnlocker(self.keys, self, WHY)
        self.unlocker.unlocked.connect(self._unlocked)
        self.unlocker.declined.connect(self._declined)
        self.shows_signed = False
        self._asked = False
        self._turn = 0  # which drawing is the latest (one signing in the background may lag)
        self.declined = False  # the adviser chose Not now when asked for the passphrase
        self.content = services.visits.content(visit_id)
        self.pdf = b""
        self._bytes = QByteArray()
        self._buffer = QBuffer(self)
        self.document = QPdfDocument(self)
        # Made without a parent, so it joins the Tab order where the layout puts it: after the
        # choices above it, as the dialog reads.
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.kind = QComboBox()
        for k in self.documents.kinds(self.content.visit_number):
            self.kind.addItem(self.documents.title(k), k)
        if kind:
            self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.version = QComboBox()
        self.version.addItem("Current record", DRAFT_CHOICE)
        for v in reversed(self.documents.versions(visit_id)):
            self.version.addItem(f"Signed version {v}", v)
        if self.content.state == "signed":
            self.version.setCurrentIndex(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("About this document")
        self.add_signature = QPushButton("Add &digital signature…")
        self.add_signature.setToolTip("Unlock your signing key to sign this copy digitally")
        self.add_signature.clicked.connect(self.ask_for_key)
        self.add_signature.hide()
        self.make_key = QPushButton("Make your signing &key…")
        self.make_key.setAccessibleName("Make your signing key")
        self.make_key.setToolTip("Make this laptop's signing key, so signed records can be "
                                 "signed digitally once the centre certifies it")
        self.make_key.clicked.connect(self.offer_new_key)
        self.make_key.hide()
        self.save_button = QPushButton("Save as…")
        self.print_button = QPushButton("Print…")
        self.save_button.clicked.connect(self.save_as)
        self.print_button.clicked.connect(self.print_document)
        bar = QHBoxLayout()
        document = QLabel("&Document")
        document.setBuddy(self.kind)
        self.version.setAccessibleName("Version")
        bar.addWidget(document)
        bar.addWidget(self.kind)
        bar.addWidget(self.version)
        bar.addStretch(1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        about = QHBoxLayout()
        about.addWidget(self.status, 1)
        about.addWidget(self.add_signature)
        about.addWidget(self.make_key)
        layout.addLayout(about)
        layout.addWidget(self.view, 1)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.version.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Draw the chosen document again from the store and show it: a signed version with
        the adviser's digital signature when the key is unlocked this session."""
        kind = self.kind.currentData()
        version = self.version.currentData() if kind != "preparation_sheet" else None
        self.version.setEnabled(kind != "preparation_sheet")
        self._turn += 1
        turn, signer = self._turn, self.keys.unlocked()

        def draw() -> Rendered:
            return self.documents.rendered(self.visit_id, kind, version, signer)

        if signer is None:  # a draft or the fingerprint-only copy: drawn at once, as ever
            try:
                drawn = draw()
            except LinkAdviserError as exc:
                self._failed(turn, exc)
                return
            self._show(turn, drawn)
            return
        # Drawing and signing take a tenth of a second or more: off the UI thread. Save and
        # Print wait for the signed copy; a newer choice wins over an older one still running.
        self._set_enabled(False)
        self.status.setText("Adding your digital signature…")
        Op(self, draw, changes_kind=None).success(lambda done: self._show(turn, done)) \
            .failure(lambda exc: self._failed(turn, exc)).run_in_background()

    def _failed(self, turn: int, exc: BaseException) -> None:
        if turn != self._turn:
            return
        self.pdf = b""
        self.document.close()
        self._set_enabled(False)
        self.add_signature.hide()
        self.make_key.hide()
        if isinstance(exc, LinkAdviserError):
            self.status.setText(str(exc))
        else:
            self.status.setText("The document could not be drawn.")
            show_error(self, exc)

    def _show(self, turn: int, drawn: Rendered) -> None:
        if turn != self._turn:
            return
        data, self.pdf = drawn.data, drawn.pdf
        self._load(self.pdf)
        self.shows_signed = data.signed
        self.add_signature.setVisible(data.signed and not drawn.digitally_signed
                                      and self.keys.signs_digitally())
        self.make_key.setVisible(data.signed and not self.keys.status().has_key)
        if data.signed:
            self.status.setText(f"Signed version {data.version}. "
                                f"{self._digital(drawn)} Fingerprint {data.fingerprint}")
        elif data.kind == "preparation_sheet":
            self.status.setText("Preparation sheet for the Link Adviser (not signed).")
        else:
            self.status.setText("DRAFT: not signed. Every page is marked DRAFT until the "
                                "Link Adviser and the school sign.")
        self._set_enabled(True)
        self.drawn.emit()

    def _digital(self, drawn: Rendered) -> str:
        """Whether this copy carries the adviser's digital signature, and if not, why not."""
        if drawn.digitally_signed:
            return f"Digitally signed by {drawn.data.digital_signature}."
        key = self.keys.status()
        if not key.has_key:
            return ("Not digitally signed: this laptop has no signing key yet, so this copy "
                    "carries the fingerprint only.")
        if key.certificate is None:
            return ("Not digitally signed yet: your certificate arrives with the centre's next "
                    "file; this copy carries the fingerprint only.")
        why = "the passphrase was not given" if self.declined else "your signing key is locked"
        return (f"Not digitally signed: {why}, so this copy (shown, saved and printed) carries "
                "the fingerprint only. Choose Add digital signature to sign it.")

    # -- the signing key -------------------------------------------------------------------
    def wants_key(self) -> bool:
        """A signed version is shown without the digital signature the adviser could add."""
        return self.shows_signed and self.keys.unlocked() is None and self.keys.signs_digitally()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._asked:
            self._asked = True  # asked once on opening; the button asks again
            QTimer.singleShot(0, self._ask_if_wanted)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.unlocker.close()  # the question goes with the document it was asked for
        if self.making is not None and shiboken6.isValid(self.making) \
                and self.making.isVisible() and self.making.make_button.isEnabled():
            self.making.reject()  # not while the key is being made: that finishes
        super().hideEvent(event)

    def _ask_if_wanted(self) -> None:
        if not shiboken6.isValid(self):
            return
        if self.wants_key():
            self.ask_for_key()
        elif self.offer_key and self.make_key.isVisible():
            self.offer_new_key()

    def offer_new_key(self) -> None:
        """Make this laptop's signing key (window-modal over the preview); once made, the
        copy is drawn again with it held, and says the certificate is still to come."""
        self.making = NewKeyDialog(self.keys, self, NO_KEY_WHY)
        self.making.setWindowModality(Qt.WindowModality.WindowModal)
        self.making.created.connect(lambda _key: self.refresh())
        self.making.open()

    @property
    def asking(self) -> PassphraseDialog | None:
        return self.unlocker.asking

    def ask_for_key(self) -> None:
        """Unlock the key (from the OS keyring if the adviser let it remember, else by
        asking), then draw the document again, digitally signed."""
        self.add_signature.setEnabled(False)
        demo = is_demo(self.services.store)  # a new user trying the demo is told what to type
        self.unlocker.why = WHY + (f" In the demo, the passphrase is “{DEMO_PASSPHRASE}”."
                                   if demo else "")
        self.unlocker.start()

    def _unlocked(self, _key: object) -> None:
        self.add_signature.setEnabled(True)
        self.refresh()

    def _declined(self) -> None:
        self.add_signature.setEnabled(True)
        self.declined = True
        if self.isVisible():
            self.refresh()

    def _set_enabled(self, on: bool) -> None:
        self.save_button.setEnabled(on)
        self.print_button.setEnabled(on)

    def _load(self, pdf: bytes) -> None:
        self.document.close()
        self._buffer.close()
        self._bytes = QByteArray(pdf)
        self._buffer.setData(self._bytes)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)

    def page_count(self) -> int:
        return self.document.pageCount()

    # -- save ----------------------------------------------------------------------------
    def suggested_name(self) -> str:
        c = self.content
        title = self.kind.currentText()
        version = self.version.currentData()
        suffix = f" v{version}" if version else " DRAFT"
        if self.kind.currentData() == "preparation_sheet":
            suffix = ""
        name = f"{c.school_name} - {title} - visit {c.visit_number}{suffix}.pdf"
        return re.sub(r'[\\/:*?"<>|]+', "-", name)

    def save_to(self, path: Path) -> None:
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            raise LinkAdviserError(f"Cannot save to {path}: {exc.strerror}. Choose another "
                                   "folder, or check the memory stick is not full or "
                                   "read-only.") from exc

    def save_as(self) -> None:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        chosen, _filter = QFileDialog.getSaveFileName(
            self, "Save document", str(Path(folder) / self.suggested_name()), "PDF (*.pdf)")
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        try:
            self.save_to(path)
        except LinkAdviserError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(f"Saved {path}")

    # -- print ---------------------------------------------------------------------------
    def print_to(self, printer: QPrinter) -> int:
        """Draw every page on ``printer``, each scaled to the printable page; returns pages."""
        painter = QPainter()
        if not painter.begin(printer):
            raise LinkAdviserError("The printer could not be started. Check it is switched on "
                                   "and try again, or save the PDF and print that.")
        try:
            dpi = printer.resolution()
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                points = self.document.pagePointSize(index)
                size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                image = self.document.render(index, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
        finally:
            painter.end()
        return self.document.pageCount()

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.suggested_name())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except LinkAdviserError as exc:
            self.status.setText(str(exc))


class PreviewDialog(QDialog):
    """The preview in its own window, sized for a 1366x768 laptop."""

    def __init__(self, services: Services, visit_id: str, parent: QWidget | None = None,
                 kind: str | None = None, offer_key: bool = False) -> None:
        super().__init__(parent)
        self.preview = DocumentPreview(services, visit_id, self, kind, offer_key)
        self.setWindowTitle(f"Document preview: {self.preview.content.school_name}")
        close = QPushButton("Close")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.resize(860, 700)
