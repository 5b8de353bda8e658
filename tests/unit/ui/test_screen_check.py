"""The screen check: each measure finds what it is for, and every screen passes it in the light
and dark palettes, at 1366x768 and at 1280x720 (what 1.5x scaling leaves on a 1920x1080 screen).
"""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from linkadviser.services import Services
from linkadviser.ui import style
from linkadviser.ui.screen_check import check, clipped, low_contrast, tab_order, unnamed
from linkadviser.ui.screen_tour import empty_tour, tour
from linkadviser.ui.widgets.elided import ElidedLabel

SCREENS = {"1366x768": QSize(1366, 768), "1280x720 (1.5x)": QSize(1280, 720)}


def _window(qtbot, *widgets: QWidget) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    for widget in widgets:
        layout.addWidget(widget)
    window.resize(400, 200)
    window.show()
    QApplication.processEvents()
    return window


def test_each_measure_finds_what_it_is_for(qtbot):
    pale = QLabel("Pale grey text on white")
    pale.setStyleSheet("color: #aaaaaa; background: white;")
    cut = QLabel("A one-line label far too long for the narrow box it was given")
    cut.setFixedWidth(120)
    nameless = QLineEdit()
    named = QLineEdit()
    named.setAccessibleName("Search")
    long_name = ElidedLabel("A school name long enough to be elided, whole in its tooltip " * 2)
    window = _window(qtbot, pale, cut, nameless, named, long_name, QPushButton("Go"))
    assert [f.split(" ")[0] for f in low_contrast(window)] == ["QLabel"]
    assert "2.3:1 (needs 4.5:1)" in low_contrast(window)[0]  # #aaa on white, as WCAG has it
    assert [f[:30] for f in clipped(window)] == ["QLabel “A one-line label far t"]
    assert unnamed(window) == ["QLineEdit"]
    above, below = QPushButton("Above"), QPushButton("Below")
    window.layout().addWidget(above)
    window.layout().addWidget(below)
    QWidget.setTabOrder(below, above)  # as the school page's history came after its extras
    QApplication.processEvents()
    assert tab_order(window) == ["QPushButton “Below” → QPushButton “Above” (back up the page)"]
    wide = QWidget()
    wide.setMinimumWidth(500)  # as the sign dialog's unwrapped first line was
    window.layout().addWidget(wide)
    report = check(window, "planted", QSize(300, 600))
    assert report.counts() == {"too wide": 1, "too tall": 0, "clipped": 1, "unnamed": 1,
                               "low contrast": 1, "tab order": 1}
    tall = QWidget()
    tall.setMinimumHeight(700)  # a dialog whose layout needs more than the screen's height
    window.layout().addWidget(tall)
    report = check(window, "planted", QSize(600, 600))
    assert report.too_tall and "on a 600 px high screen" in report.too_tall[0]
    assert report.counts()["too tall"] == 1


def test_a_signed_records_choice_must_be_readable_though_disabled(qtbot, qapp):
    box = QComboBox()
    box.addItem("Pupils eligible for FSM")
    box.setAccessibleName("Pupil group")
    box.setEnabled(False)  # as on a signed visit
    window = _window(qtbot, box)
    assert [f[:8] for f in low_contrast(window)] == ["QComboBo"]  # Qt's faded grey
    style.apply_style(qapp, touch=False)
    try:
        QApplication.processEvents()
        assert low_contrast(window) == []  # the app's style keeps it readable
    finally:
        qapp.setStyleSheet("")


def test_a_table_cell_cut_short_is_found_unless_its_tooltip_holds_it(qtbot):
    table = QTableWidget(1, 2)
    table.setAccessibleName("Schools")
    table.setHorizontalHeaderLabels(["Ofsted", "Name"])
    table.setWordWrap(False)
    for column, text in enumerate(("Requires improvement", "A long school name, elided")):
        table.setItem(0, column, QTableWidgetItem(text))
        table.setColumnWidth(column, 70)
    table.item(0, 1).setToolTip("A long school name, elided")  # elided on purpose
    window = _window(qtbot, table)
    assert clipped(window) == ["Schools: “Requires improvement” in column “Ofsted” (70 px)"]


def test_dark_text_on_a_dark_background_is_found(qtbot):
    dark = QLabel("Dark text inherited onto a dark page")
    dark.setStyleSheet("color: #1a1a1a;")
    holder = QWidget()
    holder.setStyleSheet("background: #202327;")
    layout = QVBoxLayout(holder)
    layout.addWidget(dark)
    window = _window(qtbot, holder)
    assert len(low_contrast(window)) == 1


@pytest.fixture
def palette(request, qapp):
    before = qapp.palette()
    if request.param == "dark":
        qapp.setPalette(style.dark_palette())
    style.apply_style(qapp, touch=False)
    assert style.colours().name == request.param
    yield request.param
    qapp.setPalette(before)
    qapp.setStyleSheet("")
    style.apply_style(qapp, touch=False)
    qapp.setStyleSheet("")


def _problems(steps, screen: QSize) -> list[str]:
    found = []
    for name, window in steps:
        report = check(window, name, screen)
        if any(report.counts().values()):
            found += report.lines()
    return found


# Both palettes and both screens, in two runs (each takes a dozen seconds): scripts/screens
# covers the other two pairings, with pictures.
@pytest.mark.parametrize(("palette", "screen"), [("light", SCREENS["1366x768"]),
                                                 ("dark", SCREENS["1280x720 (1.5x)"])],
                         ids=["light-1366x768", "dark-1280x720"], indirect=["palette"])
def test_every_screen_fits_reads_and_is_named(qtbot, store, programme, palette, screen,
                                              demo_copy):
    today = date(2026, 11, 27)
    services = Services(store, programme, lambda: today)
    problems = _problems(empty_tour(services), screen)
    demo_copy(store, programme, today)
    problems += _problems(tour(services, visit_places=screen.width() == 1366), screen)
    assert problems == []
