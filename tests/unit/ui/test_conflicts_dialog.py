"""The conflicts review: listed newest first, set out side by side, marked reviewed."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from linkadviser.errors import NotFoundError
from linkadviser.sync.review import ConflictForReview, Difference
from linkadviser.ui import conflicts_dialog
from linkadviser.ui.conflicts_dialog import ConflictsDialog

SHOTS = os.environ.get("LINKADVISER_SHOTS")  # a folder to save screenshots in, when asked


def conflict(n: int, **changes) -> ConflictForReview:
    made = ConflictForReview(
        id=f"c{n}", detected_at=datetime(2026, 11, 20, 9, n), partner="Adviser Ann Adviser",
        record="Action point", where=f"School {n}, visit 2, 2026/27",
        message="Changed in both places since the last exchange; the later edit was kept",
        kept="This store's copy was kept.", reviewed=False,
        differences=(Difference("Text", f"ours {n}", f"theirs {n}"),
                     Difference("Status", "done", "open"),
                     Difference("Last changed", "19 Nov 2026 10:00", "19 Nov 2026 11:00")))
    return replace(made, **changes)


class StubReview:
    def __init__(self, *conflicts: ConflictForReview) -> None:
        self.all = list(conflicts)
        self.marked: list[list[str]] = []
        self.refuse = False

    def conflicts(self, include_reviewed: bool = False) -> list[ConflictForReview]:
        return [c for c in self.all if include_reviewed or not c.reviewed]

    def mark_reviewed(self, ids) -> int:
        if self.refuse:
            raise NotFoundError("A conflict to mark reviewed is no longer in this store.")
        self.marked.append(list(ids))
        self.all = [replace(c, reviewed=True) if c.id in ids else c for c in self.all]
        return len(ids)


def open_dialog(qtbot, review: StubReview) -> ConflictsDialog:
    dialog = ConflictsDialog(review)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_first_conflict_is_shown_side_by_side(qtbot):
    dialog = open_dialog(qtbot, StubReview(conflict(1), conflict(2)))
    assert dialog.table.topLevelItemCount() == 2
    assert dialog.summary.text() == "2 conflicts to review."
    text = dialog.details.toPlainText()
    assert "Action point — School 1, visit 2, 2026/27" in text
    assert "ours 1" in text and "theirs 1" in text and "This store's copy was kept." in text
    assert dialog.mark_button.isEnabled()
    if SHOTS:
        dialog.resize(1000, 640)
        dialog.grab().save(os.path.join(SHOTS, "conflicts-dialog.png"))


def test_marking_one_reviewed_saves_it_and_lists_the_rest(qtbot):
    review = StubReview(conflict(1), conflict(2))
    dialog = open_dialog(qtbot, review)
    second = dialog.table.topLevelItem(1)
    rect = dialog.table.visualItemRect(second)
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert "ours 2" in dialog.details.toPlainText()
    with qtbot.waitSignal(dialog.reviewed, timeout=5000) as marked:
        qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    assert marked.args == [1] and review.marked == [["c2"]]
    assert dialog.table.topLevelItemCount() == 1
    assert dialog.summary.text() == "1 conflict to review."

    dialog.include_reviewed.setChecked(True)
    assert dialog.table.topLevelItemCount() == 2
    reviewed = next(dialog.table.topLevelItem(i) for i in range(2)
                    if dialog.table.topLevelItem(i).text(4).endswith("(reviewed)"))
    dialog.table.setCurrentItem(reviewed)
    assert not dialog.mark_button.isEnabled()  # already reviewed: nothing to mark


def test_with_none_left_it_says_so(qtbot):
    dialog = open_dialog(qtbot, StubReview(conflict(1, reviewed=True)))
    assert dialog.table.topLevelItemCount() == 0
    assert dialog.summary.text().startswith("No conflicts to review")
    assert not dialog.mark_button.isEnabled()


def test_a_refusal_is_shown_and_the_list_stays(qtbot, monkeypatch):
    review = StubReview(conflict(1))
    review.refuse = True
    shown = []
    monkeypatch.setattr(conflicts_dialog, "show_error", lambda _parent, exc: shown.append(exc))
    dialog = open_dialog(qtbot, review)
    qtbot.mouseClick(dialog.mark_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert isinstance(shown[0], NotFoundError)
    assert dialog.table.topLevelItemCount() == 1 and dialog.mark_button.isEnabled()


def test_open_the_visit_closes_the_review_naming_it(qtbot):
    dialog = open_dialog(qtbot, StubReview(conflict(1, visit_id="visit-1"), conflict(2)))
    assert dialog.open_button.isEnabled()  # the first, with a visit here, is selected
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.visit_to_open == "visit-1"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_open_the_visit_needs_one_conflict_whose_visit_is_here(qtbot):
    dialog = open_dialog(qtbot, StubReview(conflict(1, visit_id="visit-1"), conflict(2)))
    dialog.table.setCurrentItem(dialog.table.topLevelItem(1))  # its visit is not here
    assert not dialog.open_button.isEnabled()
    dialog.table.selectAll()
    assert not dialog.open_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.visit_to_open is None
