"""The demo brings the demo county's performance files when the data import is present."""

from __future__ import annotations

from datetime import date

import pytest

from linkadviser.demo.caseload import load_demo


def test_demo_imports_the_county_performance_files(store, programme):
    pytest.importorskip("linkadviser.data.demo")
    summary = load_demo(store, programme, date(2026, 11, 26))
    assert summary.data.endswith("performance data files imported"), summary.data
    assert summary.schools == 42
