"""The county page: the authority's view (picture, risk, delivery, costs) with its exports.

The report is gathered in the background (it reads imported data with pandas); opening the
page never records a trajectory snapshot, only `linkadviser central report` does.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from linkadviser.services import Services
from linkadviser.ui.county_view import CountyView
from linkadviser.ui.ops import Op


class CountyPage(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.view = CountyView()
        self.status = QLabel("Gathering the county's figures…")
        self.status.setObjectName("summary")
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.pdf_button = QPushButton("Save report as PDF…")
        self.pdf_button.clicked.connect(self._save_pdf)
        self.csv_button = QPushButton("Save tables as CSV…")
        self.csv_button.clicked.connect(self._save_csvs)
        tools = QHBoxLayout()
        tools.addWidget(self.status)
        tools.addStretch(1)
        for button in (self.refresh_button, self.pdf_button, self.csv_button):
            tools.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        self.status.setVisible(busy)
        for button in (self.refresh_button, self.pdf_button, self.csv_button):
            button.setEnabled(not busy)

    def refresh(self) -> None:
        from linkadviser.authority.report import build_report

        self._set_busy(True)
        services = self.services
        (Op(self, lambda: build_report(services.store, services.programme, services.today(),
                                       record_snapshot=False), changes_kind=None)
         .success(self._show)
         .failure(self._failed)
         .run_in_background())

    def _show(self, report: object) -> None:
        self.view.set_report(report)
        self._set_busy(False)

    def _failed(self, exc: BaseException) -> None:
        from linkadviser.ui.ops import show_error

        self.status.setText("The county's figures could not be gathered.")
        self.refresh_button.setEnabled(True)
        show_error(self, exc)

    def _save_pdf(self) -> None:
        from linkadviser.authority.pdf import write_pdf

        path, _ = QFileDialog.getSaveFileName(self, "Save the county report", "county-report.pdf",
                                              "PDF documents (*.pdf)")
        if path and self.view.report is not None:
            self._write(lambda: [write_pdf(self.view.report, Path(path))])

    def _save_csvs(self) -> None:
        from linkadviser.authority.export import write_csvs

        folder = QFileDialog.getExistingDirectory(self, "Folder for the county's CSV tables")
        if folder and self.view.report is not None:
            self._write(lambda: write_csvs(self.view.report, Path(folder)))

    def _write(self, write: object) -> None:
        (Op(self, write, changes_kind=None)
         .success(lambda paths: QMessageBox.information(
             self, "Saved", "Saved:\n" + "\n".join(str(p) for p in paths)))
         .run_in_background())
