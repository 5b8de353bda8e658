from datetime import date

from linkadviser.authority import trajectory
from linkadviser.authority.grades import GradeCounts
from linkadviser.authority.report import build_report
from linkadviser.ui.county_view import CountyView
from tests.unit.authority.county import TODAY, build_county


def test_county_view_shows_the_report(qtbot, store, programme):
    build_county(store)
    with store.transaction() as s:
        trajectory.record(s, date(2026, 9, 1), "England",
                          {"All schools": GradeCounts(20, 60, 18, 2)}, False, "test")
    view = CountyView()
    qtbot.addWidget(view)
    view.set_report(build_report(store, programme, TODAY, authority="Wexham"))
    view.resize(1200, 760)
    view.show()
    assert "Wexham" in view.title.text() and "points below England" in view.summary.text()
    assert view.picture.item(1, 1).text() == "Wexham"
    assert view.chart.chart().series()[0].name() == "England"
    assert view.risk.rowCount() == 6
    view.risk_filter.setCurrentIndex(view.risk_filter.findData("causing-concern"))
    assert view.risk.rowCount() == 1 and view.risk.item(0, 1).text() == "Damson High"
    assert view.costs.item(view.costs.rowCount() - 1, 5).text() == "15,090.00"
