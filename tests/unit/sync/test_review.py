"""Conflicts set out for a person: where, what happened, and only the fields that differ."""

from __future__ import annotations

import re
import time

import pytest
from sqlalchemy import select

from linkadviser.errors import NotFoundError
from linkadviser.store.models import ActionPoint
from linkadviser.sync.review import NOT_SET, ConflictReview, differences, record_name
from tests.unit.sync.sync_helpers import YEAR, Exchange, add_visit


@pytest.fixture
def both_edited(tmp_path, central):
    """The centre marks Ann's action point done while Ann rewords it: one conflict, kept at
    the centre with Ann's later copy applied."""
    ex = Exchange(tmp_path, central)
    ex.to_adviser("ann", ex.ann)
    visit = add_visit(ex.ann, ex.ids["s1"], 2, "first")
    ex.to_centre(ex.ann)
    with ex.centre.transaction() as s:
        s.scalar(select(ActionPoint).where(ActionPoint.visit_id == visit)).status = "done"
    with ex.ann.transaction() as s:
        s.scalar(select(ActionPoint).where(ActionPoint.visit_id == visit)).text = "reworded"
    report = ex.to_centre(ex.ann)
    assert len(report.conflicts) == 1
    review = ConflictReview(ex.centre)
    review.report, review.visit = report, visit  # what the import said; where it was
    yield review
    ex.close()


def test_a_conflict_reads_in_the_advisers_words(both_edited):
    [conflict] = both_edited.conflicts()
    assert conflict.record == "Action point"
    assert conflict.where == f"School 1, visit 2, {YEAR}/{(YEAR + 1) % 100:02d}"
    assert conflict.partner == "Adviser Ann Adviser"
    assert conflict.visit_id == both_edited.visit  # to open it and change the record
    assert conflict.message.startswith("Changed in both places")
    assert conflict.kept.startswith("The copy that arrived is now in the store")
    shown = {d.field: (d.here, d.arrived) for d in conflict.differences}
    assert shown["Text"] == ("first action", "reworded")
    assert shown["Status"] == ("done", "open")
    assert all(re.fullmatch(r"\d\d [A-Z][a-z]{2} 20\d\d \d\d:\d\d:\d\d", when)
               for when in shown["Last changed"])
    # Only what differs, and never the ids a person cannot read.
    assert not {"Id", "Device id", "Visit id", "School id", "Due date", "Owner"} & set(shown)
    assert both_edited.to_review() == 1


def test_the_import_report_names_the_school_and_visit(both_edited):
    year = f"{YEAR}/{(YEAR + 1) % 100:02d}"
    assert f"  Action point (School 1, visit 2, {year}): changed in both places" in \
        "\n".join(both_edited.report.lines())


def test_marked_reviewed_it_leaves_the_list_but_can_be_shown(both_edited):
    [conflict] = both_edited.conflicts()
    assert both_edited.mark_reviewed([conflict.id]) == 1
    assert both_edited.conflicts() == [] and both_edited.to_review() == 0
    [again] = both_edited.conflicts(include_reviewed=True)
    assert again.id == conflict.id and again.reviewed


def test_an_unknown_conflict_marks_none(both_edited):
    [conflict] = both_edited.conflicts()
    with pytest.raises(NotFoundError, match="Nothing was marked"):
        both_edited.mark_reviewed([conflict.id, "no-such-conflict"])
    assert [c.id for c in both_edited.conflicts()] == [conflict.id]


@pytest.fixture
def in_britain(monkeypatch):
    """The adviser's clock: British Summer Time in June (a POSIX rule, needing no tz files)."""
    monkeypatch.setenv("TZ", "GMT0BST,M3.5.0/1,M10.5.0")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_deletion_shows_every_field_of_the_one_copy(in_britain):
    here = {"id": "x", "device_id": "d", "visit_id": "v", "text": "Kept\nhere",
            "owner": None, "modified_at": "2026-06-20T09:30:00"}
    rows = {d.field: (d.here, d.arrived) for d in differences("action_points", here, {})}
    assert rows["Text"] == ("Kept\nhere", NOT_SET)
    assert rows["Owner"] == (NOT_SET, NOT_SET)
    assert rows["Last changed"] == ("20 Jun 2026 10:30:00", NOT_SET)
    assert list(rows)[-1] == "Last changed"
    assert "Visit id" not in rows


def test_record_names():
    assert record_name("agenda_notes") == "Agenda note"
    assert record_name("sef_grades") == "Self-evaluation grade"
    assert record_name("visits") == "Visit"
