"""The sync dialog signs an enrolled adviser's export, asking for the passphrase (hidden)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from linkadviser.ui.sync_dialog import SyncDialog
from tests.unit.signing.enrol import PASSPHRASE, enrol


@pytest.fixture
def dialog(qtbot, store, central):
    enrol(central, store)
    made = SyncDialog(store)
    qtbot.addWidget(made)
    made.show()
    return made


def _typing(monkeypatch, text: str | None) -> list[str]:
    asked = []

    def answer(_parent, _title, label, _echo):
        asked.append(label)
        return (text or "", text is not None)

    monkeypatch.setattr(QInputDialog, "getText", answer)
    return asked


def test_the_export_is_signed_with_the_passphrase_typed(qtbot, dialog, monkeypatch, tmp_path):
    asked = _typing(monkeypatch, PASSPHRASE)
    dialog.start_export(tmp_path / "out.linkadviser")
    qtbot.waitUntil(lambda: dialog.succeeded is not None, timeout=20_000)
    assert asked and dialog.succeeded
    assert "signed." in dialog.report.toPlainText()
    assert PASSPHRASE not in dialog.report.toPlainText() + dialog.status.text()


def test_a_wrong_passphrase_writes_nothing(qtbot, dialog, monkeypatch, tmp_path):
    _typing(monkeypatch, "not the passphrase")
    dialog.start_export(tmp_path / "out.linkadviser")
    qtbot.waitUntil(lambda: dialog.succeeded is not None, timeout=20_000)
    assert dialog.succeeded is False
    shown = dialog.report.toPlainText() + dialog.status.text()
    assert "not right" in shown and "not the passphrase" not in shown
    assert not (tmp_path / "out.linkadviser").exists()


def test_cancelling_the_passphrase_starts_nothing(dialog, monkeypatch, tmp_path):
    _typing(monkeypatch, None)
    dialog.start_export(tmp_path / "out.linkadviser")
    assert not dialog.busy and dialog.succeeded is None


def test_a_key_unlocked_this_session_signs_the_export_without_asking(qtbot, dialog, store,
                                                                      monkeypatch, tmp_path):
    from linkadviser.signing.session import key_session

    key_session(store).unlock(PASSPHRASE)  # e.g. when a record was signed earlier
    asked = _typing(monkeypatch, None)
    dialog.start_export(tmp_path / "out.linkadviser")
    qtbot.waitUntil(lambda: dialog.succeeded is not None, timeout=20_000)
    assert not asked and dialog.succeeded
    assert "signed." in dialog.report.toPlainText()
