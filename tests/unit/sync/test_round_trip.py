"""Two advisers and the centre exchanging files, with edits on every side."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select, update

from linkadviser.store.models import (
    ActionPoint,
    AgendaNote,
    Attendee,
    CaseloadAssignment,
    School,
    SignedVersion,
    Visit,
)
from linkadviser.store.models_sync import SyncConflict
from linkadviser.sync import rules
from linkadviser.sync.export import export_adviser
from linkadviser.sync.importer import import_file
from linkadviser.sync.kinds import all_kinds
from linkadviser.visit.content import fingerprint_of
from tests.unit.sync.sync_helpers import YEAR, Exchange, add_visit, dump, signed_version

VISIT_TABLES = [k for k in all_kinds() if "visit_id" in k.table.c]


def visit_rows(store, visit_ids) -> dict[str, list[tuple]]:
    """Everything recorded in these visits, stamps included, as comparable rows."""
    out = {}
    with store.engine.connect() as conn:
        visits = Visit.__table__
        out["visits"] = sorted(conn.execute(select(visits).where(visits.c.id.in_(visit_ids))))
        for kind in VISIT_TABLES:
            t = kind.table
            out[kind.name] = sorted(conn.execute(select(t).where(t.c.visit_id.in_(visit_ids))))
    return out


def content_dump(store) -> dict:
    return {k: v for k, v in dump(store).items() if not k.startswith("sync_") and k != "meta"}


@pytest.fixture
def ex(tmp_path, central):
    exchange = Exchange(tmp_path, central)
    exchange.to_adviser("ann", exchange.ann)
    exchange.to_adviser("ben", exchange.ben)
    yield exchange
    exchange.close()


def test_caseloads_arrive_from_the_centre(ex):
    with ex.ann.session() as s:
        mine = {sc.name for sc in s.scalars(select(School).where(School.in_caseload))}
    assert mine == {"School 1", "School 2"}
    with ex.ben.session() as s:
        assert [sc.name for sc in s.scalars(select(School))] == ["School 3"]


def test_round_trip_ends_identical_with_conflicts_listed(ex):
    ids = ex.ids
    a1 = add_visit(ex.ann, ids["s1"], 1, "ann one")
    a2 = add_visit(ex.ann, ids["s2"], 2, "ann two", state="signed")
    b1 = add_visit(ex.ben, ids["s3"], 1, "ben one")
    assert ex.to_centre(ex.ann).changes["visits"]["added"] == 2
    assert ex.to_centre(ex.ben).changes["visits"]["added"] == 1
    assert visit_rows(ex.centre, [a1, a2]) == visit_rows(ex.ann, [a1, a2])
    assert visit_rows(ex.centre, [b1]) == visit_rows(ex.ben, [b1])

    # The centre marks Ann's action point done; Ann, not knowing, rewords it later.
    with ex.centre.transaction() as s:
        s.scalar(select(ActionPoint).where(ActionPoint.visit_id == a1)).status = "done"
    with ex.ann.transaction() as s:
        s.scalar(select(ActionPoint).where(ActionPoint.visit_id == a1)).text = "reworded"
        s.scalar(select(AgendaNote).where(AgendaNote.visit_id == a1)).text = "ann's later note"
    # The centre gives Ben a new school.
    with ex.centre.transaction() as s:
        s.add(CaseloadAssignment(school_id=ids["s4"], adviser_id=ids["ben"], academic_year=YEAR))

    report = ex.to_centre(ex.ann)
    kinds = [(c.table, c.kind, c.kept) for c in report.conflicts]
    assert kinds == [("action_points", rules.BOTH_EDITED, "incoming")]
    assert "conflict" in "\n".join(report.lines())
    assert report.changes["agenda_notes"]["updated"] == 1

    assert ex.to_adviser("ann", ex.ann).changed == 0  # the centre holds Ann's version
    assert ex.to_adviser("ben", ex.ben).changes["schools"]["added"] == 1
    with ex.ben.session() as s:
        assert s.scalar(select(School).where(School.urn == 100004)).in_caseload

    assert visit_rows(ex.centre, [a1, a2]) == visit_rows(ex.ann, [a1, a2])
    assert visit_rows(ex.centre, [b1]) == visit_rows(ex.ben, [b1])
    with ex.centre.session() as s:
        kept = s.scalars(select(SyncConflict)).all()
    assert len(kept) == 1 and '"status":"done"' in kept[0].local_json
    assert '"text":"reworded"' in kept[0].incoming_json


def test_same_file_twice_and_same_content_again_change_nothing(ex, tmp_path):
    add_visit(ex.ann, ex.ids["s1"], 1, "once")
    path = tmp_path / "ann.zip"
    export_adviser(ex.ann, path)
    import_file(ex.centre, path)
    before = dump(ex.centre)
    assert import_file(ex.centre, path).already_imported
    assert dump(ex.centre) == before
    content = content_dump(ex.centre)
    again = ex.to_centre(ex.ann, everything=True)  # a new file, the same records
    assert again.changed == 0 and not again.conflicts
    assert content_dump(ex.centre) == content


def test_a_signed_record_is_never_overwritten(ex):
    visit = add_visit(ex.ann, ex.ids["s2"], 2, "signed", state="signed")
    ex.to_centre(ex.ann)
    with ex.centre.transaction() as s:  # someone edits the signed record at the centre
        s.scalar(select(AgendaNote).where(AgendaNote.visit_id == visit)).text = "altered"
        signed = s.scalar(select(SignedVersion))  # re-fingerprinted, so the file is taken
        signed.content_json = '{"n":"altered"}'
        signed.fingerprint = fingerprint_of({"n": "altered"})
    before = visit_rows(ex.ann, [visit])
    report = ex.to_adviser("ann", ex.ann)
    assert sorted(c.kind for c in report.conflicts) == sorted([rules.SIGNED_DIFFERS,
                                                              rules.SIGNED_EDIT])
    assert {c.kept for c in report.conflicts} == {"here"}
    assert visit_rows(ex.ann, [visit]) == before


def test_two_different_signed_versions_are_both_kept_and_flagged(ex):
    visit = add_visit(ex.ann, ex.ids["s2"], 2, "signed", state="signed")
    ex.to_centre(ex.ann)
    with ex.centre.transaction() as s:  # a second version 2 is signed at the centre
        s.get(Visit, visit).signed_version = 2
        s.add(signed_version(visit, 2, {"by": "centre"}, datetime(YEAR, 11, 1)))
    with ex.ann.transaction() as s:  # and another version 2 on Ann's laptop
        s.get(Visit, visit).signed_version = 2
        s.add(signed_version(visit, 2, {"by": "ann"}, datetime(YEAR, 11, 2)))
    report = ex.to_centre(ex.ann)
    assert [c.kind for c in report.conflicts] == [rules.SIGNED_TWICE]
    with ex.centre.session() as s:
        signed = s.scalars(select(SignedVersion).where(SignedVersion.version == 2)).all()
        assert [v.content_json for v in signed] == ['{"by":"centre"}']
        kept = s.scalars(select(SyncConflict)).one()
        assert kept.kind == rules.SIGNED_TWICE
        assert '"content_json":"{\\"by\\":\\"ann\\"}"' in kept.incoming_json


def test_an_older_copy_never_unsigns_a_visit(ex):
    visit = add_visit(ex.ann, ex.ids["s1"], 1, "draft")
    ex.to_centre(ex.ann)
    with ex.centre.transaction() as s:
        s.execute(update(Visit).where(Visit.id == visit).values(
            state="signed", signed_version=1, modified_at=datetime(2000, 1, 1)))
    with ex.ann.transaction() as s:
        s.get(Visit, visit).state = "ready_to_sign"
    report = ex.to_centre(ex.ann)
    assert [c.kind for c in report.conflicts] == [rules.EARLIER_SIGNATURE]
    with ex.centre.session() as s:
        assert s.get(Visit, visit).state == "signed"


def test_deletions_travel(ex):
    visit = add_visit(ex.ann, ex.ids["s1"], 1, "with people")
    with ex.ann.transaction() as s:
        s.add_all([Attendee(visit_id=visit, name="Head", role="headteacher"),
                   Attendee(visit_id=visit, name="Chair", role="chair of governors")])
    ex.to_centre(ex.ann)
    with ex.ann.transaction() as s:
        s.delete(s.scalar(select(Attendee).where(Attendee.name == "Chair")))
    report = ex.to_centre(ex.ann)
    assert report.changes["attendees"]["deleted"] == 1
    with ex.centre.session() as s:
        assert [a.name for a in s.scalars(select(Attendee))] == ["Head"]
    assert visit_rows(ex.centre, [visit]) == visit_rows(ex.ann, [visit])
