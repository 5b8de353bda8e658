"""The school page's Ofsted report card, from an imported MI file in the report-card layout."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLabel

from linkadviser.data.importer import import_file
from linkadviser.data.judgements import AreaGrade, ReportCardView, report_card
from linkadviser.services import Services
from linkadviser.ui.report_card import ReportCardPanel
from linkadviser.ui.school_view import SchoolView
from tests.unit.data.conftest import FIXTURES
from tests.unit.ui.workspace_driver import TODAY, add_school

URN = 100017  # a primary school with a report card and an earlier ungraded inspection


@pytest.fixture
def services(store, programme):
    return Services(store, programme, today=lambda: TODAY)


def texts(widget) -> list[str]:
    return [w.text() for w in widget.findChildren(QLabel) if w.isVisibleTo(widget)]


def test_school_page_shows_the_report_card_areas_in_ofsteds_words(qtbot, services):
    school_id = add_school(services, "Invented Primary School 17", urn=URN)
    import_file(services.store, FIXTURES / "ofsted_mi_report_cards.csv")
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show_school(school_id)
    panel = view.report_card
    assert panel.isVisibleTo(view)
    shown = texts(panel)
    assert "Inspected 30 December 2025" in shown
    for area, grade in (("Inclusion", "Expected standard"), ("Achievement", "Expected standard"),
                        ("Safeguarding standards", "Met")):
        i = shown.index(area)
        assert shown[i + 1] == grade
    assert "Latest ungraded inspection (23 April 2025): School remains Good" in shown


def test_no_card_is_shown_before_any_ofsted_file_is_imported(qtbot, services):
    school_id = add_school(services)
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.show_school(school_id)
    assert report_card(services.store, 990101) == ReportCardView()
    assert not view.report_card.isVisibleTo(view)


def test_a_school_with_only_an_ungraded_inspection_says_it_has_no_card_yet(qtbot):
    panel = ReportCardPanel()
    qtbot.addWidget(panel)
    panel.show_card(ReportCardView([], AreaGrade("Latest ungraded inspection",
                                                 "School remains Good", date(2024, 3, 1))))
    shown = texts(panel)
    assert any(t.startswith("No report card yet") for t in shown)
    assert "Latest ungraded inspection (01 March 2024): School remains Good" in shown
    assert panel.accessibleName() == "Ofsted report card"
