"""The demo brings the demo county's performance files when the data import is present."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from sqlalchemy import select

from linkadviser.demo.caseload import load_demo
from linkadviser.paths import resources_dir


def test_demo_imports_the_county_performance_files(store, programme):
    pytest.importorskip("linkadviser.data.demo")
    summary = load_demo(store, programme, date(2026, 11, 26))
    assert summary.data.endswith("performance data files imported"), summary.data
    assert summary.schools == 42


def test_the_demo_county_has_england_beside_it_and_a_trajectory(store, programme):
    """The invented Ofsted files give the County page its comparator and its chart.

    Without them the page said "Not yet measurable" and drew nothing; the latest file agrees
    with schools.csv, so importing it leaves every caseload grade as the demo made it.
    """
    pytest.importorskip("linkadviser.data.demo")
    from linkadviser.authority.imported import ENGLAND
    from linkadviser.authority.report import build_report
    from linkadviser.store.models import School

    today = date(2026, 11, 26)
    load_demo(store, programme, today)
    with (resources_dir() / "demo" / "schools.csv").open(encoding="utf-8") as fh:
        expected = {int(r["urn"]): (int(r["ofsted_grade"]), date.fromisoformat(r["ofsted_date"]))
                    for r in csv.DictReader(fh)}
    with store.session() as session:
        held = {s.urn: (s.ofsted_grade, s.ofsted_date) for s in session.scalars(select(School))}
    assert held == expected

    report = build_report(store, programme, today, record_snapshot=False)
    england = [row for phase in report.picture for row in phase.rows if row.area == ENGLAND]
    assert england and england[0].counts.graded > 3000
    assert 85 <= england[0].counts.percent_good_or_better <= 90
    county = [p for p in report.trajectory if p.is_county]
    assert len(county) >= 2 and len({p.percent_good_or_better for p in county}) > 1
    assert sum(1 for p in report.trajectory if p.area == ENGLAND) >= 2
    assert report.goal.met is not None, report.goal.text
