"""The import and export reports count in words ("1 conflict", "2 conflicts"), never "(s)"."""

from __future__ import annotations

from pathlib import Path

from linkadviser.sync import rules
from linkadviser.sync.apply import Conflict
from linkadviser.sync.export import ExportReport
from linkadviser.sync.importer import ImportReport
from linkadviser.sync.ownership import SetAside


def _conflict(n: int) -> Conflict:
    return Conflict("visit", f"v{n}", rules.BOTH_EDITED, "here", {}, {}, "School 1, visit 1")


def _report(changes: int, conflicts: int) -> ImportReport:
    return ImportReport(Path("in.zip"), "the centre", changes={"visit": {"updated": changes}},
                        conflicts=[_conflict(n) for n in range(conflicts)])


def test_one_change_and_one_conflict_are_singular():
    text = "\n".join(_report(1, 1).lines())
    assert "from the centre: 1 change." in text
    assert "\n1 conflict, kept for review" in text
    assert "(s)" not in text


def test_several_changes_and_conflicts_are_plural():
    text = "\n".join(_report(3, 2).lines())
    assert "from the centre: 3 changes." in text
    assert "\n2 conflicts, kept for review" in text
    assert "(s)" not in text


def test_set_aside_counts_in_words():
    aside = SetAside()
    aside.add("deletion", "of visits of schools not assigned to the sender")
    aside.add("record", "of School 3, not assigned to the sender", 5)
    lines = aside.lines()
    assert "  1 deletion of visits of schools not assigned to the sender" in lines
    assert "  5 records of School 3, not assigned to the sender" in lines


def test_export_counts_confidential_visits_in_words():
    def text(n: int) -> str:
        report = ExportReport(Path("o.zip"), "everything", None, records={"visit": n},
                              withheld_visits=n)
        return "\n".join(report.lines())

    one, two = text(1), text(2)
    assert "1 record," in one and "  1 confidential visit sent as date" in one
    assert "2 records," in two and "  2 confidential visits sent as date" in two
