"""Importing a data file from the app: the report is shown; a repeat asks replace or keep."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from linkadviser.services import Services
from linkadviser.ui import import_data
from linkadviser.ui.ops import changes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "data"


@pytest.fixture
def services(store, programme):
    return Services(store, programme, lambda: date(2026, 11, 26))


def test_import_reports_then_asks_before_replacing(qtbot, services, monkeypatch):
    shown, asked = [], []
    monkeypatch.setattr(import_data.QMessageBox, "information",
                        lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(import_data, "ask_replace_or_keep",
                        lambda parent, what: asked.append(what) or "keep")
    parent = import_data.QWidget()
    qtbot.addWidget(parent)
    path = FIXTURES / "2024-2025" / "england_ks4final.csv"

    with qtbot.waitSignal(changes().changed, timeout=30000):
        import_data.import_path(parent, services, path)
    assert shown and "imported" in shown[0] and "figures stored" in shown[0]

    with qtbot.waitSignal(changes().changed, timeout=30000):
        import_data.import_path(parent, services, path)
    assert asked and "already imported" in asked[0]
    assert "kept as it was" in shown[-1]


def test_a_file_of_unknown_kind_is_explained(qtbot, services, monkeypatch, tmp_path):
    errors = []
    monkeypatch.setattr(import_data, "show_error", lambda parent, exc: errors.append(exc))
    parent = import_data.QWidget()
    qtbot.addWidget(parent)
    odd = tmp_path / "shopping.csv"
    odd.write_text("apples,pears\n1,2\n")
    import_data.import_path(parent, services, odd)
    qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    assert "shopping.csv" in str(errors[0])
