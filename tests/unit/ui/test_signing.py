"""The signature pad, the sign dialog and the document preview, driven without modal dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from linkadviser.documents import verify_pdf
from linkadviser.services import Services
from linkadviser.store.models import Signature, Visit
from linkadviser.ui.signing import DocumentPreview, SignaturePad, SignDialog
from tests.unit.documents import builders
from tests.unit.documents.pdfs import flat, reader


@pytest.fixture
def services(store, programme):
    return Services(store, programme, today=lambda: builders.TODAY)


def _mouse(pad, kind, x, y, buttons=Qt.MouseButton.LeftButton):
    point = QPointF(x, y)
    event = QMouseEvent(kind, point, pad.mapToGlobal(point), Qt.MouseButton.LeftButton,
                        buttons, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(pad, event)


def _sign_with_mouse(pad):
    _mouse(pad, QEvent.Type.MouseButtonPress, 20, 80)
    for x in range(25, 300, 15):
        _mouse(pad, QEvent.Type.MouseMove, x, 60 + (x % 40))
    _mouse(pad, QEvent.Type.MouseButtonRelease, 300, 70, Qt.MouseButton.NoButton)


def _ink_pixels(png: bytes) -> int:
    image = QImage.fromData(png, "PNG")
    return sum(1 for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)
               if image.pixelColor(x, y).alpha() > 0)


def test_pad_takes_mouse_pen_and_touch_and_clears(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 130)
    assert pad.is_empty() and pad.to_png() == b""
    with qtbot.waitSignal(pad.changed):
        _sign_with_mouse(pad)
    png = pad.to_png()
    assert png.startswith(b"\x89PNG") and _ink_pixels(png) > 20

    pad.clear()
    assert pad.is_empty()
    pen = QPointingDevice.primaryPointingDevice()
    for kind, x in ((QEvent.Type.TabletPress, 30), (QEvent.Type.TabletMove, 200),
                    (QEvent.Type.TabletRelease, 200)):
        point = QPointF(x, 60)
        QApplication.sendEvent(pad, QTabletEvent(
            kind, pen, point, pad.mapToGlobal(point), 0.5, 0, 0, 0, 0, 0,
            Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton))
    assert not pad.is_empty()

    pad.clear()
    pad.show()
    qtbot.waitExposed(pad)
    touch = QTest.createTouchDevice()
    QTest.touchEvent(pad, touch).press(0, QPoint(40, 50)).commit()
    QTest.touchEvent(pad, touch).move(0, QPoint(220, 90)).commit()
    QTest.touchEvent(pad, touch).release(0, QPoint(220, 90)).commit()
    assert not pad.is_empty()
    assert _ink_pixels(pad.to_png()) > 10


def _sign_all(dialog) -> None:
    for box in (dialog.adviser, *dialog.school_signers):
        box.pad.add_stroke([(20, 80), (120, 30), (260, 90)])


def test_sign_dialog_signs_a_ready_visit_with_every_signature_the_programme_asks(qtbot,
                                                                                 services):
    visit_id = builders.visit(services, 1)
    services.workflow.mark_ready(visit_id)
    dialog = SignDialog(services, visit_id)
    qtbot.addWidget(dialog)
    assert dialog.adviser.name.text() == "Siân Llŷr"
    # Visit 1's record is signed by the headteacher and the chair of governors.
    assert [b.role.currentText() for b in dialog.school_signers] == [
        "Headteacher", "Chair of governors"]
    assert [b.name.text() for b in dialog.school_signers] == ["Ann Head", "Bob Chair"]
    assert not dialog.sign_button.isEnabled()
    assert "signature" in dialog.status.text()
    dialog.adviser.pad.add_stroke([(20, 80), (120, 30), (260, 90)])
    dialog.school.pad.add_stroke([(30, 60), (200, 95)])
    assert not dialog.sign_button.isEnabled()
    assert "Chair of governors: signature" in dialog.status.text()
    dialog.school_signers[1].pad.add_stroke([(30, 60), (200, 95)])
    assert dialog.sign_button.isEnabled()
    with qtbot.waitSignal(dialog.signed) as blocker:
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    with services.store.session() as session:
        assert session.get(Visit, visit_id).state == "signed"
        rows = session.query(Signature).all()
        assert {(s.role, s.name) for s in rows} == {("Link Adviser", "Siân Llŷr"),
                                                    ("Headteacher", "Ann Head"),
                                                    ("Chair of governors", "Bob Chair")}
        assert all(s.image_png.startswith(b"\x89PNG") for s in rows)
    fingerprint = blocker.args[0]
    preview = DocumentPreview(services, visit_id)
    qtbot.addWidget(preview)
    assert fingerprint in preview.status.text()
    assert "Bob Chair" in flat(preview.pdf) and "Chair of governors" in flat(preview.pdf)


def test_a_visit_not_ready_cannot_be_signed_but_previews_as_draft(qtbot, services):
    school = builders.add_school(services)
    visit_id = services.workflow.ensure_visit(school, 1, 2026)
    services.workflow.start(visit_id)
    dialog = SignDialog(services, visit_id)
    qtbot.addWidget(dialog)
    dialog.adviser.name.setText("Siân Llŷr")
    _sign_all(dialog)
    assert not dialog.sign_button.isEnabled()
    assert "cannot be signed yet" in dialog.status.text()
    assert "Still to do" in dialog.status.text()
    assert dialog.sign() is False  # even if forced, the workflow refuses and says why
    assert dialog.status.text()
    preview = DocumentPreview(services, visit_id)
    qtbot.addWidget(preview)
    assert "DRAFT" in preview.status.text()
    assert all("DRAFT" in (p.extract_text() or "") for p in reader(preview.pdf).pages)


def test_preview_shows_saves_and_prints_the_same_document(qtbot, services, tmp_path):
    visit_id = builders.signed_visit(services, 3)
    preview = DocumentPreview(services, visit_id)
    qtbot.addWidget(preview)
    assert [preview.kind.itemData(i) for i in range(preview.kind.count())] == \
        ["record_of_visit", "annual_report", "preparation_sheet"]
    qtbot.waitUntil(lambda: preview.page_count() > 0)
    assert preview.page_count() == len(reader(preview.pdf).pages)
    preview.kind.setCurrentIndex(1)
    assert "Annual report to governors" in flat(preview.pdf)
    assert preview.suggested_name() == \
        "Ysgol Gŵyr High School - Annual report to governors - visit 3 v1.pdf"

    saved = tmp_path / preview.suggested_name()
    preview.save_to(saved)
    assert verify_pdf(saved.read_bytes(), services.programme, services.store).ok

    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    qtbot.waitUntil(lambda: preview.page_count() > 0)
    assert preview.print_to(printer) == preview.page_count()
    assert len(reader(printed.read_bytes()).pages) == preview.page_count()


def test_preview_of_a_confidential_visit_offers_no_record(qtbot, services):
    visit_id = builders.visit(services, 4)
    preview = DocumentPreview(services, visit_id)
    qtbot.addWidget(preview)
    kinds = [preview.kind.itemData(i) for i in range(preview.kind.count())]
    assert kinds == ["governor_feedback_form", "preparation_sheet"]
    assert "CONFIDENTIAL TO THE GOVERNING BODY" in flat(preview.pdf)


def test_attach_wires_the_workspace_sign_and_preview(qtbot, services, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from linkadviser.ui.signing import attach, hookup
    from linkadviser.ui.workspace import VisitWorkspace

    visit_id = builders.visit(services, 1)
    services.workflow.mark_ready(visit_id)
    workspace = VisitWorkspace(services, visit_id)
    qtbot.addWidget(workspace)
    previews = []

    def sign_on_screen(dialog):
        _sign_all(dialog)
        assert dialog.sign()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(hookup.SignDialog, "exec", sign_on_screen)
    monkeypatch.setattr(hookup.PreviewDialog, "exec",
                        lambda dialog: previews.append(dialog.preview.status.text()) or 0)
    attach(workspace, services)
    workspace.sign_requested.emit(visit_id)
    with services.store.session() as session:
        assert session.get(Visit, visit_id).state == "signed"
    assert workspace.read_only
    assert previews and previews[0].startswith("Signed version 1")  # ready to hand over
    workspace.preview_requested.emit(visit_id)
    assert len(previews) == 2


def test_someone_who_cannot_draw_signs_by_typing_with_the_keyboard(qtbot, services):
    visit_id = builders.visit(services, 1)
    services.workflow.mark_ready(visit_id)
    dialog = SignDialog(services, visit_id)
    qtbot.addWidget(dialog)
    dialog.show()
    signers = (dialog.adviser, *dialog.school_signers)  # visit 1: headteacher and chair
    for box in signers:
        box.type_instead.setFocus()
        qtbot.keyClick(box.type_instead, Qt.Key.Key_Space)  # ticks it, from the keyboard
        assert box.type_instead.isChecked() and box.typed.isVisible()
        assert not box.pad.isVisible()
        assert box.typed.text() == box.name.text()  # starts from the printed name
    assert not dialog.sign_button.isEnabled()
    assert "confirmation of the typed signature" in dialog.status.text()
    dialog.school.typed.clear()
    qtbot.keyClicks(dialog.school.typed, "A. Head")
    for box in signers:
        box.confirm.setFocus()
        qtbot.keyClick(box.confirm, Qt.Key.Key_Space)
    assert dialog.sign_button.isEnabled(), dialog.status.text()
    dialog.sign_button.setFocus()
    with qtbot.waitSignal(dialog.signed):
        qtbot.keyClick(dialog.sign_button, Qt.Key.Key_Space)
    with services.store.session() as session:
        assert {s.name for s in session.query(Signature).all()} == {"Siân Llŷr", "Ann Head",
                                                                    "Bob Chair"}
    preview = DocumentPreview(services, visit_id)
    qtbot.addWidget(preview)
    text = flat(preview.pdf)
    assert "A. Head" in text and "Siân Llŷr" in text  # the names as typed, in words
    assert text.count("Typed signature, confirmed on screen") == 3
