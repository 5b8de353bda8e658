"""The school view: facts, this year's visits, history, last recommendations, actions, targets."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTableWidget

from linkadviser.services import Services
from linkadviser.ui.school_view import SchoolView
from linkadviser.visit.workflow import SignatureInput
from tests.unit.ui.workspace_driver import TODAY, add_school

SIGNERS = [SignatureInput("Link Adviser", "C Adviser", date(2025, 12, 1)),
           SignatureInput("Headteacher", "Ms A Jones", date(2025, 12, 1)),
           SignatureInput("Chair of governors", "Mr B Chair", date(2025, 12, 1))]


@pytest.fixture
def services(store, programme):
    return Services(store, programme, today=lambda: TODAY)


def _last_year_visit_1(services: Services, school_id: str) -> str:
    """A complete, signed visit 1 from 2025/26, recorded through the services."""
    v = services.workflow.ensure_visit(school_id, 1, academic_year=2025)
    services.workflow.start(v)
    edit = services.visits
    edit.add(v, "attendee", name="Ms A Jones", role="Headteacher")
    edit.add(v, "attendee", name="Mr B Chair", role="Chair of governors")
    for item in services.programme.visit(1).agenda:
        edit.set_keyed(v, "agenda_note", item.key, text="Discussed.")
    for key in ("strengths", "areas_for_development", "recommendations"):
        edit.set_statements(v, key, [f"A {key} entry"])
    edit.set_statements(v, "recommendations", ["Track FSM boys termly in maths"])
    for key in ("comparison", "rationale"):
        edit.set_keyed(v, "section_text", key, text="Written.")
    for group, measure, value, outcome in (("All pupils", "Attendance", 95.0, 94.2),
                                           ("FSM", "5+ A*-C EM", 40.0, 43.0),
                                           ("SEN", "5+ A*-C EM", 20.0, None)):
        edit.add(v, "target", measure=measure, pupil_group=group, target=value,
                 outcome=outcome, agreed=True)
    edit.add(v, "action_point", text="Share targets with governors", owner="Headteacher",
             due_date=date(2025, 12, 15))
    edit.add(v, "action_point", text="Review maths intervention", owner="Head of maths",
             due_date=date(2027, 3, 1))
    for key in ("accurate-data", "trained-analysis"):
        edit.set_keyed(v, "qa_confirmation", key, confirmed=True)
    services.workflow.mark_ready(v)
    services.workflow.sign(v, SIGNERS)
    return v


def test_school_view_shows_the_school_and_opens_its_next_visit(qtbot, services):
    school_id = add_school(services)
    last = _last_year_visit_1(services, school_id)
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.show_school(school_id)
    # The leaders and governors card fills in from the background.
    qtbot.waitUntil(lambda: view.leadership.values["Headteacher"].text() != "")
    text = "\n".join([label.text() for label in view.findChildren(QLabel)] + [
        table.item(r, c).text() for table in view.findChildren(QTableWidget)
        for r in range(table.rowCount()) for c in range(table.columnCount())])
    for expected in ("Wexham Park Academy", "URN 990101", "Ms A Jones", "Mr B Smith",
                     "Recommendations: Visit 1, 2025/26", "Track FSM boys termly in maths",
                     "Share targets with governors", "Overdue", "Review maths intervention",
                     "Open", "94.2%", "43%", "Not yet", "2025/26 · visit 1"):
        assert expected in text, expected
    assert view.horizontalScrollBar().maximum() == 0

    with qtbot.waitSignal(view.open_visit) as opened:
        qtbot.mouseClick(view.findChild(QPushButton, f"history:{last}"), Qt.MouseButton.LeftButton)
    assert opened.args == [last]

    assert view.next_button.text().startswith("Prepare visit 1")
    with qtbot.waitSignal(view.open_visit) as opened:
        qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    content = services.visits.content(opened.args[0])
    assert (content.academic_year, content.visit_number, content.state) == (2026, 1, "planned")

    view.show_school(school_id)  # only planned: still to prepare, not to continue
    assert view.next_button.text().startswith("Prepare visit 1")
    services.workflow.start(opened.args[0])
    view.show_school(school_id)  # begun: now it is continued
    assert view.next_button.text().startswith("Continue visit 1")

    # Tab follows the page as it reads: the leaders card, this year's visits, then the
    # history, then extras.
    order, widget = [], view.next_button
    for _ in range(16):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus or not widget.isVisible():
            widget = widget.nextInFocusChain()
    names = [w.objectName() or w.text() for w in order if isinstance(w, QPushButton)]
    assert names.index(f"history:{last}") < names.index("Record an extra…")
    assert names.index("Edit…") < names.index("visit:1")
    visits = [n for n in names if n.startswith("visit:")]
    assert names[0] == "primary" and visits == ["visit:1", "visit:2", "visit:3", "visit:4"]
    assert names.index("visit:4") < names.index(f"history:{last}")


def test_school_view_charts_the_school_against_la_and_england(qtbot, store, programme,
                                                              demo_copy):
    """On the demo caseload (with its imported data) the charts arrive after the school shows."""
    from datetime import date

    from linkadviser.services import Services
    from linkadviser.ui.school_view import SchoolView

    today = date(2026, 11, 26)
    demo_copy(store, programme, today)
    services = Services(store, programme, lambda: today)
    view = SchoolView(services)
    qtbot.addWidget(view)
    row = services.caseload.rows()[0]
    view.show_school(row.school_id)
    qtbot.waitUntil(lambda: view.charts is not None, timeout=30000)
    assert view.charts.picker.count() > 0
    assert view.export_button.isVisibleTo(view)
    assert not view.data_status.isVisibleTo(view)


def test_recording_an_extra_service_from_the_school_view(qtbot, store, programme, monkeypatch):
    from datetime import date

    from PySide6.QtWidgets import QDialog

    from linkadviser.services import Services
    from linkadviser.ui import extra_service_dialog
    from linkadviser.ui.school_view import SchoolView
    from tests.factories import make_school

    services = Services(store, programme, lambda: date(2026, 11, 26))
    school_id = make_school(store, name="Morston Quay High School")
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.show_school(school_id)
    assert view.extras_empty.isVisibleTo(view)

    def fill_and_accept(dialog):
        dialog.service.setCurrentIndex(dialog.service.findData("health-check"))
        dialog.cost.setValue(450)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(extra_service_dialog.ExtraServiceDialog, "exec", fill_and_accept)
    view.add_extra_button.click()
    assert view.extras.rowCount() == 1
    assert view.extras.item(0, 2).text() == "£450.00"
    assert [e.service_key for e in services.extras.for_school(school_id)] == ["health-check"]


def test_earlier_years_are_shown_on_request(qtbot, store, programme):
    from datetime import date

    from linkadviser.demo.county import generate_county
    from linkadviser.services import Services
    from linkadviser.ui.school_view import SchoolView

    today = date(2026, 11, 26)
    generate_county(store, programme, schools=1, years=4, today=today)
    services = Services(store, programme, lambda: today)
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.show_school(services.caseload.rows()[0].school_id)
    assert view.more_history.isVisibleTo(view)
    assert "visits from earlier years" in view.more_history.text()
    assert not view.earlier_history.isVisibleTo(view)
    view.more_history.click()
    assert view.earlier_history.isVisibleTo(view)
    opens = [b for b in view.earlier_history.findChildren(QPushButton)
             if b.isVisibleTo(view) and b.text() == "Open"]
    assert len(opens) == int(view.more_history.text().split()[1])


@pytest.mark.parametrize(("outcome", "met", "how", "shown"), [
    (None, None, "", "Not yet"),
    (71.3, False, "missed by 1.2 percentage points", "71.3%: missed by 1.2 percentage points"),
    (74.0, True, "beaten by 0.5 percentage points", "74%: met, beaten by 0.5 percentage points"),
    (72.4, True, "missed by 0.1 percentage points", "72.4%: met, short by 0.1 percentage points"),
    (72.5, True, "exactly", "72.5%: met, exactly"),
])
def test_target_results_read_as_met_or_missed(outcome, met, how, shown):
    from linkadviser.caseload.overview import TargetView
    from linkadviser.ui.school_view import outcome_text

    view = TargetView("% RWM", "All pupils", 70.0, 72.5, "%", outcome, met, how)
    assert outcome_text(view) == shown


def test_the_school_card_shows_what_gias_says_and_a_closed_school_is_marked(qtbot, services):
    from datetime import date as day

    from linkadviser.ui.caseload_view import CaseloadView
    from tests.factories import make_school

    maintained = {"establishment_group": "Local authority maintained schools",
                  "school_type": "Community school", "la_maintained": True}
    old = make_school(services.store, urn=121003, name="Brook Lane Primary School",
                      status="closed", close_date=day(2026, 12, 31), headteacher="Mr Old",
                      address="Brook Lane, Dereham, NR19 1AA", **maintained)
    trust = "The Invented Learning Trust for the Schools of Breckland and Mid Norfolk " * 2
    new = make_school(services.store, urn=149001, name="Brook Lane Primary Academy",
                      predecessor_urn=121003, trust=trust.strip(), headteacher="Ms New Head",
                      address="Brook Lane, Dereham, NR19 1AA", establishment_group="Academies",
                      school_type="Academy converter", la_maintained=False)
    view = SchoolView(services)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    view.show_school(new)
    rows = {name: value for name, (_, value) in view.register_rows.items()}
    assert rows["Type"].text() == ("Academy (converted from URN 121003, "
                                   "Brook Lane Primary School)")
    assert rows["Status"].text() == "Open" and rows["Address"].isVisible()
    assert rows["Trust"].is_elided() and rows["Trust"].toolTip() == trust.strip()
    assert not view.findChild(QPushButton, "book:1").isHidden()
    assert rows["Trust"].accessibleName() == f"Trust: {trust.strip()}"
    assert "Academy" in view.subtitle.text() and view.next_button.isEnabled()
    qtbot.waitUntil(lambda: view.leadership.values["Headteacher"].text() == "Ms New Head")
    assert view.horizontalScrollBar().maximum() == 0

    view.show_school(old)
    qtbot.waitUntil(lambda: view.leadership.values["Headteacher"].text() == "Mr Old")
    assert rows["Status"].text() == ("Closed on 31 December 2026 · Became an academy: "
                                     "URN 149001, Brook Lane Primary Academy")
    assert rows["Status"].objectName() == "flag"
    assert rows["Type"].text() == "LA maintained" and not rows["Trust"].isVisible()
    assert not view.next_button.isEnabled() and "closed" in view.next_button.text()
    assert view.findChild(QPushButton, "book:1").isHidden()
    assert view.findChild(QPushButton, "visit:1").isHidden()

    caseload = CaseloadView(services)
    qtbot.addWidget(caseload)
    caseload.refresh()
    qtbot.waitUntil(lambda: caseload.model.rowCount() == 2)
    shown = {caseload.model.data(caseload.model.index(r, 0)):
             caseload.model.data(caseload.model.index(r, 5)) for r in range(2)}
    assert shown == {"Brook Lane Primary School (closed)": "School closed",
                     "Brook Lane Primary Academy": "Due this term"}
