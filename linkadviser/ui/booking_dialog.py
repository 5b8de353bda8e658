"""Booking a visit (date, time, place) from any screen, and asking before a visit is started.

``book_visit`` asks for the booking and saves it through ``Bookings.book`` in the background;
``confirm_start`` asks before a visit is started, saying when it is booked and that today
becomes its date. Screens call these and react to the one "changes" signal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTimeEdit,
    QWidget,
)

from linkadviser.calendar import booking_text
from linkadviser.services import Services
from linkadviser.ui.ops import Op
from linkadviser.visit.booking import (
    MAX_PLACE,
    Booking,
    academic_year_bounds,
    stored_time,
    weekend_warning,
)


def scheduled_booking(booked_on: str, booked_time: str, place: str) -> Booking | None:
    """The booking a schedule row shows (ISO date, "HH:MM"), or None when not booked."""
    if not booked_on:
        return None
    return Booking(date.fromisoformat(booked_on), stored_time(booked_time), place)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class BookingDialog(QDialog):
    """The date (within the visit's academic year), an optional start time, and the place."""

    def __init__(self, heading: str, first: date, last: date, current: Booking | None,
                 suggested: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Book a visit")
        self.setAccessibleName("Book a visit")
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.day = QDateEdit(_qdate(current.on if current else suggested))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setDateRange(_qdate(first), _qdate(last))
        self.day.setAccessibleName("Date of the visit")
        self.weekend = QLabel()  # shown only for a Saturday or Sunday
        self.weekend.setObjectName("banner")
        self.weekend.setWordWrap(True)
        self.weekend.setAccessibleName("The date is at a weekend")
        self.day.dateChanged.connect(self._warn_weekend)
        self._warn_weekend()
        self.timed = QCheckBox("At a set time")
        self.timed.setAccessibleName("The visit starts at a set time")
        self.at = QTimeEdit(QTime(9, 0))  # a school morning
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName("Start time")
        if current and current.at:
            self.at.setTime(QTime(current.at.hour, current.at.minute))
        self.timed.setChecked(bool(current and current.at) or current is None)
        self.at.setEnabled(self.timed.isChecked())
        self.timed.toggled.connect(self.at.setEnabled)
        self.place = QLineEdit(current.place if current else "")
        self.place.setPlaceholderText("e.g. the school's meeting room (blank: at the school)")
        self.place.setMaxLength(MAX_PLACE)
        self.place.setAccessibleName("Place")
        form = QFormLayout(self)
        form.addRow(self.heading)
        form.addRow("Date", self.day)
        form.addRow(self.weekend)
        form.addRow(self.timed, self.at)
        form.addRow("Place", self.place)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Book")
        buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName("Book")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName("Cancel")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def _warn_weekend(self) -> None:
        text = weekend_warning(self.day.date().toPython())
        self.weekend.setText(text)
        self.weekend.setHidden(not text)

    def booking(self) -> Booking:
        at = self.at.time().toPython() if self.timed.isChecked() else None
        return Booking(self.day.date().toPython(), time(at.hour, at.minute) if at else None,
                       self.place.text().strip())


def book_visit(parent: QWidget, services: Services, school_id: str, school_name: str,
               number: int, current: Booking | None,
               done: Callable[[str], None] | None = None,
               academic_year: int | None = None) -> BookingDialog:
    """Ask for the booking of the school's visit ``number`` and save it when accepted.

    Returns the dialog (opened, not run modally here) so that tests can drive it.
    """
    year = academic_year if academic_year is not None else services.workflow.current_year()
    first, last = academic_year_bounds(year, services.programme)
    today = services.today()
    suggested = min(max(today, first), last)
    title = services.programme.visit(number).title
    verb = "Re-book" if current else "Book"
    dialog = BookingDialog(f"{verb} visit {number} ({title}) at {school_name}.", first, last,
                           current, suggested, parent)

    def save() -> None:
        booking = dialog.booking()
        (Op(parent, lambda: services.bookings.book(school_id, number, booking, year),
            changes_kind="visit")
         .success(lambda visit_id: done(visit_id) if done else None)
         .run_in_background())

    dialog.accepted.connect(save)
    dialog.open()
    return dialog


def start_question(services: Services, school_name: str, number: int,
                   booked_on: date | None, booked_time: str = "") -> str:
    today = services.today()
    title = services.programme.visit(number).title
    if booked_on is None:
        when = "It is not booked."
    elif booked_on == today:
        when = f"It is booked for today{', ' + booked_time if booked_time else ''}."
    else:
        when = f"It is booked for {booking_text(booked_on, booked_time)}."
    return (f"Start visit {number} ({title}) at {school_name} now?\n\n{when} Starting it "
            f"records today, {today:%a %d %b %Y}, as the day of the visit. A visit started "
            "by mistake can go back to planned while nothing is recorded in it.")


def ask(parent: QWidget, name: str, title: str, text: str, accept: str) -> bool:
    """A question whose safe answer, Cancel, is the default; True when ``accept`` was chosen."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text,
                      QMessageBox.StandardButton.Cancel, parent)
    box.setObjectName(name)
    chosen = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
    chosen.setAccessibleName(accept)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is chosen


def confirm_start(parent: QWidget, services: Services, school_name: str, number: int,
                  booked_on: date | None, booked_time: str = "") -> bool:
    """Ask before starting a visit; True when the adviser chose to start it."""
    return ask(parent, "confirm_start", "Start the visit?",
               start_question(services, school_name, number, booked_on, booked_time),
               "Start the visit")


def confirm_back_to_planned(parent: QWidget, school_name: str, number: int) -> bool:
    """Ask before putting a visit started by mistake back to planned."""
    return ask(parent, "confirm_back_to_planned", "Back to planned?",
               f"Put visit {number} at {school_name} back to planned? Its visit date is "
               "cleared; its booking and anything prepared stay.", "Back to planned")
