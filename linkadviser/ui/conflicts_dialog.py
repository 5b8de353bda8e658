"""Reviewing the conflicts an import kept: each one's school and visit, what happened, and
the two copies side by side where they differ; then marking them reviewed.

An import never drops a conflict silently; this is where the adviser sees them after the
import's own report has been closed, decides whether to change a record by hand (in its
visit, as any edit), and clears them from the list.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkadviser.sync.review import ConflictForReview
from linkadviser.ui.ops import Op, show_error
from linkadviser.ui.style import colours, qcolour
from linkadviser.words import count

INTRO = ("When a record changed both here and in another place, the import kept one copy and "
         "set the other aside. Look at each below; if the record needs changing, change it in "
         "its visit. Then mark the conflict reviewed.")
NONE_LEFT = "No conflicts to review: everything that arrived was applied or was already here."
COLUMNS = ("Found", "School and visit", "Record", "From", "What happened")
MESSAGE = COLUMNS.index("What happened")
ID_ROLE = Qt.ItemDataRole.UserRole


class Review(Protocol):
    def conflicts(self, include_reviewed: bool = False) -> list[ConflictForReview]: ...

    def mark_reviewed(self, ids: Sequence[str]) -> int: ...


class ConflictsDialog(QDialog):
    """``reviewed`` carries how many conflicts were marked, once they are saved."""

    reviewed = Signal(int)

    def __init__(self, review: Review, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.shown: list[ConflictForReview] = []
        self.visit_to_open: str | None = None  # chosen with "Open the visit", for the caller
        self.setWindowTitle("Conflicts to review")
        self.resize(1000, 640)

        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.table = QTreeWidget()
        self.table.setHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Conflicts")
        self.table.setRootIsDecorated(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setAccessibleName("The conflict's two copies")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setSizes([260, 340])

        self.include_reviewed = QCheckBox("Show conflicts already reviewed")
        self.include_reviewed.toggled.connect(lambda _on: self.reload())
        self.mark_button = QPushButton("Mark reviewed")
        self.mark_button.setObjectName("primary")
        self.mark_button.clicked.connect(self.mark_selected)
        self.open_button = QPushButton("Open the visit")
        self.open_button.setToolTip("Close the review and open the visit this record belongs "
                                    "to, to change it there")
        self.open_button.clicked.connect(self.open_visit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.include_reviewed)
        actions.addStretch(1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.mark_button)
        actions.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        self.reload()

    def reload(self) -> None:
        self.shown = self.review.conflicts(include_reviewed=self.include_reviewed.isChecked())
        self.table.clear()
        for conflict in self.shown:
            item = QTreeWidgetItem([f"{conflict.detected_at:%d %b %Y %H:%M}", conflict.where,
                                    conflict.record, conflict.partner, conflict.message])
            item.setData(0, ID_ROLE, conflict.id)
            item.setToolTip(MESSAGE, conflict.message)
            if conflict.reviewed:
                for column in range(len(COLUMNS)):
                    item.setForeground(column, qcolour("muted"))
                item.setText(MESSAGE, f"{conflict.message} (reviewed)")
            self.table.addTopLevelItem(item)
        waiting = sum(not c.reviewed for c in self.shown)
        self.summary.setText(f"{count(waiting, 'conflict')} to review." if waiting else NONE_LEFT)
        if self.shown:
            self.table.setCurrentItem(self.table.topLevelItem(0))
        self._selected()

    def selected_ids(self) -> list[str]:
        return [item.data(0, ID_ROLE) for item in self.table.selectedItems()]

    def mark_selected(self) -> None:
        waiting = {c.id for c in self.shown if not c.reviewed}
        ids = [i for i in self.selected_ids() if i in waiting]
        if not ids:
            return
        self.mark_button.setEnabled(False)
        Op(self, lambda: self.review.mark_reviewed(ids), changes_kind="sync") \
            .success(self._marked).failure(self._not_marked).run_in_background()

    def open_visit(self) -> None:
        chosen = self._chosen()
        if len(chosen) == 1 and chosen[0].visit_id:
            self.visit_to_open = chosen[0].visit_id
            self.accept()

    def _chosen(self) -> list[ConflictForReview]:
        by_id = {c.id: c for c in self.shown}
        return [by_id[i] for i in self.selected_ids() if i in by_id]

    def _marked(self, count: int) -> None:
        self.reload()
        self.reviewed.emit(count)

    def _not_marked(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.reload()

    def _selected(self) -> None:
        chosen = self._chosen()
        self.mark_button.setEnabled(any(not c.reviewed for c in chosen))
        self.open_button.setEnabled(len(chosen) == 1 and chosen[0].visit_id is not None)
        if len(chosen) == 1:
            self.details.setHtml(details_html(chosen[0]))
        elif chosen:
            self.details.setHtml(f"<p>{len(chosen)} conflicts selected.</p>")
        else:
            self.details.setHtml(f"<p>{escape(NONE_LEFT if not self.shown else '')}</p>")


def details_html(conflict: ConflictForReview) -> str:
    """One conflict: what, where, what happened, and the copies where they differ."""
    where = f" &mdash; {escape(conflict.where)}" if conflict.where else ""
    rows = "".join(
        f"<tr><td><b>{escape(d.field)}</b></td><td>{_cell(d.here)}</td>"
        f"<td>{_cell(d.arrived)}</td></tr>" for d in conflict.differences)
    tone = colours()
    return (f"<h3>{escape(conflict.record)}{where}</h3>"
            f"<p>{escape(conflict.message)}. {escape(conflict.kept)}<br>"
            f"From: {escape(conflict.partner)}. Found on {conflict.detected_at:%d %B %Y at %H:%M}."
            "</p>"
            "<table cellspacing='0' cellpadding='6' border='1' width='100%' "
            f"style='border-color:{tone.border}; border-collapse:collapse'>"
            f"<tr style='background:{tone.header}'><th align='left'>Field</th>"
            "<th align='left'>This store's copy</th>"
            "<th align='left'>The copy that arrived</th></tr>"
            f"{rows}</table>")


def _cell(text: str) -> str:
    return escape(text).replace("\n", "<br>")
