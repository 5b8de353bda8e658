"""The sync dialog: export work for the centre, import the centre's file, with progress.

The work runs off the UI thread (``ui.ops.Op``) so the window stays responsive while a large
file is checked and applied; progress reported by the sync service on the worker thread
reaches the bar through a queued Qt signal. A refused file is explained in the dialog itself,
with the reassurance that matters most: nothing was changed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.errors import LinkAdviserError
from linkadviser.store.db import Store
from linkadviser.sync.review import ConflictReview
from linkadviser.ui.ops import Op
from linkadviser.words import count, plural

if TYPE_CHECKING:
    from linkadviser.signing.adviser import Unlocked
    from linkadviser.ui.signing.passphrase import KeyUnlocker

FILE_FILTER = "linkadviser sync files (*.linkadviser *.zip);;All files (*)"
INTRO = ("Export your visits, records and action points for the centre, or import the file the "
         "centre sent you (schools, caseload, programme and data). An import checks the whole "
         "file first: if anything is wrong, nothing is changed.")


class _Progress(QObject):
    """Carries progress from the worker thread to the bar (signals cross threads safely)."""

    moved = Signal(int, int, str)


class SyncDialog(QDialog):
    """Export and import sync files for one store; ``busy`` is true while work runs."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.review = ConflictReview(store)
        self.busy = False
        self.unlocker: KeyUnlocker | None = None  # made when an export first needs the key
        self._export_to = Path()
        self.succeeded: bool | None = None
        self.visit_to_open: str | None = None
        self.setWindowTitle("Sync with the centre")
        self._progress = _Progress(self)
        self._progress.moved.connect(self._moved)

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.import_button = QPushButton("Import the centre's file…")
        self.export_button = QPushButton("Export for the centre…")
        self.everything = QCheckBox("Export everything, not only what changed since the last "
                                    "exchange")
        self.review_button = QPushButton()
        self.review_button.clicked.connect(self.open_review)
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        self.status = QLabel("Choose what to do.")
        self.status.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName("What was exchanged")
        self.report.setPlaceholderText("What was exchanged, and any conflicts to review, "
                                       "will be listed here.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        actions = QHBoxLayout()
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        actions.addStretch(1)
        actions.addWidget(self.review_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(actions)
        layout.addWidget(self.everything)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        self._count_conflicts()
        # A fixed minimum overrode the layout's and cut the buttons short; the layout's own
        # minimum now holds, and the dialog opens a little wider than it.
        self.resize(max(600, self.sizeHint().width()), 460)

    # -- starting work (the file dialogs are thin; tests call start_* directly) ------------

    def _choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import a sync file", "", FILE_FILTER)
        if path:
            self.start_import(Path(path))

    def _choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export for the centre",
                                              "to-centre.linkadviser", FILE_FILTER)
        if path:
            self.start_export(Path(path))

    def start_import(self, path: Path) -> None:
        from linkadviser.sync.importer import import_file

        self._start(f"Importing {path.name}", lambda progress: import_file(
            self.store, path, progress=progress).lines())

    def start_export(self, path: Path) -> None:
        """An enrolled adviser's file is signed: with the key already unlocked this session
        (signing a record), from the OS keyring, or once the passphrase asked here is right."""
        from linkadviser.signing.session import key_session
        from linkadviser.ui.signing.passphrase import KeyUnlocker

        keys = key_session(self.store)
        if not keys.signs_digitally():
            self._export(path, None)
            return
        self._export_to = path
        if self.unlocker is None:
            self.unlocker = KeyUnlocker(keys, self, "The file for the centre is signed with your "
                                        "key.", action="&Unlock and export", cancel="Cancel",
                                        cancel_means="export nothing")
            self.unlocker.unlocked.connect(lambda key: self._export(self._export_to, key))
        self.unlocker.start()

    def _export(self, path: Path, key: Unlocked | None) -> None:
        from linkadviser.signing.sync_files import adviser_signer
        from linkadviser.sync.export import export_adviser

        everything = self.everything.isChecked()
        self._start(f"Exporting to {path.name}", lambda progress: export_adviser(
            self.store, path, everything=everything, progress=progress,
            signer=None if key is None else adviser_signer(key)).lines())

    def _start(self, title: str, work: Callable[[Callable[[int, int, str], None]], list[str]]
               ) -> None:
        self._set_busy(True)
        self.succeeded = None
        self.bar.setValue(0)
        self.status.setText(title + "…")
        self.report.clear()
        emit = self._progress.moved.emit
        Op(self, lambda: work(emit), changes_kind="sync") \
            .success(self._done).failure(self._failed).run_in_background()

    def open_review(self) -> None:
        """The review; when the adviser chose to open a conflict's visit, this dialog closes
        too and ``visit_to_open`` names it for the main window."""
        from linkadviser.ui.conflicts_dialog import ConflictsDialog

        review = ConflictsDialog(self.review, self)
        review.exec()
        self._count_conflicts()
        if review.visit_to_open:
            self.visit_to_open = review.visit_to_open
            self.accept()

    def _count_conflicts(self) -> int:
        waiting = self.review.to_review()
        self.review_button.setText(f"Review conflicts ({waiting})…" if waiting
                                   else "Review conflicts…")
        self.review_button.setToolTip(f"{count(waiting, 'conflict')} kept from imports, to review"
                                      if waiting else "No conflicts to review")
        return waiting

    # -- results, on the UI thread --------------------------------------------------------

    def _moved(self, done: int, total: int, text: str) -> None:
        self.bar.setValue(int(100 * done / max(total, 1)))
        self.status.setText(text)

    def _done(self, lines: list[str]) -> None:
        self.bar.setValue(100)
        self.report.setPlainText("\n".join(lines))
        waiting = self._count_conflicts()
        self.status.setText("Finished: the details are below." + (
            f" {count(waiting, 'conflict')} {plural(waiting, 'waits', 'wait')} for review: "
            "Review conflicts sets out both copies."
            if waiting else ""))
        self.succeeded = True
        self._set_busy(False)

    def _failed(self, exc: BaseException) -> None:
        self.bar.setValue(0)
        if isinstance(exc, LinkAdviserError):
            text = str(exc)
        else:
            text = ("Something unexpected went wrong; the exchange was not completed and "
                    f"nothing was changed. Please report this: {type(exc).__name__}: {exc}")
        self.status.setText("Not completed. Nothing was changed.")
        self.report.setPlainText(text)
        self.succeeded = False
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.import_button, self.export_button, self.everything,
                       self.review_button):
            widget.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)

    def reject(self) -> None:
        """Closing waits for running work: an import is all or nothing, never cut off."""
        if not self.busy:
            super().reject()
