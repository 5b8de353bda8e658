"""File → Backups…: the backups the app keeps, a backup to a file, and a restore.

A restore replaces everything the adviser has, so it asks first, says what the backup holds,
keeps the current store as one more backup, and then closes the app: the next start opens the
restored store afresh, rather than screens carrying on over records that are no longer there.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from linkadviser.preferences import Preferences
from linkadviser.store.backups import backups_in
from linkadviser.ui.ops import Op

if TYPE_CHECKING:
    from linkadviser.services import Services

BACKUP_FILTER = "linkadviser backups (*.sqlite3);;All files (*)"
REASONS = {"daily": "daily backup", "before-restore": "before a restore"}


def describe(path: Path) -> str:
    """``Mon 30 Nov 2026 17:02 — daily backup (1,234 KB)`` from the backup's file name."""
    parts = path.stem.split("-", 3)
    try:
        when = datetime.strptime(f"{parts[1]}{parts[2]}", "%Y%m%d%H%M%S")
    except (IndexError, ValueError):
        return path.name
    reason = parts[3] if len(parts) > 3 else ""
    reason = REASONS.get(reason, "before an upgrade" if reason.startswith("before-") else reason)
    return f"{when:%a %d %b %Y %H:%M} — {reason} ({path.stat().st_size // 1024:,} KB)"


class BackupsDialog(QDialog):
    """Emits ``restored`` once a backup is in place; the window then closes the app."""

    restored = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.setWindowTitle("Backups")
        self.resize(620, 440)
        intro = QLabel("linkadviser keeps a backup of your store each day you use it. Back up "
                       "to a file to keep a copy elsewhere or to move to a new laptop.")
        intro.setWordWrap(True)
        self.kept = QListWidget()
        self.kept.setAccessibleName("Backups kept")
        kept_label = QLabel("Backups kept on this computer")
        kept_label.setBuddy(self.kept)

        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setSuffix(" days")
        self.keep.setAccessibleName("Daily backups to keep")
        self.keep.setMaximumWidth(140)
        self.keep.setValue(Preferences(services.store).backups_kept)
        self.keep.valueChanged.connect(self._keep_changed)
        form = QFormLayout()
        form.addRow("Keep daily backups for", self.keep)

        self.back_up_button = QPushButton("Back up to a file…")
        self.back_up_button.clicked.connect(self.back_up)
        self.restore_button = QPushButton("Restore from a file…")
        self.restore_button.clicked.connect(self.restore)
        actions = QHBoxLayout()
        actions.addWidget(self.back_up_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setObjectName("summary")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(kept_label)
        layout.addWidget(self.kept, 1)
        layout.addLayout(form)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.kept.clear()
        found = backups_in(self.services.store.path)
        for path in reversed(found):
            self.kept.addItem(describe(path))
        if not found:
            self.kept.addItem("None yet: the first is taken when you next close linkadviser.")

    def _keep_changed(self, value: int) -> None:
        Preferences(self.services.store).backups_kept = value

    def _busy(self, busy: bool) -> None:
        self.back_up_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    def back_up(self, target: str | None = None) -> None:
        if not target:
            suggested = f"linkadviser-backup-{datetime.now():%Y-%m-%d}.sqlite3"
            target, _ = QFileDialog.getSaveFileName(self, "Back up to a file", suggested,
                                                    BACKUP_FILTER)
        if not target:
            return
        self._busy(True)
        self.status.setText("Backing up…")
        (Op(self, lambda: self.services.back_up_to(Path(target)), changes_kind=None)
         .success(lambda info: self._done(f"Backed up to {target}: {info.summary()}."))
         .failure(self._failed).run_in_background())

    def restore(self, source: str | None = None, confirm: bool = True) -> None:
        if not source:
            source, _ = QFileDialog.getOpenFileName(self, "Restore from a file", "",
                                                    BACKUP_FILTER)
        if not source:
            return
        if confirm and QMessageBox.question(
                self, "Restore this backup?",
                f"Replace everything in linkadviser with the backup in {source}?\n\nYour "
                "store as it is now is kept as a backup first. linkadviser then closes; open "
                "it again to work on the restored store.") != QMessageBox.StandardButton.Yes:
            return
        self._busy(True)
        self.status.setText("Restoring…")
        (Op(self, lambda: self.services.restore_from(Path(source)), changes_kind=None)
         .success(self._restored).failure(self._failed).run_in_background())

    def _done(self, message: str) -> None:
        self._busy(False)
        self.status.setText(message)
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        from linkadviser.ui.ops import show_error

        self._busy(False)
        self.status.setText("")
        show_error(self, exc)

    def _restored(self, result: tuple) -> None:
        info, kept = result
        self.status.setText(f"Restored: {info.summary()}. Your previous store is kept as "
                            f"{kept}." if kept else f"Restored: {info.summary()}.")
        self.restored.emit()
