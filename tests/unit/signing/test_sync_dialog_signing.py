"""The sync dialog signs an enrolled adviser's export, asking for the passphrase (hidden) in the
same dialog as signing a record, unless the key is unlocked already this session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from linkadviser.signing.session import key_session
from linkadviser.ui.sync_dialog import SyncDialog
from tests.unit.signing.enrol import PASSPHRASE, enrol


@pytest.fixture
def dialog(qtbot, store, central):
    enrol(central, store)
    made = SyncDialog(store)
    qtbot.addWidget(made)
    made.show()
    return made


def _asked(qtbot, dialog):
    qtbot.waitUntil(lambda: dialog.unlocker is not None and dialog.unlocker.asking is not None
                    and dialog.unlocker.asking.isVisible(), timeout=10_000)
    return dialog.unlocker.asking


def _type(qtbot, asking, text: str) -> None:
    qtbot.keyClicks(asking.field, text)
    with qtbot.waitSignal(asking.tried, timeout=10_000):
        qtbot.mouseClick(asking.unlock_button, Qt.MouseButton.LeftButton)


def test_the_export_is_signed_with_the_passphrase_typed(qtbot, dialog, tmp_path):
    dialog.start_export(tmp_path / "out.linkadviser")
    asking = _asked(qtbot, dialog)
    assert asking.unlock_button.text() == "&Unlock and export"
    _type(qtbot, asking, PASSPHRASE)
    qtbot.waitUntil(lambda: dialog.succeeded is not None, timeout=20_000)
    assert dialog.succeeded
    assert "signed." in dialog.report.toPlainText()
    assert PASSPHRASE not in dialog.report.toPlainText() + dialog.status.text()


def test_a_wrong_passphrase_writes_nothing_and_can_be_tried_again(qtbot, dialog, tmp_path):
    dialog.start_export(tmp_path / "out.linkadviser")
    asking = _asked(qtbot, dialog)
    _type(qtbot, asking, "not the passphrase")
    shown = asking.message.text()
    assert "not right" in shown and "not the passphrase" not in shown
    assert "Try again, or choose Cancel." in shown
    assert asking.isVisible() and not dialog.busy and dialog.succeeded is None
    assert not (tmp_path / "out.linkadviser").exists()
    qtbot.keyClicks(asking.field, PASSPHRASE)
    with qtbot.waitSignal(asking.tried, timeout=10_000):
        qtbot.keyClick(asking.field, Qt.Key.Key_Return)  # Enter unlocks, as the button does
    qtbot.waitUntil(lambda: dialog.succeeded is not None, timeout=20_000)
    assert dialog.succeeded and (tmp_path / "out.linkadviser").exists()


def test_cancelling_the_passphrase_starts_nothing(qtbot, dialog, tmp_path):
    dialog.start_export(tmp_path / "out.linkadviser")
    asking = _asked(qtbot, dialog)
    qtbot.mouseClick(asking.cancel_button, Qt.MouseButton.LeftButton)
    assert not asking.isVisible()
    assert not dialog.busy and dialog.succeeded is None
    assert not (tmp_path / "out.linkadviser").exists()


def test_a_key_unlocked_this_session_signs_the_export_without_asking(qtbot, dialog, store,
                                                                      tmp_path):
    key_session(store).unlock(PASSPHRASE)  # e.g. when a record was signed earlier
    dialog.start_export(tmp_path / "out.linkadviser")
    qtbot.waitUntil(lambda: dialog.succeeded is not None, timeout=20_000)
    assert dialog.unlocker.asking is None and dialog.succeeded
    assert "signed." in dialog.report.toPlainText()
