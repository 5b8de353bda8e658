"""What GIAS says of a school, in the advisers' words, with a conversion's two URNs together."""

from __future__ import annotations

from datetime import date

import pytest

from linkadviser.errors import NotFoundError
from linkadviser.school.facts import SchoolFacts
from linkadviser.store.models_gias import Establishment
from tests.factories import make_school

MAINTAINED = {"establishment_group": "Local authority maintained schools",
              "school_type": "Community school", "la_maintained": True}
ACADEMY = {"establishment_group": "Academies", "school_type": "Academy converter",
           "la_maintained": False}


@pytest.fixture
def facts(store) -> SchoolFacts:
    return SchoolFacts(store)


def test_an_open_maintained_school_reads_as_such(store, facts):
    school = make_school(store, urn=121001, address="Church Lane, Wymondham, NR18 0AA",
                         headteacher="Mrs Ada Head", **MAINTAINED)
    register = facts.register(school)
    assert (register.status_text, register.kind_text, register.successor_text) == (
        "Open", "LA maintained", "")
    assert (register.trust, register.address, register.headteacher) == (
        "", "Church Lane, Wymondham, NR18 0AA", "Mrs Ada Head")


def test_a_conversion_names_the_old_and_new_school_together(store, facts):
    old = make_school(store, urn=121003, name="Brook Lane Primary School", status="closed",
                      close_date=date(2026, 12, 31), **MAINTAINED)
    new = make_school(store, urn=149001, name="Brook Lane Primary Academy",
                      predecessor_urn=121003, trust="Invented Learning Trust", **ACADEMY)
    academy = facts.register(new)
    assert academy.kind_text == "Academy (converted from URN 121003, Brook Lane Primary School)"
    assert (academy.status_text, academy.trust) == ("Open", "Invented Learning Trust")
    closed = facts.register(old)
    assert (closed.closed, closed.status_text) == (True, "Closed on 31 December 2026")
    assert closed.successor_text == "Became an academy: URN 149001, Brook Lane Primary Academy"


def test_the_other_school_is_named_from_the_gias_extract_or_by_urn_alone(store, facts):
    with store.transaction() as session:
        session.add(Establishment(urn=120999, name="Old Mill Infant School",
                                  establishment_group="Local authority maintained schools",
                                  school_type="Community school", status="closed"))
    from_extract = make_school(store, urn=149002, predecessor_urn=120999, **ACADEMY)
    assert facts.register(from_extract).kind_text == (
        "Academy (converted from URN 120999, Old Mill Infant School)")
    unknown = make_school(store, urn=149003, predecessor_urn=120998, **ACADEMY)
    assert facts.register(unknown).kind_text == "Academy (converted from URN 120998)"


def test_a_school_replaced_by_another_maintained_school_is_not_called_an_academy(store, facts):
    old = make_school(store, urn=121010, name="Infant School", status="closed", **MAINTAINED)
    make_school(store, urn=121011, name="Primary School", predecessor_urn=121010, **MAINTAINED)
    closed = facts.register(old)
    assert (closed.status_text, closed.successor_text) == (
        "Closed", "Replaced by URN 121011, Primary School")


def test_a_school_no_longer_in_the_store_is_refused(facts):
    with pytest.raises(NotFoundError):
        facts.register("no-such-school")
