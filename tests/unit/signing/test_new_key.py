"""Making the signing key in the app: offered after signing on a laptop with no key, and from
File → Signing key…. Matching passphrases make the key, held for the session, whose
certificate request the next sync file carries; a short or mistyped passphrase, or Cancel,
makes nothing."""

from __future__ import annotations

import json
import zipfile

from PySide6.QtCore import Qt

from linkadviser.signing import state
from linkadviser.signing.exchange import MEMBER as TRUST_MEMBER
from linkadviser.signing.keys import fingerprint
from linkadviser.signing.session import key_session
from linkadviser.sync.export import export_adviser
from linkadviser.ui.signing import PreviewDialog
from linkadviser.ui.signing.new_key import NEXT, KeyStatusDialog, NewKeyDialog
from tests.unit.documents import builders
from tests.unit.signing.enrol import PASSPHRASE
from tests.unit.signing.on_screen import sign_through_workspace


def _offered(qtbot, preview) -> NewKeyDialog:
    qtbot.waitUntil(lambda: preview.making is not None and preview.making.isVisible(),
                    timeout=10_000)
    return preview.making


def _type(qtbot, dialog: NewKeyDialog, first: str, again: str, wait_for) -> None:
    qtbot.keyClicks(dialog.first, first)
    qtbot.keyClicks(dialog.again, again)
    with qtbot.waitSignal(wait_for, timeout=10_000):
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)


def _no_key(store) -> bool:
    return not state.key_path(store).exists() and not key_session(store).status().has_key


def test_after_signing_the_key_is_offered_made_held_and_its_request_synced(
        qtbot, services, tmp_path, monkeypatch):
    visit_id = builders.visit(services, 1)
    services.workflow.mark_ready(visit_id)
    _workspace, opened = sign_through_workspace(qtbot, services, visit_id, monkeypatch)
    dialog = opened[0]
    making = _offered(qtbot, dialog.preview)  # just signed, no key: offered at once
    assert dialog.preview.make_key.isVisible()
    with qtbot.waitSignal(dialog.preview.drawn, timeout=10_000):  # drawn again with the key
        _type(qtbot, making, PASSPHRASE, PASSPHRASE, making.created)

    keys = key_session(services.store)
    made = keys.status()
    assert made.has_key and made.request_waiting and made.certificate is None
    held = keys.unlocked()  # no second question: the session holds the key just made
    assert held is not None and fingerprint(held.key.public_key()) == made.key_fingerprint
    assert made.key_fingerprint in making.message.text() and NEXT in making.message.text()
    assert not making.first.isVisible() and making.done_button.isVisible()
    assert making.first.text() == making.again.text() == ""  # nothing kept in the fields

    path = tmp_path / "to-centre.zip"
    export_adviser(services.store, path)  # the adviser's next sync file
    with zipfile.ZipFile(path) as sync_file:
        trust = json.loads(sync_file.read(TRUST_MEMBER))
    with services.store.session() as session:
        assert trust["request"] == state.get(session, state.MY_REQUEST)
    assert "CERTIFICATE REQUEST" in trust["request"]

    status = dialog.preview.status.text()
    assert "Not digitally signed yet: your certificate arrives with the centre's next file" \
        in status
    assert not dialog.preview.make_key.isVisible()
    qtbot.mouseClick(making.done_button, Qt.MouseButton.LeftButton)
    assert not making.isVisible()


def test_mistyped_or_short_passphrases_say_so_and_make_nothing(qtbot, services):
    visit_id = builders.signed_visit(services, 1)
    dialog = PreviewDialog(services, visit_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.preview.make_key.isVisible, timeout=10_000)
    assert dialog.preview.making is None  # opened by hand (not just signed): not pressed on it
    qtbot.mouseClick(dialog.preview.make_key, Qt.MouseButton.LeftButton)
    making = _offered(qtbot, dialog.preview)

    _type(qtbot, making, PASSPHRASE, PASSPHRASE + "!", making.tried)
    assert "The two passphrases differ" in making.message.text()
    assert making.first.text() == making.again.text() == ""
    _type(qtbot, making, "short", "short", making.tried)
    assert "at least 8 characters" in making.message.text()
    assert making.isVisible() and making.make_button.isEnabled()
    assert _no_key(services.store)

    qtbot.mouseClick(making.cancel_button, Qt.MouseButton.LeftButton)
    assert not making.isVisible() and _no_key(services.store)
    assert key_session(services.store).unlocked() is None
    assert "this laptop has no signing key yet" in dialog.preview.status.text()


def test_file_signing_key_shows_the_status_and_makes_the_key(qtbot, services, os_keyring):
    keys = key_session(services.store)
    shown = KeyStatusDialog(keys)
    qtbot.addWidget(shown)
    shown.show()
    assert "No signing key on this laptop yet" in shown.lines.text()
    qtbot.mouseClick(shown.make_button, Qt.MouseButton.LeftButton)
    making = shown.making
    assert making is not None and making.isVisible()

    qtbot.mouseClick(making.cancel_button, Qt.MouseButton.LeftButton)  # Cancel: nothing
    assert _no_key(services.store) and shown.make_button.isVisible()

    qtbot.mouseClick(shown.make_button, Qt.MouseButton.LeftButton)
    making = shown.making
    assert making.remember.isVisible() and not making.remember.isChecked()  # opt in only
    making.remember.setChecked(True)
    _type(qtbot, making, PASSPHRASE, PASSPHRASE, making.created)
    made = keys.status().key_fingerprint
    assert list(os_keyring.kept.values()) == [PASSPHRASE]
    assert f"Signing key: {made}" in shown.lines.text()
    assert "Certificate requested" in shown.lines.text()
    assert not shown.make_button.isVisible()
