"""Importing a downloaded data file from the app: pick it, import it off the UI thread, report.

A file whose kind and year are already held is not guessed at: the adviser chooses to replace
what is there or keep it, as on the command line.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from linkadviser.services import Services
from linkadviser.ui.ops import Op, show_error

FILE_TYPES = "Data files (*.csv *.xlsx *.xls);;All files (*)"


def choose_and_import(parent: QWidget, services: Services) -> None:
    path, _ = QFileDialog.getOpenFileName(parent, "Import school data", "", FILE_TYPES)
    if path:
        import_path(parent, services, Path(path))


def import_path(parent: QWidget, services: Services, path: Path,
                on_existing: str = "ask") -> None:
    """Import ``path`` in the background and show what it held."""
    from linkadviser.data.errors import AlreadyImportedError
    from linkadviser.data.importer import import_file

    def failed(exc: BaseException) -> None:
        if isinstance(exc, AlreadyImportedError):
            choice = ask_replace_or_keep(parent, str(exc).split(";")[0])
            if choice:
                import_path(parent, services, path, choice)
            return
        show_error(parent, exc)

    store = services.store
    (Op(parent, lambda: import_file(store, path, None, on_existing), changes_kind="data")
     .success(lambda report: QMessageBox.information(parent, "Data imported",
                                                     "\n".join(report.lines())))
     .failure(failed)
     .run_in_background())


def ask_replace_or_keep(parent: QWidget, what: str) -> str | None:
    box = QMessageBox(QMessageBox.Icon.Question, "Already imported",
                      f"{what}.\n\nReplace it with this file, or keep what is there?",
                      parent=parent)
    replace = box.addButton("Replace", QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton("Keep what is there", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "replace" if clicked is replace else "keep" if clicked is keep else None
