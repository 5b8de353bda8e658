"""Choosing the central store the Centre screen works on: the data folder's own file, another
SQLite file (on a shared drive, say), or a PostgreSQL database, as ``--db`` takes them.

A PostgreSQL address is typed without its password, which goes in its own field and is never
shown: one pasted inside the address is moved there as soon as it is recognised. What is
remembered (in the preferences) is the address without the password. Opening runs off the UI
thread; when it fails, one line says why, with any password masked, and nothing is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.authority.centre import Centre
from linkadviser.errors import LinkAdviserError
from linkadviser.store.urls import masked, password_in, with_password, without_password
from linkadviser.ui.ops import Op
from linkadviser.ui.widgets.elided import ElidedLabel

STORE_FILES = "linkadviser stores (*.sqlite3 *.db);;All files (*)"
MESSAGE_LIMIT = 300  # one line: a driver's message can run on


class CentreStoreDialog(QDialog):
    """Asks where the central store is and opens it; ``centre`` is set once it is open."""

    def __init__(self, remembered: str, default_file: Path,
                 opener: Callable[[str | None], Centre] = Centre.open,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which central store?")
        self.opener = opener
        self.centre: Centre | None = None
        self.default = QRadioButton("This computer's central store")
        self.default.setAccessibleName("Use this computer's central store")
        self.file = QRadioButton("A store file")
        self.file.setAccessibleName("Use a central store file")
        self.server = QRadioButton("A PostgreSQL database")
        self.server.setAccessibleName("Use a PostgreSQL database")
        self.choices = QButtonGroup(self)
        for button in (self.default, self.file, self.server):
            self.choices.addButton(button)
        default_path = ElidedLabel(str(default_file))
        default_path.setObjectName("muted")
        self.path = QLineEdit(placeholderText="A .sqlite3 file, e.g. on a shared drive")
        self.path.setAccessibleName("Central store file")
        self.choose_button = QPushButton("Choose…")
        self.choose_button.setAccessibleName("Choose the central store file")
        self.choose_button.clicked.connect(self._choose_file)
        self.url = QLineEdit(placeholderText="postgresql://user@host/dbname")
        self.url.setAccessibleName("PostgreSQL address, without the password")
        self.url.textChanged.connect(self._take_password)
        self.password = QLineEdit(placeholderText="Password (never kept)")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("PostgreSQL password")
        self.message = QLabel()
        self.message.setObjectName("flag")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Why the store could not be opened")
        self.message.hide()
        grid = QGridLayout()
        grid.addWidget(self.default, 0, 0)
        grid.addWidget(default_path, 0, 1, 1, 2)
        grid.addWidget(self.file, 1, 0)
        grid.addWidget(self.path, 1, 1)
        grid.addWidget(self.choose_button, 1, 2)
        grid.addWidget(self.server, 2, 0)
        grid.addWidget(self.url, 2, 1, 1, 2)
        grid.addWidget(self.password, 3, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.open_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setAccessibleName("Open the central store")
        self.buttons.accepted.connect(self.open_store)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self._show_remembered(remembered)
        self.choices.buttonToggled.connect(lambda *_: self._enable())
        self._enable()

    def _show_remembered(self, remembered: str) -> None:
        if "://" in remembered:
            self.server.setChecked(True)
            self.url.setText(without_password(remembered))
        elif remembered:
            self.file.setChecked(True)
            self.path.setText(remembered)
        else:
            self.default.setChecked(True)

    def _enable(self) -> None:
        for widget in (self.path, self.choose_button):
            widget.setEnabled(self.file.isChecked())
        for widget in (self.url, self.password):
            widget.setEnabled(self.server.isChecked())

    def _take_password(self, text: str) -> None:
        """A password pasted into the address goes to the password field, out of sight."""
        secret = password_in(text)
        if secret is None:
            return
        self.password.setText(secret)
        self.url.setText(without_password(text))

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Central store file (an existing one, or a new name to start one)",
            self.path.text(), STORE_FILES, options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.path.setText(path)

    def location(self) -> str | None:
        """What to open, as ``--db`` takes it (the password in it); None for the default."""
        if self.file.isChecked():
            return self.path.text().strip()
        if self.server.isChecked():
            return with_password(self.url.text().strip(), self.password.text())
        return None

    def remembered(self) -> str:
        """What the preferences keep: the location without its password."""
        return without_password(self.location() or "")

    def open_store(self) -> None:
        where = self.location()
        if where is not None and not where:
            self._refused("Give the central store's file, or its postgresql:// address.")
            return
        self.message.hide()
        self.open_button.setEnabled(False)
        self.open_button.setText("Opening…")
        opener = self.opener
        (Op(self, lambda: opener(where), changes_kind=None)
         .success(self._opened).failure(self._failed).run_in_background())

    def _opened(self, centre: Centre) -> None:
        self.centre = centre
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, LinkAdviserError):
            self._refused(str(exc))
        else:  # not ours: say so plainly, without the driver's detail (it may hold the URL)
            self._refused(f"The central store could not be opened ({type(exc).__name__}). "
                          "Check the address and that the server is running.")

    def _refused(self, text: str) -> None:
        line = " ".join(masked(text).split())
        if len(line) > MESSAGE_LIMIT:
            line = line[:MESSAGE_LIMIT - 1] + "…"
        self.message.setText(line)
        self.message.setToolTip(line)
        self.message.show()
        self.open_button.setEnabled(True)
        self.open_button.setText("Open")
