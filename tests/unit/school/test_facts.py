"""School facts the adviser keeps: headteacher and start date, chair, nominated governors."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from linkadviser.authority.facts import school_facts
from linkadviser.authority.risk import assess
from linkadviser.authority.rules import load_rules
from linkadviser.school.facts import Leadership, SchoolFacts, SchoolFactsError
from linkadviser.store.models_school import SchoolPerson
from linkadviser.store.models_sync import SyncTombstone
from tests.factories import make_school

TODAY = date(2026, 11, 26)


@pytest.fixture
def facts(store) -> SchoolFacts:
    return SchoolFacts(store, lambda: TODAY)


def test_until_the_adviser_records_them_the_centres_names_stand(store, facts):
    school = make_school(store, headteacher="Gias Head", chair_of_governors="Gias Chair")
    assert facts.get(school) == Leadership("Gias Head", None, "Gias Chair", [])


def test_kept_leadership_replaces_the_centres_and_changes_in_place(store, facts):
    school = make_school(store, headteacher="Gias Head")
    kept = facts.set(school, Leadership("  Dr  New Head ", date(2026, 4, 20), "Cara Chair",
                                        ["Gov One", "Gov Two"]))
    assert kept == Leadership("Dr New Head", date(2026, 4, 20), "Cara Chair",
                              ["Gov One", "Gov Two"])
    with store.session() as session:
        first_ids = {p.role + p.name: p.id for p in session.scalars(select(SchoolPerson))}
    facts.set(school, Leadership("Dr New Head", date(2026, 4, 21), "Cara Chair",
                                 ["Gov Two", "Gov Three"]))
    with store.session() as session:
        people = session.scalars(select(SchoolPerson).order_by(SchoolPerson.role,
                                                                SchoolPerson.position)).all()
        tombstones = session.scalars(select(SyncTombstone.record_id)).all()
    assert facts.get(school).nominated_governors == ["Gov Two", "Gov Three"]
    head = next(p for p in people if p.role == "headteacher")
    assert head.id == first_ids["headteacherDr New Head"]  # the same record, for sync
    assert head.since == date(2026, 4, 21)
    assert tombstones == [first_ids["nominated_governorGov One"]]  # its deletion travels


@pytest.mark.parametrize(("given", "message"), [
    (Leadership("Head", date(2027, 1, 1)), "in the future"),
    (Leadership("", date(2025, 1, 1)), "needs the headteacher's name"),
    (Leadership("H" * 201), "keep it under 200"),
    (Leadership("Head", None, "", ["A", "A"]), "named twice"),
    (Leadership("Head", None, "", [f"G{i}" for i in range(13)]), "at most 12"),
    (Leadership("Head\x07"), "control characters"),
])
def test_bad_facts_are_refused_and_change_nothing(store, facts, given, message):
    school = make_school(store)
    facts.set(school, Leadership("Kept Head", date(2025, 9, 1), "Kept Chair", ["Kept Gov"]))
    with pytest.raises(SchoolFactsError, match=message):
        facts.set(school, given)
    assert facts.get(school) == Leadership("Kept Head", date(2025, 9, 1), "Kept Chair",
                                           ["Kept Gov"])


def test_a_new_headteacher_start_date_makes_the_risk_rule_fire(store, facts):
    school = make_school(store, urn=424242, name="Elm Academy", ofsted_grade=2,
                         ofsted_date=date(2024, 1, 1))
    rules = load_rules()

    def reasons() -> list[str]:
        with store.session() as session:
            (mine,) = [f for f in school_facts(session, TODAY, 2026) if f.urn == 424242]
        return assess(mine, rules, TODAY).reasons

    assert reasons() == []
    facts.set(school, Leadership("New Head", date(2026, 4, 1)))
    assert reasons() == ["Headteacher in post since 2026-04-01"]


def test_school_facts_and_sanctions_travel_both_ways_with_sync(tmp_path):
    from linkadviser.store.models import Target
    from linkadviser.store.models_school import TargetSanction
    from tests.unit.sync.sync_helpers import Exchange, add_visit, new_central

    centre, ids = new_central(tmp_path / "central.sqlite3")
    ex = Exchange(tmp_path, (centre, ids))
    try:
        ex.to_adviser("ann", ex.ann)
        SchoolFacts(ex.ann, lambda: TODAY).set(
            ids["s1"], Leadership("New Head", date(2026, 4, 1), "Cara Chair", ["Gov One"]))
        visit_id = add_visit(ex.ann, ids["s1"], 1)
        with ex.ann.transaction() as session:
            target = session.scalar(select(Target).where(Target.visit_id == visit_id))
            session.add(TargetSanction(school_id=ids["s1"], target_id=target.id,
                                       sanctioned_on=date(2026, 11, 20)))
        report = ex.to_centre(ex.ann)
        assert report.changes["school_people"]["added"] == 3
        assert report.changes["target_sanctions"]["added"] == 1
        at_centre = SchoolFacts(centre, lambda: TODAY)
        assert at_centre.get(ids["s1"]) == Leadership("New Head", date(2026, 4, 1),
                                                      "Cara Chair", ["Gov One"])
        # The centre corrects the start date; the adviser receives it.
        at_centre.set(ids["s1"], Leadership("New Head", date(2026, 3, 30), "Cara Chair",
                                            ["Gov One"]))
        ex.to_adviser("ann", ex.ann)
        assert SchoolFacts(ex.ann, lambda: TODAY).get(ids["s1"]).headteacher_since == \
            date(2026, 3, 30)
    finally:
        ex.close()
        centre.close()
