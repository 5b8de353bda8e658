"""Help → About: which version this is, where the adviser's data and log live, what is new.

Support's first questions are "which version?" and "send us the log": both are answered here,
with buttons that open the folders, so nobody has to find a hidden folder by hand.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from linkadviser import __version__
from linkadviser.applog import log_path
from linkadviser.paths import data_dir, resources_dir


def release_notes() -> str:
    path = resources_dir() / "release-notes.md"
    return path.read_text(encoding="utf-8") if path.is_file() else "No release notes found."


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About linkadviser")
        self.resize(620, 520)
        title = QLabel(f"linkadviser {__version__}")
        title.setObjectName("pageTitle")
        blurb = QLabel("The Link Adviser's tool for the School Improvement Partnership "
                       "Programme: visits, records, targets and governors' documents, offline.")
        blurb.setWordWrap(True)

        form = QFormLayout()
        self.data_folder = data_dir()
        self.log_file = log_path()
        form.addRow("Version", QLabel(__version__))
        form.addRow("Your data", self._path_row(self.data_folder, "Open the data folder",
                                                self.data_folder))
        form.addRow("Log file", self._path_row(self.log_file, "Open the log folder",
                                               self.log_file.parent))

        self.notes = QTextBrowser()
        self.notes.setAccessibleName("Release notes")
        self.notes.setOpenExternalLinks(False)
        self.notes.setMarkdown(release_notes())
        notes_label = QLabel("What is new")
        notes_label.setBuddy(self.notes)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (title, blurb):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(notes_label)
        layout.addWidget(self.notes, 1)
        layout.addWidget(buttons)

    def _path_row(self, shown: Path, button_text: str, folder: Path) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        label = QLabel(str(shown))
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        button = QPushButton("Open")
        button.setAccessibleName(button_text)
        button.setToolTip(button_text)
        button.clicked.connect(lambda: open_folder(folder))
        line.addWidget(label, 1)
        line.addWidget(button)
        return row
