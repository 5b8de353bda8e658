"""Preparing a visit from the school's data: adds questions (and visit 1's targets) once."""

from __future__ import annotations

from datetime import date

import pytest

from linkadviser.errors import NotFoundError, ReadOnlyError
from linkadviser.services import Services
from linkadviser.visit.preparation import prepare_visit_from_data
from tests.factories import make_school

TODAY = date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    """One demo store for the module (loading it imports twelve data files)."""
    from linkadviser.demo.caseload import load_demo
    from linkadviser.programme import default_programme
    from linkadviser.store.db import open_store

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    store = open_store(path)
    load_demo(store, default_programme(), TODAY)
    store.close()
    return path


@pytest.fixture
def demo(demo_file, tmp_path, programme):
    import shutil

    from linkadviser.store.db import open_store

    copy = tmp_path / "demo.sqlite3"
    shutil.copy(demo_file, copy)
    store = open_store(copy)
    yield Services(store, programme, lambda: TODAY)
    store.close()


def unsigned_school(services: Services, number: int) -> str:
    """A demo school whose visit ``number`` this year is not yet signed."""
    for row in services.caseload.rows():
        schedule = services.caseload.overview(row.school_id).schedule
        if schedule[number - 1].status != "done":
            return row.school_id
    raise AssertionError(f"every demo school has signed visit {number}")


def test_visit_1_gets_questions_and_proposed_targets_once(demo):
    school = unsigned_school(demo, 1)
    visit_id = demo.workflow.ensure_visit(school, 1)
    before = demo.visits.content(visit_id)
    first = prepare_visit_from_data(demo, visit_id)
    assert first.questions > 0 and first.targets > 0
    after = demo.visits.content(visit_id)
    assert len(after.questions) == len(before.questions) + first.questions
    assert all(q.evidence for q in after.questions[len(before.questions):])
    assert not any(t.agreed for t in after.targets[len(before.targets):])
    again = prepare_visit_from_data(demo, visit_id)
    assert (again.questions, again.targets) == (0, 0)
    assert "Nothing new" in again.message


def test_visit_2_gets_questions_only(demo):
    school = unsigned_school(demo, 2)
    visit_id = demo.workflow.ensure_visit(school, 2)
    prepared = prepare_visit_from_data(demo, visit_id)
    assert prepared.questions > 0 and prepared.targets == 0


def test_a_school_without_data_and_a_signed_visit_are_explained(demo):
    bare = demo.workflow.ensure_visit(make_school(demo.store), 1)
    with pytest.raises(NotFoundError, match="No data has been imported"):
        prepare_visit_from_data(demo, bare)
    signed = next(h.visit_id for row in demo.caseload.rows()
                  for h in demo.caseload.overview(row.school_id).history if h.state == "signed")
    with pytest.raises(ReadOnlyError):
        prepare_visit_from_data(demo, signed)
