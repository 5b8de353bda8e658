"""The side panel: what the visits this one builds on recorded (from the programme's links)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from linkadviser.ui.workspace.parts import label
from linkadviser.visit_links import LinkedVisit


class LinkedPanel(QScrollArea):
    def __init__(self, linked: list[LinkedVisit]) -> None:
        super().__init__()
        self.setObjectName("linked_panel")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("side")
        column = QVBoxLayout(body)
        column.setContentsMargins(14, 16, 14, 16)
        column.addWidget(label("Linked visits", "title_small"))
        if not linked:
            column.addWidget(label("The programme links this visit to no other.", "muted"))
        for link in linked:
            column.addWidget(label(f"Visit {link.number}: {link.title}", "heading"))
            column.addWidget(label(link.why + (f" ({link.when})" if link.when else ""),
                                   "muted"))
            for part in link.parts:
                column.addWidget(label(part.title, "caption"))
                column.addWidget(label("\n".join(f"• {line}" for line in part.lines)))
            if link.note:
                column.addWidget(label(link.note, "muted"))
        column.addStretch(1)
        self.setWidget(body)
