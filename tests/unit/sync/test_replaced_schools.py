"""An academy's old school travels with it, so an adviser who never held the old school sees
its name beside the new one; it is not put in their caseload, and its visits stay behind."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from linkadviser.school.facts import SchoolFacts
from linkadviser.store.db import open_store
from linkadviser.store.models import School, Visit
from linkadviser.sync.export import export_central
from linkadviser.sync.importer import import_file
from tests.unit.sync.sync_helpers import add_visit, new_central


def test_the_old_school_comes_with_the_academy_that_replaced_it(tmp_path):
    centre, ids = new_central(tmp_path / "central.sqlite3")
    add_visit(centre, ids["s4"], 1, "a visit to the old school by someone else")
    with centre.transaction() as s:  # School 4 (nobody's now) became Ann's School 1
        s.execute(update(School).where(School.urn == 100004)
                  .values(status="closed", close_date=date(2026, 8, 31), name="Old Mill School"))
        s.execute(update(School).where(School.urn == 100001).values(predecessor_urn=100004))
    export_central(centre, tmp_path / "to-ann.zip", "ann@example.org", everything=True)
    centre.close()

    ann = open_store(tmp_path / "ann.sqlite3")
    try:
        import_file(ann, tmp_path / "to-ann.zip")
        with ann.session() as s:
            held = dict(s.execute(select(School.urn, School.in_caseload)).all())
            academy = s.scalar(select(School.id).where(School.urn == 100001))
            visits = s.scalars(select(Visit.school_id)).all()
        assert held == {100001: True, 100002: True, 100004: False}  # not School 3 (Ben's)
        assert visits == []  # the old school's visit stayed at the centre
        assert SchoolFacts(ann).register(academy).kind_text.endswith(
            "URN 100004, Old Mill School)")
    finally:
        ann.close()


def test_a_newly_assigned_academy_brings_its_old_school_in_a_changes_file(tmp_path):
    from linkadviser.store.models import CaseloadAssignment
    from tests.unit.sync.sync_helpers import YEAR

    centre, ids = new_central(tmp_path / "central.sqlite3")
    with centre.transaction() as s:  # School 4 (nobody's) closed before the first exchange
        s.execute(update(School).where(School.urn == 100004).values(status="closed"))
    export_central(centre, tmp_path / "first.zip", "ann@example.org", everything=True)
    ann = open_store(tmp_path / "ann.sqlite3")
    try:
        import_file(ann, tmp_path / "first.zip")
        with centre.transaction() as s:  # next term it reopens as an academy, Ann's
            academy = School(urn=149004, name="Mill Academy", phase="secondary",
                             predecessor_urn=100004)
            s.add(academy)
            s.flush()
            s.add(CaseloadAssignment(school_id=academy.id, adviser_id=ids["ann"],
                                     academic_year=YEAR))
        export_central(centre, tmp_path / "next.zip", "ann@example.org")
        import_file(ann, tmp_path / "next.zip")
        with ann.session() as s:
            held = dict(s.execute(select(School.urn, School.in_caseload)).all())
        assert held == {100001: True, 100002: True, 100004: False, 149004: True}
    finally:
        ann.close()
        centre.close()
