"""The school page's Ofsted report card: each area's grade in Ofsted's words, compactly.

Since November 2025 Ofsted grades a school area by area (Exceptional .. Urgent improvement;
safeguarding met or not met) instead of one overall grade. The card lists the areas with their
grades, and the latest ungraded inspection's outcome below; the grade under the previous
framework stays in "The school" card above it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from linkadviser.data.judgements import ReportCardView
from linkadviser.ui.workspace.parts import card, label

# Grades that ask the adviser's attention are shown in the flagged style of the page.
CONCERNS = frozenset({"Needs attention", "Urgent improvement", "Not met"})


class ReportCardPanel(QWidget):
    """A card filled in per school with ``show_card``; says plainly when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frame, layout = card()
        self.frame.setParent(self)
        outer = QGridLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.frame)
        self.title = label("Ofsted report card", "title_small")
        layout.addWidget(self.title)
        self.summary = label("", "caption")
        layout.addWidget(self.summary)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(12)
        self.grid.setColumnStretch(1, 1)
        layout.addLayout(self.grid)
        self.ungraded = label("", "caption")
        layout.addWidget(self.ungraded)
        self.setAccessibleName("Ofsted report card")

    def show_card(self, view: ReportCardView) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.setVisible(bool(view.areas or view.ungraded))  # nothing imported: no card
        when = view.inspected_on
        if view.areas:
            self.summary.setText(f"Inspected {when:%d %B %Y}" if when else "Inspection date "
                                 "not given")
        else:
            self.summary.setText("No report card yet: the school's latest grade is under the "
                                 "previous framework (see The school).")
        for row, area in enumerate(view.areas):
            name = label(area.area, "caption", wrap=False)
            grade = label(area.grade, "flag" if area.grade in CONCERNS else "body")
            grade.setAccessibleName(f"{area.area}: {area.grade}")
            if area.graded_on and area.graded_on != when:
                grade.setToolTip(f"Graded {area.graded_on:%d %B %Y}")
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(grade, row, 1)
        u = view.ungraded
        self.ungraded.setVisible(u is not None)
        if u is not None:
            on = f" ({u.graded_on:%d %B %Y})" if u.graded_on else ""
            self.ungraded.setText(f"Latest ungraded inspection{on}: {u.grade}")
