"""Signing in the app: the adviser signs a record on screen, types the passphrase once, and the
document saved or printed carries a PAdES signature a PDF reader trusts with the authority's
root alone. A wrong passphrase says so and changes nothing; Not now keeps the
fingerprint-only copy and says so; no certificate yet, no question, and the preview says why."""

from __future__ import annotations

import io

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from linkadviser.documents import verify_pdf
from linkadviser.signing import remembered, state
from linkadviser.signing.adviser import create_key, root_of
from linkadviser.signing.demo import DEMO_PASSPHRASE, enrol_demo_adviser
from linkadviser.signing.session import key_session
from linkadviser.signing.trusted import trust_of
from linkadviser.store.models import Meta, Signature, SignedVersion, Visit
from linkadviser.ui.signing import PreviewDialog
from tests.unit.documents import builders
from tests.unit.documents.pdfs import flat
from tests.unit.signing.enrol import PASSPHRASE
from tests.unit.signing.on_screen import sign_through_workspace

AUTHORITY = "Testshire County Council (demo)"


def _embedded(pdf: bytes) -> list:
    return list(PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures)


def _trusted_with_root_alone(store, pdf: bytes) -> bool:
    with store.session() as session:
        root = root_of(session)
    anchor = asn1_x509.Certificate.load(root.public_bytes(serialization.Encoding.DER))
    found = _embedded(pdf)
    assert len(found) == 1
    status = validate_pdf_signature(found[0], ValidationContext(trust_roots=[anchor]))
    return (status.bottom_line and status.trusted and status.intact
            and status.coverage == status.coverage.ENTIRE_FILE)


def _stored(store, visit_id: str) -> tuple:
    """What signing in the app must leave as it was: the signed record, the store's signing
    state and the key file."""
    with store.session() as session:
        visit = session.get(Visit, visit_id)
        return (visit.state, visit.signed_version, session.query(Signature).count(),
                session.query(SignedVersion).count(),
                sorted((m.key, m.value) for m in session.query(Meta)),
                state.key_path(store).read_bytes())


def _asked(qtbot, preview):
    qtbot.waitUntil(lambda: preview.asking is not None and preview.asking.isVisible(),
                    timeout=10_000)
    return preview.asking


def _type_and_unlock(qtbot, asking, text: str, wait_for) -> None:
    asking.field.setFocus()
    qtbot.keyClicks(asking.field, text)
    with qtbot.waitSignal(wait_for, timeout=10_000):
        qtbot.mouseClick(asking.unlock_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def demo_ready(services):
    """Visit 1, ready to sign, on a laptop enrolled as the demo's adviser is."""
    visit_id = builders.visit(services, 1)
    services.workflow.mark_ready(visit_id)
    enrol_demo_adviser(services.store, AUTHORITY)
    return visit_id


def test_signing_in_the_app_gives_a_pades_signed_record(qtbot, services, demo_ready,
                                                         monkeypatch, tmp_path):
    visit_id = demo_ready
    workspace, opened = sign_through_workspace(qtbot, services, visit_id, monkeypatch)
    preview = opened[0].preview
    asking = _asked(qtbot, preview)  # signing asks for the passphrase at once
    assert asking.field.echoMode() == asking.field.EchoMode.Password
    assert not asking.remember.isVisible()  # this laptop has no OS keyring
    before = _stored(services.store, visit_id)

    _type_and_unlock(qtbot, asking, "not the demo passphrase", asking.tried)
    assert "passphrase for your signing key is not right" in asking.message.text()
    assert "not the demo passphrase" not in asking.message.text()
    assert asking.isVisible() and asking.field.text() == ""  # ready for another try
    assert _stored(services.store, visit_id) == before
    assert key_session(services.store).unlocked() is None
    assert _embedded(preview.pdf) == []

    _type_and_unlock(qtbot, asking, DEMO_PASSPHRASE, preview.drawn)
    assert not asking.isVisible()
    assert _trusted_with_root_alone(services.store, preview.pdf)
    assert "Signed version 1. Digitally signed by Siân Llŷr" in preview.status.text()
    assert not preview.add_signature.isVisible()
    saved = tmp_path / preview.suggested_name()
    preview.save_to(saved)
    assert _trusted_with_root_alone(services.store, saved.read_bytes())
    verdict = verify_pdf(saved.read_bytes(), services.programme, services.store,
                         trust=trust_of(services.store))
    assert verdict.ok, verdict.lines
    assert _stored(services.store, visit_id) == before

    # Asked once a session: the next preview of the signed record is signed at once.
    workspace.preview_requested.emit(visit_id)
    again = opened[1].preview
    qtbot.waitUntil(lambda: bool(again.pdf), timeout=10_000)  # signed in the background
    assert again.asking is None
    assert _trusted_with_root_alone(services.store, again.pdf)


def test_not_now_keeps_the_fingerprint_only_copy_and_says_so(qtbot, services, demo_ready,
                                                             tmp_path):
    visit_id = demo_ready
    services.workflow.sign(visit_id, builders.signatures())
    dialog = PreviewDialog(services, visit_id)
    qtbot.addWidget(dialog)
    dialog.show()
    preview = dialog.preview
    asking = _asked(qtbot, preview)
    assert "demo" not in asking.findChild(QLabel).text()  # a real store: no passphrase hint
    with qtbot.waitSignal(preview.drawn):
        qtbot.mouseClick(asking.cancel_button, Qt.MouseButton.LeftButton)
    assert "Not digitally signed: the passphrase was not given" in preview.status.text()
    assert preview.add_signature.isVisible()
    assert _embedded(preview.pdf) == []
    assert "Not digitally signed: this copy carries the record's fingerprint only" in \
        flat(preview.pdf)
    saved = tmp_path / "copy.pdf"
    preview.save_to(saved)
    assert saved.read_bytes() == preview.pdf  # what is shown is what is saved

    services.store.set_meta("demo", "true")  # the demo tells a newcomer what to type
    qtbot.mouseClick(preview.add_signature, Qt.MouseButton.LeftButton)
    asking = _asked(qtbot, preview)
    assert f"In the demo, the passphrase is “{DEMO_PASSPHRASE}”" in \
        asking.findChild(QLabel).text()
    _type_and_unlock(qtbot, asking, DEMO_PASSPHRASE, preview.drawn)
    assert _trusted_with_root_alone(services.store, preview.pdf)
    assert not preview.add_signature.isVisible()


def test_without_a_certificate_nothing_is_asked_and_the_preview_says_why(qtbot, services):
    visit_id = builders.signed_visit(services, 1)
    dialog = PreviewDialog(services, visit_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(150)
    assert dialog.preview.asking is None and not dialog.preview.add_signature.isVisible()
    assert "this laptop has no signing key yet" in dialog.preview.status.text()

    create_key(services.store, PASSPHRASE)  # the request is on its way to the centre
    dialog.preview.refresh()
    assert "Not digitally signed yet: your certificate arrives with the centre's next file" \
        in dialog.preview.status.text()
    assert _embedded(dialog.preview.pdf) == []
    assert dialog.preview.wants_key() is False


def test_the_passphrase_remembered_in_the_os_keyring_is_not_asked_again(
        qtbot, services, demo_ready, os_keyring):
    visit_id = demo_ready
    services.workflow.sign(visit_id, builders.signatures())
    first = PreviewDialog(services, visit_id)
    qtbot.addWidget(first)
    first.show()
    asking = _asked(qtbot, first.preview)
    assert asking.remember.isVisible() and not asking.remember.isChecked()  # opt in only
    asking.remember.setChecked(True)
    _type_and_unlock(qtbot, asking, DEMO_PASSPHRASE, first.preview.drawn)
    assert list(os_keyring.kept.values()) == [DEMO_PASSPHRASE]
    assert [s for s, _user in os_keyring.kept] == [remembered.SERVICE]

    key_session(services.store).forget()  # as if the app had been closed and opened again
    second = PreviewDialog(services, visit_id)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.preview.drawn, timeout=10_000):
        second.show()
    assert second.preview.asking is None
    assert _trusted_with_root_alone(services.store, second.preview.pdf)


def test_a_remembered_passphrase_gone_wrong_is_dropped_and_asked(qtbot, services, demo_ready,
                                                                 os_keyring):
    visit_id = demo_ready
    services.workflow.sign(visit_id, builders.signatures())
    key = key_session(services.store).status().key_fingerprint
    os_keyring.set_password(remembered.SERVICE, key, "an old passphrase")
    dialog = PreviewDialog(services, visit_id)
    qtbot.addWidget(dialog)
    dialog.show()
    _asked(qtbot, dialog.preview)
    assert os_keyring.kept == {}


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_the_passphrase_dialog_fits_reads_and_is_named(qtbot, qapp, services, demo_ready,
                                                       os_keyring, palette, tmp_path):
    from PySide6.QtCore import QSize

    from linkadviser.ui import style
    from linkadviser.ui.screen_check import check
    from linkadviser.ui.signing.passphrase import PassphraseDialog

    before = qapp.palette()
    if palette == "dark":
        qapp.setPalette(style.dark_palette())
    style.apply_style(qapp, touch=False)
    try:
        asking = PassphraseDialog(key_session(services.store), "Unlock your signing key.")
        qtbot.addWidget(asking)
        asking.show()
        assert asking.remember.isVisible()  # a keyring here: the box is offered
        _type_and_unlock(qtbot, asking, "wrong", asking.tried)
        report = check(asking, "passphrase", QSize(1366, 768), str(tmp_path / f"{palette}.png"))
        assert not any(report.counts().values()), report.lines()
        assert asking.width() <= 1366 and asking.height() <= 768
    finally:
        qapp.setPalette(before)
        qapp.setStyleSheet("")


def test_the_latest_choice_wins_while_a_signed_copy_is_made(qtbot, services):
    from linkadviser.ui.ops import Op
    from linkadviser.ui.signing import DocumentPreview

    visit_id = builders.signed_visit(services, 3)  # a record and an annual report
    enrol_demo_adviser(services.store, AUTHORITY)
    key_session(services.store).unlock(DEMO_PASSPHRASE)
    preview = DocumentPreview(services, visit_id)
    qtbot.addWidget(preview)
    assert not preview.save_button.isEnabled()  # the signed record is being made
    assert preview.status.text() == "Adding your digital signature…"
    preview.kind.setCurrentIndex(1)  # the annual report, before the record is done
    qtbot.waitUntil(lambda: not Op._running, timeout=10_000)
    qtbot.wait(50)
    assert preview.save_button.isEnabled()
    assert "Annual report to governors" in flat(preview.pdf)
    assert _trusted_with_root_alone(services.store, preview.pdf)
