"""The first window: the caseload on real data, search, and the empty state."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from linkadviser.services import Services
from linkadviser.ui.caseload_view import CaseloadView
from linkadviser.ui.main_window import MainWindow
from tests.factories import make_school
from tests.unit.ui.workspace_driver import answer


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: date(2026, 11, 26))


def test_empty_store_offers_the_demo(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.empty
    assert window.empty.demo_button.isVisible()


def test_caseload_lists_schools_and_filters(qtbot, services):
    make_school(services.store, name="Oakhurst Academy", urn=990500, ofsted_grade=3)
    make_school(services.store, name="Langmere Primary School", urn=990611, phase="Primary")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    view = window.caseload
    assert window.pages.currentWidget() is view
    assert view.proxy.rowCount() == 2
    assert "2 schools" in view.summary.text() and "Autumn 2026/27" in view.title.text()
    first = view.proxy.index(0, 0)
    assert first.data() == "Langmere Primary School"
    assert view.proxy.index(1, 3).data() == "Requires improvement"
    assert view.proxy.index(0, 5).data() == "Due this term"
    qtbot.keyClicks(view.search, "oak")
    assert view.proxy.rowCount() == 1
    assert view.proxy.index(0, 0).data() == "Oakhurst Academy"
    view.search.clear()
    qtbot.keyClicks(view.search, "99061")
    assert view.proxy.index(0, 1).data() == "990611"


def test_opening_a_school_emits_its_id(qtbot, services):
    school_id = make_school(services.store, name="Caldor Junior School")
    view = CaseloadView(services)
    qtbot.addWidget(view)
    view.table.selectRow(0)
    with qtbot.waitSignal(view.school_activated) as signal:
        qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert signal.args == [school_id]


@pytest.fixture
def demo_services(store, programme, demo_copy):
    today = date(2026, 11, 26)
    demo_copy(store, programme, today)
    return Services(store, programme, lambda: today)


def test_window_on_the_demo_caseload_opens_a_school_and_starts_its_next_visit(
        qtbot, demo_services):
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    view = window.caseload
    assert window.pages.currentWidget() is view
    assert window.banner.isVisible() and "invented" in window.banner.text()
    assert view.proxy.rowCount() == 42

    view.filter.setCurrentText("Visit due this term")
    due = view.proxy.rowCount()
    assert 0 < due <= 42
    row = next(r for r in view.model.rows
               if r.next_visit and r.next_visit.state == "Not started")
    view.search.setText(str(row.urn))
    view.filter.setCurrentText("All schools")
    assert view.proxy.rowCount() == 1
    view.table.selectRow(0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.school_view

    window.home_action.trigger()
    assert window.pages.currentWidget() is view
    view.table.selectRow(0)
    answer(qtbot, "Start the visit")  # starting a visit asks first
    qtbot.mouseClick(view.start_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.workspace
    visits = demo_services.caseload.overview(row.school_id).schedule
    started = next(v for v in visits if v.number == row.next_visit.number)
    assert started.state == "In progress" and started.visit_id


def test_sign_and_preview_in_a_visit_reach_their_dialogs(qtbot, services, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from linkadviser.ui.signing import hookup

    opened = []

    class FakeDialog:
        def __init__(self, kind):
            self.kind = kind

        def __call__(self, services_, visit_id, parent):
            opened.append((self.kind, visit_id))
            return self

        def exec(self):
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(hookup, "SignDialog", FakeDialog("sign"))
    monkeypatch.setattr(hookup, "PreviewDialog", FakeDialog("preview"))
    school_id = make_school(services.store, name="Hapton Broad High School")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.start_visit(school_id, 1)
    visit_id = window.workspace.visit_id
    window.workspace.preview_requested.emit(visit_id)
    window.workspace.sign_requested.emit(visit_id)
    assert opened == [("preview", visit_id), ("sign", visit_id)]


def test_county_page_shows_the_demo_county(qtbot, demo_services):
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.county_action.trigger()
    page = window.county_page
    assert window.pages.currentWidget() is page
    qtbot.waitUntil(lambda: page.view.report is not None, timeout=60000)
    assert page.pdf_button.isEnabled()
    assert page.view.picture.rowCount() > 0
    assert page.view.costs.rowCount() > 42  # a line per school and the total


def _stale_snapshot(services, extra_name: str):
    """Today's snapshot of the store, plus a school that has since gone from it."""
    import dataclasses

    snapshot = services.snapshot()
    gone = dataclasses.replace(snapshot.rows[0], school_id="gone", name=extra_name, urn=999999)
    return dataclasses.replace(snapshot, rows=[*snapshot.rows, gone])


def test_snapshot_shows_the_caseload_until_the_store_replaces_it(qtbot, services):
    make_school(services.store, name="Oakhurst Academy", urn=990500)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_snapshot(_stale_snapshot(services, "Closed Since Yesterday School"))
    view = window.caseload
    assert window.pages.currentWidget() is view and not window.banner.isVisible()
    assert view.proxy.rowCount() == 2 and "2 schools" in view.summary.text()
    view.table.selectRow(1)  # Oakhurst, sorted after "Closed Since…"
    window.attach(services)
    assert window.caseload is view and window.pages.currentWidget() is view
    assert [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())] == [
        "Oakhurst Academy"]
    assert view.selected_school() is not None  # the adviser's selection survived


def test_a_school_opened_from_the_snapshot_opens_once_the_store_is_ready(qtbot, services):
    school_id = make_school(services.store, name="Caldor Junior School")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.show_snapshot(services.snapshot())
    view = window.caseload
    view.table.selectRow(0)
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert window.school_view is None  # nothing to read it from yet
    window.attach(services)
    assert window.pages.currentWidget() is window.school_view
    assert window.school_view.school_id == school_id


def _row(name: str, urn: int, open_actions: int = 0, overdue: int = 0, grade: int | None = 2):
    from linkadviser.caseload.rows import CaseloadRow, ScheduledVisit

    visit = ScheduledVisit(1, "Data Analysis and Target Setting", "autumn", "due",
                           "Not started", None)
    return CaseloadRow(f"id-{name}", urn, name, "Primary", True, grade, "", visit, overdue,
                       open_actions, 0)


def _click_header(qtbot, view, column: int) -> None:
    from PySide6.QtCore import QPoint

    header = view.table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_columns_sort_by_what_they_mean_and_keep_the_selection(qtbot):
    from linkadviser.caseload.snapshot import CaseloadSnapshot

    view = CaseloadView()
    qtbot.addWidget(view)
    view.resize(1366, 600)
    view.show()
    view.show_snapshot(CaseloadSnapshot("Autumn 2026/27", [
        _row("Ashby", 990101, open_actions=10), _row("Brook", 990102, open_actions=2),
        _row("Cawston", 990103, overdue=1, grade=4)], demo=False))

    def names() -> list[str]:
        return [view.proxy.index(r, 0).data() for r in range(view.proxy.rowCount())]

    assert names() == ["Ashby", "Brook", "Cawston"]
    view.select_school("id-Brook")
    _click_header(qtbot, view, 6)  # open action points: 10 after 2, as numbers
    assert names() == ["Cawston", "Brook", "Ashby"]
    assert view.selected_school() == "id-Brook"
    _click_header(qtbot, view, 5)  # status: the overdue school first
    assert names()[0] == "Cawston"
    _click_header(qtbot, view, 5)
    assert names()[-1] == "Cawston"
    _click_header(qtbot, view, 3)  # Ofsted grade: Good before Inadequate
    assert names()[-1] == "Cawston"
    view.search.setText("bro")
    assert names() == ["Brook"]


def test_the_sync_button_says_when_conflicts_wait_for_review(qtbot, services):
    from linkadviser.store.models_sync import SyncConflict
    from linkadviser.ui.ops import changes

    make_school(services.store, name="Oakhurst Academy", urn=990500)
    window = MainWindow(services)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.sync_action.text() == "Sync…", timeout=5000)
    with services.store.transaction() as s:  # what an import leaves for review
        s.add(SyncConflict(id="c1", partner_device_id="centre", table_name="visits",
                           record_id="v1", kind="edited_in_both_places", kept="here",
                           message="changed in both places"))
    changes().changed.emit("sync")
    qtbot.waitUntil(lambda: window.sync_action.text() == "Sync… (1 to review)", timeout=5000)
    assert "1 conflict from imports waits" in window.sync_action.toolTip()


def test_a_visit_chosen_from_a_conflict_opens_in_the_window(qtbot, demo_services,
                                                            monkeypatch):
    from sqlalchemy import select

    from linkadviser.store.models import Visit
    from linkadviser.ui.sync_dialog import SyncDialog

    with demo_services.store.session() as s:
        visit_id = s.scalar(select(Visit.id).order_by(Visit.id).limit(1))

    def review_chooses_it(dialog):
        dialog.visit_to_open = visit_id
        return 1

    monkeypatch.setattr(SyncDialog, "exec", review_chooses_it)
    window = MainWindow(demo_services)
    qtbot.addWidget(window)
    window.show()
    window.sync_action.trigger()
    assert window.pages.currentWidget() is window.workspace
    assert window.workspace.visit_id == visit_id


def test_file_signing_key_opens_the_key_status(qtbot, services, monkeypatch):
    from linkadviser.ui.signing.new_key import KeyStatusDialog

    shown = []
    monkeypatch.setattr(KeyStatusDialog, "exec",
                        lambda self: shown.append(self.lines.text()) or 0)
    window = MainWindow(services)
    qtbot.addWidget(window)
    item = next(a for a in window.menus.menu("File").actions()
                if a.text().replace("&", "") == "Signing key…")
    item.trigger()
    assert len(shown) == 1 and "No signing key on this laptop yet" in shown[0]
