"""Editing a visit's list records (attendees, questions, targets, objectives, action points,
documents requested) with one widget driven by a description of their fields.

Each record is a card: its short fields in a row with captions above, its long texts below,
and a Remove button that asks first (nothing is deleted without a confirmed action). Every
field saves itself as it is edited.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QGridLayout,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from linkadviser.ui.widgets.autosave import flush_all, retire_all
from linkadviser.ui.widgets.fields import (
    choice_field,
    format_date,
    format_number,
    line_field,
    parse_date,
    parse_number,
    text_area,
)
from linkadviser.ui.widgets.ticks import tick_box
from linkadviser.ui.workspace.context import PageContext
from linkadviser.ui.workspace.parts import card, edit_button, label, left_aligned, reveal


@dataclass(frozen=True)
class FieldSpec:
    name: str
    caption: str
    kind: str = "line"  # line, wide (a line of its own), text, number, date, choice, ...
    choices: tuple[str, ...] = ()
    placeholder: str = ""
    stretch: int = 1


@dataclass(frozen=True)
class RecordSpec:
    kind: str  # the VisitEditor list kind
    noun: str  # "target", "action point"...
    fields: list[FieldSpec]
    defaults: dict[str, Any] = field(default_factory=dict)
    text_first: bool = False  # the long text is what the record is (an action, a question)


ROLES = ("Headteacher", "Chair of governors", "Nominated governor", "Governor",
         "Deputy headteacher", "Senior leader", "Other")
PUPIL_GROUPS = ("All pupils", "FSM", "SEN", "Disadvantaged", "Boys", "Girls", "EAL")

SPECS: dict[str, RecordSpec] = {
    "attendee": RecordSpec("attendee", "attendee", [
        FieldSpec("name", "Name", stretch=3), FieldSpec("role", "Role", "choice", ROLES, stretch=2),
    ], {"name": "", "role": ""}),
    "question": RecordSpec("question", "question", [
        FieldSpec("dismissed", "Dismissed", "bool"),
        FieldSpec("text", "Question or hypothesis to test", "text"),
        FieldSpec("evidence", "Evidence behind it", "text"),
        FieldSpec("answer", "What the visit found", "text"),
    ], {"text": ""}, text_first=True),
    "document_request": RecordSpec("document_request", "document request", [
        FieldSpec("title", "Document", stretch=4),
        FieldSpec("due_date", "Due by", "date", placeholder="dd/mm/yyyy", stretch=2),
        FieldSpec("received", "Received", "bool"),
    ], {"title": ""}),
    "target": RecordSpec("target", "target", [
        FieldSpec("measure", "Measure", "wide",
                  placeholder="e.g. % achieving grade 5+ in English and mathematics"),
        FieldSpec("pupil_group", "Pupil group", "choice", PUPIL_GROUPS, stretch=2),
        FieldSpec("baseline", "Baseline", "number", stretch=1),
        FieldSpec("target", "Target", "number", stretch=1),
        FieldSpec("unit", "Unit", stretch=1),
        FieldSpec("outcome", "Outcome", "number", stretch=1),
        FieldSpec("agreed", "Agreed", "bool"),
        FieldSpec("reasoning", "Why this target (estimates, rationale)", "text"),
    ], {"measure": ""}),
    "objective": RecordSpec("objective", "objective", [
        FieldSpec("text", "Objective (specific, measurable, achievable, relevant, timed)", "text"),
        FieldSpec("success_criteria", "Success criteria", "text"),
        FieldSpec("monitoring", "How appointed governors will monitor and support it", "text"),
    ], {"text": ""}, text_first=True),
    "action_point": RecordSpec("action_point", "action point", [
        FieldSpec("text", "Action agreed", "text"),
        FieldSpec("owner", "Owner", stretch=3),
        FieldSpec("due_date", "Due by", "date", placeholder="dd/mm/yyyy", stretch=2),
        FieldSpec("status", "Status", "fixed_choice", ("open", "done", "dropped"), stretch=2),
    ], {"text": ""}, text_first=True),
}

_CONVERT = {"number": (format_number, parse_number), "date": (format_date, parse_date)}


class RecordList(QWidget):
    """Every record of one kind in the visit, with Add and Remove."""

    def __init__(self, ctx: PageContext, spec: RecordSpec) -> None:
        super().__init__()
        self.ctx, self.spec = ctx, spec
        self.setObjectName(f"records:{spec.kind}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._cards = QVBoxLayout()
        layout.addLayout(self._cards)
        for record in ctx.records.list(ctx.visit_id, spec.kind):
            self._cards.addWidget(self._card(record))
        self.add_button = edit_button(f"Add {spec.noun}")
        self.add_button.clicked.connect(lambda: self.add_record())
        layout.addWidget(left_aligned(self.add_button))

    def add_record(self, **fields: Any) -> QWidget | None:
        """Add a record (blank unless ``fields`` say otherwise) and put the cursor in it."""
        values = {**self.spec.defaults, **fields}
        ok, record_id = self.ctx.call(
            lambda: self.ctx.services.visits.add(self.ctx.visit_id, self.spec.kind, **values))
        if not ok:
            return None
        widget = self._card(self.ctx.records.get(self.spec.kind, record_id))
        self._cards.addWidget(widget)
        widget.show()
        self.ctx.adopt(widget)
        first = widget.property("first_field")
        if first is not None:
            reveal(widget.findChild(QWidget, first))
        return widget

    def cards(self) -> list[QWidget]:
        return [self._cards.itemAt(i).widget() for i in range(self._cards.count())]

    def _save(self, record_id: str, name: str) -> Any:
        return lambda value: self.ctx.services.visits.update(
            self.spec.kind, record_id, **{name: value})

    def _field(self, record: dict[str, Any], spec: FieldSpec) -> QWidget:
        value = record.get(spec.name)
        save = self._save(record["id"], spec.name)
        if spec.kind == "text":
            widget: QWidget = text_area(value or "", save, spec.placeholder, min_lines=2)
        elif spec.kind in _CONVERT:
            show, parse = _CONVERT[spec.kind]
            widget = line_field(show(value), save, spec.placeholder, parse)
        elif spec.kind in ("choice", "fixed_choice"):
            widget = choice_field(value or "", list(spec.choices), save,
                                  editable=spec.kind == "choice")
        elif spec.kind == "bool":
            widget = tick_box(spec.caption, bool(value), self._tick(save), self.ctx.undo,
                              self.ctx.report)
        else:
            widget = line_field(value or "", save, spec.placeholder)
        widget.setObjectName(f"{self.spec.kind}.{spec.name}")
        widget.setAccessibleName(spec.caption)
        return widget

    def _tick(self, save: Any) -> Any:
        def saved(on: bool) -> None:
            save(on)
            self.ctx.saved()
        return saved

    def _card(self, record: dict[str, Any]) -> QWidget:
        frame, layout = card()
        frame.setProperty("record_id", record["id"])
        short = [f for f in self.spec.fields if f.kind not in ("text", "wide")]
        texts = [f for f in self.spec.fields if f.kind == "text"]
        if self.spec.text_first:
            self._texts(layout, record, texts)
        self._texts(layout, record, [f for f in self.spec.fields if f.kind == "wide"])
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for column, spec in enumerate(short):
            if spec.kind != "bool":
                grid.addWidget(label(spec.caption, "caption", wrap=False), 0, column)
            grid.addWidget(self._field(record, spec), 1, column)
            grid.setColumnStretch(column, spec.stretch if spec.kind != "bool" else 0)
        if all(spec.kind == "bool" for spec in short):
            grid.setColumnStretch(len(short), 1)  # nothing to widen: keep Remove at the right
        remove = edit_button("Remove")
        remove.setObjectName("remove")
        remove.setAccessibleName(f"Remove this {self.spec.noun}")
        remove.clicked.connect(lambda: self._remove(frame, record["id"]))
        grid.addWidget(remove, 1, len(short) + 1)
        layout.addLayout(grid)
        if not self.spec.text_first:
            self._texts(layout, record, texts)
        if record.get("source") not in (None, "", "adviser"):
            # Where it came from, in words: the rule's key means nothing to the adviser.
            layout.addWidget(label("Suggested from the school's data", "muted"))
        order = [f for f in self.spec.fields if (f.kind in ("text", "wide"))
                 == (self.spec.text_first or f.kind == "wide")]
        first = next((f for f in order + self.spec.fields if f.kind != "bool"), None)
        if first is not None:
            frame.setProperty("first_field", f"{self.spec.kind}.{first.name}")
        return frame

    def _texts(self, layout: QVBoxLayout, record: dict[str, Any], texts: list[FieldSpec]
               ) -> None:
        for spec in texts:
            layout.addWidget(label(spec.caption, "caption"))
            layout.addWidget(self._field(record, spec))

    def _remove(self, frame: QWidget, record_id: str) -> None:
        answer = QMessageBox.question(
            self, f"Remove {self.spec.noun}",
            f"Remove this {self.spec.noun} from the visit? Edit → Undo (Ctrl+Z) puts it back.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.ctx.undo.push(RemoveCommand(self, record_id))

    def take_out(self, record_id: str) -> tuple[int, dict[str, Any]] | None:
        """Remove the record from the visit and its card from the list; returns where it was
        and what it held (for Undo), or None if the removal was refused."""
        frame = next((c for c in self.cards() if c.property("record_id") == record_id), None)
        if frame is not None:
            flush_all(frame)  # an edit typed just before is saved with what Undo restores
        ok, held = self.ctx.call(lambda: self.ctx.services.visits.remove(self.spec.kind,
                                                                         record_id))
        if not ok or frame is None:
            return None
        retire_all(frame)
        index = self._cards.indexOf(frame)
        self._cards.removeWidget(frame)
        frame.hide()
        frame.deleteLater()
        return index, held

    def put_back(self, index: int, held: dict[str, Any]) -> None:
        """Undo a removal: the same record, its card where it was."""
        ok, _ = self.ctx.call(lambda: self.ctx.services.visits.restore(self.spec.kind, held))
        if not ok:
            return
        widget = self._card(self.ctx.records.get(self.spec.kind, held["id"]))
        self._cards.insertWidget(index, widget)
        widget.show()
        self.ctx.adopt(widget)


class RemoveCommand(QUndoCommand):
    """Removing a record, on the visit's undo stack: Undo puts the same record back."""

    def __init__(self, records: RecordList, record_id: str) -> None:
        super().__init__(f"Remove {records.spec.noun}")
        self._records, self._record_id = records, record_id
        self._held: tuple[int, dict[str, Any]] | None = None

    def redo(self) -> None:
        self._held = self._records.take_out(self._record_id)
        if self._held is None:
            self.setObsolete(True)  # refused (e.g. signed meanwhile): nothing to undo

    def undo(self) -> None:
        if self._held is not None:
            self._records.put_back(*self._held)
