"""Booking, starting and un-starting visits on the real screens, driven as an adviser would."""

from __future__ import annotations

from datetime import date, time

import icalendar
import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QFileDialog, QPushButton

from linkadviser.documents import DocumentService
from linkadviser.services import Services
from linkadviser.store.models import AcademicYear, Adviser, CaseloadAssignment, Visit
from linkadviser.ui.main_window import MainWindow
from linkadviser.ui.school_view import SchoolView
from linkadviser.ui.term_view import TermView
from linkadviser.visit.booking import Booking
from tests.unit.documents.pdfs import flat
from tests.unit.ui.workspace_driver import TODAY, Driver, add_school, answer, pump


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: TODAY)


def visit_of(services: Services, school_id: str, number: int) -> Visit | None:
    with services.store.session() as session:
        return session.query(Visit).filter_by(school_id=school_id, visit_number=number).first()


def assign_adviser(services: Services, school_id: str, name: str) -> str:
    with services.store.transaction() as session:
        adviser = Adviser(name=name)
        session.add(adviser)
        session.merge(AcademicYear(start_year=2026))
        session.flush()
        session.add(CaseloadAssignment(school_id=school_id, adviser_id=adviser.id,
                                       academic_year=2026))
        return adviser.id


def test_start_next_visit_asks_first_and_cancel_starts_nothing(qtbot, services):
    school_id = add_school(services)
    services.bookings.book(school_id, 1, Booking(date(2026, 12, 2)))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.caseload.table.selectRow(0)
    seen: list[str] = []
    answer(qtbot, "Cancel", seen)
    qtbot.mouseClick(window.caseload.start_button, Qt.MouseButton.LeftButton)
    assert "Start visit 1" in seen[0] and "booked for Wed 02 Dec 2026" in seen[0]
    assert visit_of(services, school_id, 1).state == "planned"
    assert window.workspace is None

    answer(qtbot, "Start the visit", seen)
    qtbot.mouseClick(window.caseload.start_button, Qt.MouseButton.LeftButton)
    started = visit_of(services, school_id, 1)
    assert (started.state, started.visit_date) == ("in_progress", TODAY)
    assert window.pages.currentWidget() is window.workspace


def test_a_visit_started_by_mistake_goes_back_to_planned_in_the_workspace(qtbot, services):
    school_id = add_school(services)
    visit_id = services.workflow.ensure_visit(school_id, 2)
    d = Driver(qtbot, services, visit_id)
    seen: list[str] = []
    answer(qtbot, "Start the visit", seen)
    d.click(d.w.buttons["start"])
    assert "It is not booked." in seen[0]
    assert services.visits.content(visit_id).state == "in_progress"
    assert d.w.buttons["unstart"].isVisible()

    answer(qtbot, "Back to planned", seen)
    d.click(d.w.buttons["unstart"])
    content = services.visits.content(visit_id)
    assert (content.state, content.visit_date) == ("planned", None)
    assert d.w.buttons["start"].isVisible() and not d.w.buttons["unstart"].isVisible()

    answer(qtbot, "Start the visit", seen)
    d.click(d.w.buttons["start"])
    services.visits.add(visit_id, "attendee", name="Ms A Jones", role="Headteacher")
    answer(qtbot, "Back to planned", seen)
    d.click(d.w.buttons["unstart"])
    assert services.visits.content(visit_id).state == "in_progress"
    assert "cannot go back to planned" in d.w.banner.text()
    assert "attendees (1)" in d.w.banner.text()


def test_booking_from_the_school_page_shows_the_booking(qtbot, services):
    school_id = add_school(services)
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.show_school(school_id)
    qtbot.mouseClick(view.findChild(QPushButton, "book:2"), Qt.MouseButton.LeftButton)
    dialog = view.booking_dialog
    assert dialog.isVisible()
    dialog.day.setDate(QDate(2027, 1, 12))
    dialog.at.setTime(QTime(13, 45))
    qtbot.keyClicks(dialog.place, "Library")
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Book is the default button
    status = view.schedule_rows[1][1]
    assert pump(5000, lambda: "booked Tue 12 Jan 2027, 13:45, Library" in status.text())
    assert view.findChild(QPushButton, "book:2").text() == "Re-book…"
    visit = visit_of(services, school_id, 2)
    assert (visit.state, visit.planned_date, visit.planned_time, visit.planned_place) == (
        "planned", date(2027, 1, 12), "13:45", "Library")


def test_the_term_view_lists_booked_and_unbooked_visits_by_week(qtbot, services):
    school_id = add_school(services)
    services.bookings.book(school_id, 4, Booking(date(2026, 12, 9), None, "Hall"))
    view = TermView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.refresh()
    tops = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    assert [t.text(0) for t in tops] == ["Week of Mon 07 Dec 2026", "To book (1)"]
    rows = {(tops[0].child(i).text(0), tops[0].child(i).text(3))
            for i in range(tops[0].childCount())}
    assert rows == {("Wed 09 Dec", "Visit 4: Support for Head Teacher Performance Management"),
                    ("Tue 08 Dec", "Prepare visit 4")}
    assert tops[1].child(0).text(3) == "Visit 1: Data Analysis and Target Setting"
    view.tree.setCurrentItem(tops[1].child(0))
    assert view.book_button.isEnabled() and view.book_button.text() == "Book…"
    view.step(1)
    assert "Spring 2026/27" in view.title.text()


def test_the_term_view_exports_the_calendar(qtbot, services, monkeypatch, tmp_path):
    school_id = add_school(services)
    visit_id = services.bookings.book(school_id, 4, Booking(date(2026, 12, 9), time(9, 0)))
    target = tmp_path / "visits.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *_args: (str(target), "iCalendar files (*.ics)"))
    view = TermView(services)
    qtbot.addWidget(view)
    view.refresh()
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert pump(5000, lambda: "Exported 1 booked visit (from" in view.summary.text())
    (event,) = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["uid"]) == f"{visit_id}@linkadviser"


def test_a_governor_feedback_form_begun_in_the_app_names_the_adviser(qtbot, services):
    school_id = add_school(services)
    assign_adviser(services, school_id, "Olu Other")  # assigned, but this store is Ann's
    with services.store.transaction() as session:
        adviser = Adviser(name="Ann Adviser")
        session.add(adviser)
        session.flush()
        adviser_id = adviser.id
    services.store.set_meta("sync.adviser_id", adviser_id)  # as the centre's file sets it
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.show_school(school_id)
    with qtbot.waitSignal(view.open_visit) as opened:  # "Prepare" visit 4
        qtbot.mouseClick(view.findChild(QPushButton, "visit:4"), Qt.MouseButton.LeftButton)
    visit_id = opened.args[0]
    pdf = DocumentService.of(services).render(visit_id, "governor_feedback_form")
    assert "Link Adviser Ann Adviser" in flat(pdf)


def test_a_weekend_booking_is_warned_about_but_allowed(qtbot, services):
    school_id = add_school(services)
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.show_school(school_id)
    qtbot.mouseClick(view.findChild(QPushButton, "book:2"), Qt.MouseButton.LeftButton)
    dialog = view.booking_dialog
    dialog.day.setDate(QDate(2027, 1, 12))  # a Tuesday: nothing to say
    assert dialog.weekend.isHidden()
    dialog.day.setDate(QDate(2027, 1, 16))
    assert not dialog.weekend.isHidden()
    assert "Sat 16 Jan 2027 is a Saturday" in dialog.weekend.text()
    assert dialog.weekend.accessibleName()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # still books: a warning, not a refusal
    assert pump(5000, lambda: (visit_of(services, school_id, 2) or Visit()).planned_date
                == date(2027, 1, 16))
