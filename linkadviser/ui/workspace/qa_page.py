"""The QA page: every criterion of the visit, what still blocks "ready to sign", and a way
straight to where each is fixed.

Rows are built once and only their status changes as the adviser works, so ticking a
confirmation never rebuilds the widget under the cursor.
"""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton

from linkadviser.ui.widgets.ticks import tick_box
from linkadviser.ui.workspace.context import PageContext
from linkadviser.ui.workspace.parts import Page, card, label
from linkadviser.visit.content import VisitContent
from linkadviser.visit.qa_rules import QAResult, qa_results

MET, UNMET = "✓", "✗"


class QAPage(Page):
    def __init__(self, ctx: PageContext, content: VisitContent) -> None:
        super().__init__("Quality assurance", "The record can be marked ready to sign only when "
                         "every criterion below is met.")
        self.ctx = ctx
        self.signed = content.state == "signed"
        self.ready = content.state == "ready_to_sign"
        results = qa_results(ctx.programme, content)
        confirmed = set(content.qa_confirmed)
        confirm_keys = {c.key for c in ctx.definition.qa_functions if c.rule == "confirm"}
        self.summary = self.add(label("", "heading"))
        self._rows: list[tuple[QLabel, QLabel, QPushButton]] = []
        for result in results:
            frame, layout = card()
            grid = QGridLayout()
            mark = QLabel()
            mark.setObjectName("qa_mark")
            grid.addWidget(mark, 0, 0)
            grid.addWidget(label(result.text), 0, 1)
            detail = label("", "muted")
            grid.addWidget(detail, 1, 1)
            go = QPushButton("Go to fix")
            go.setAccessibleName(f"Go to fix: {result.text}")
            go.setObjectName(f"go:{result.criterion_key}")
            go.clicked.connect(lambda _=False, b=go: ctx.go_to(b.property("target")))
            grid.addWidget(go, 0, 2)
            if result.criterion_key in confirm_keys:
                box = tick_box("Confirmed by the Link Adviser",
                               result.criterion_key in confirmed,
                               lambda on, key=result.criterion_key: (
                                   ctx.set_keyed("qa_confirmation", key, confirmed=on),
                                   ctx.saved()),
                               ctx.undo, ctx.report)
                box.setObjectName(f"confirm:{result.criterion_key}")
                grid.addWidget(box, 2, 1)
            grid.setColumnStretch(1, 1)
            layout.addLayout(grid)
            self.add(frame)
            self._rows.append((mark, detail, go))
        self.finish()
        self.refresh(results)

    def refresh(self, results: list[QAResult]) -> None:
        """Show which criteria are met now (results come in the same order as the rows)."""
        unmet = [r for r in results if not r.met]
        if self.signed:
            text = "Signed: the criteria as the record stands now."
        elif not unmet and self.ready:
            text = "Every criterion is met, and the record is ready to sign."
        elif not unmet:
            text = "Every criterion is met: the record can be marked ready to sign."
        else:
            text = f"{len(unmet)} of {len(results)} criteria still block “ready to sign”."
        self.summary.setText(text)
        for (mark, detail, go), result in zip(self._rows, results, strict=True):
            mark.setText(MET if result.met else UNMET)
            mark.setProperty("met", result.met)
            mark.style().unpolish(mark)
            mark.style().polish(mark)
            detail.setText("" if result.met else result.detail[:1].upper() + result.detail[1:])
            detail.setVisible(not result.met)
            go.setVisible(not result.met and result.target != "qa")
            go.setProperty("target", result.target)
