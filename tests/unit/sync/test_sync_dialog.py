"""The sync dialog runs imports and exports off the UI thread and reports what happened."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from linkadviser.store.models import Visit
from linkadviser.sync.export import export_adviser, export_central
from linkadviser.sync.importer import import_file
from linkadviser.ui.conflicts_dialog import ConflictsDialog
from linkadviser.ui.sync_dialog import SyncDialog
from tests.unit.sync.sync_helpers import add_visit, dump

SHOTS = os.environ.get("LINKADVISER_SHOTS")  # a folder to save screenshots in, when asked


def run(qtbot, dialog, start, *args):
    seen = []
    dialog.bar.valueChanged.connect(seen.append)
    start(*args)
    assert dialog.busy and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.succeeded is not None, timeout=20_000)
    assert not dialog.busy and dialog.import_button.isEnabled()
    return seen


def test_import_then_export_with_progress(qtbot, central, adviser_store, tmp_path):
    centre, ids = central
    export_central(centre, tmp_path / "to-ann.linkadviser", "ann@example.org")
    dialog = SyncDialog(adviser_store)
    qtbot.addWidget(dialog)
    dialog.show()

    seen = run(qtbot, dialog, dialog.start_import, tmp_path / "to-ann.linkadviser")
    assert dialog.succeeded and dialog.bar.value() == 100
    assert len(set(seen)) > 3  # the bar moved through the stages, not just 0 then 100
    assert "Imported to-ann.linkadviser" in dialog.status.text() or "Imported" in \
        dialog.report.toPlainText()
    assert "schools: 2 added" in dialog.report.toPlainText()

    add_visit(adviser_store, ids["s1"], 1, "from the dialog")
    run(qtbot, dialog, dialog.start_export, tmp_path / "out.linkadviser")
    assert dialog.succeeded and "visits: 1" in dialog.report.toPlainText()
    assert (tmp_path / "out.linkadviser").exists()
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "sync-dialog-export.png"))


def test_a_refused_file_is_explained_and_changes_nothing(qtbot, adviser_store, tmp_path):
    bad = tmp_path / "bad.linkadviser"
    bad.write_bytes(b"not a sync file")
    before = dump(adviser_store)
    dialog = SyncDialog(adviser_store)
    qtbot.addWidget(dialog)
    run(qtbot, dialog, dialog.start_import, bad)
    assert dialog.succeeded is False
    assert "Nothing was changed" in dialog.status.text()
    assert "refused" in dialog.report.toPlainText()
    assert dump(adviser_store) == before
    if SHOTS:
        dialog.grab().save(os.path.join(SHOTS, "sync-dialog-refused.png"))


def test_conflicts_from_an_import_are_counted_and_reviewed(qtbot, central, adviser_store,
                                                           tmp_path, monkeypatch):
    centre, ids = central
    export_central(centre, tmp_path / "to-ann.linkadviser", "ann@example.org")
    import_file(adviser_store, tmp_path / "to-ann.linkadviser")
    visit = add_visit(adviser_store, ids["s1"], 1, "first")
    export_adviser(adviser_store, tmp_path / "to-centre.linkadviser")
    import_file(centre, tmp_path / "to-centre.linkadviser")
    for store, state in ((centre, "prepared"), (adviser_store, "ready_to_sign")):
        with store.transaction() as s:  # both change the visit before the next exchange
            s.get(Visit, visit).state = state
    export_central(centre, tmp_path / "again.linkadviser", "ann@example.org")

    dialog = SyncDialog(adviser_store)
    qtbot.addWidget(dialog)
    assert dialog.review_button.text() == "Review conflicts…"
    seen = []
    dialog.start_import(tmp_path / "again.linkadviser")
    seen.append(dialog.review_button.isEnabled())  # not while the import runs
    qtbot.waitUntil(lambda: dialog.succeeded is not None, timeout=20_000)
    assert seen == [False] and dialog.review_button.isEnabled()
    assert "1 conflict, kept for review" in dialog.report.toPlainText()
    assert dialog.review_button.text() == "Review conflicts (1)…"
    assert "1 conflict waits for review" in dialog.status.text()

    opened = []

    def review_and_close(shown):  # the review dialog, as the adviser would use it
        opened.append([c.record for c in shown.shown])
        shown.table.selectAll()
        with qtbot.waitSignal(shown.reviewed, timeout=5000):
            qtbot.mouseClick(shown.mark_button, Qt.MouseButton.LeftButton)
        return 0

    monkeypatch.setattr(ConflictsDialog, "exec", review_and_close)
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    assert opened == [["Visit"]]
    assert dialog.review_button.text() == "Review conflicts…"


def test_opening_a_conflicts_visit_closes_the_sync_dialog_naming_it(qtbot, adviser_store,
                                                                    monkeypatch):
    dialog = SyncDialog(adviser_store)
    qtbot.addWidget(dialog)
    dialog.show()

    def choose_a_visit(review):
        review.visit_to_open = "visit-1"
        return 1

    monkeypatch.setattr(ConflictsDialog, "exec", choose_a_visit)
    qtbot.mouseClick(dialog.review_button, Qt.MouseButton.LeftButton)
    assert dialog.visit_to_open == "visit-1" and not dialog.isVisible()
