"""A small invented county written straight into a store, for the authority's tests."""

from __future__ import annotations

from datetime import date

from linkadviser.programme import default_programme
from linkadviser.store.models import (
    AcademicYear,
    ActionPoint,
    Adviser,
    CaseloadAssignment,
    ChargeableService,
    School,
    Target,
    Visit,
)

YEAR = 2026
TODAY = date(2026, 11, 26)  # autumn term 2026/27

# (urn, name, phase, maintained, grade, inspected)
SCHOOLS = [
    (1, "Ash Primary", "primary", True, 1, date(2015, 5, 1)),
    (2, "Birch Primary", "Primary", True, 2, date(2024, 5, 1)),
    (3, "Cedar Primary", "PRIMARY", False, 3, date(2025, 3, 1)),
    (4, "Damson High", "secondary", True, 4, date(2025, 6, 1)),
    (5, "Elm Academy", "Secondary", False, 2, date(2023, 1, 1)),
    (6, "Fir Free School", "Secondary", False, None, None),
]


def build_county(store, year: int = YEAR) -> dict[int, str]:
    """Two advisers, six schools; returns school ids by URN."""
    with store.transaction() as s:
        s.add_all([AcademicYear(start_year=year)])
        ann, bob = Adviser(name="Ann Adviser"), Adviser(name="Bob Adviser")
        s.add_all([ann, bob])
        ids = {}
        for urn, name, phase, maintained, grade, when in SCHOOLS:
            school = School(urn=urn, name=name, phase=phase, la_maintained=maintained,
                            ofsted_grade=grade, ofsted_date=when,
                            local_authority="Wexham")
            s.add(school)
            s.flush()
            ids[urn] = school.id
            if urn != 6:
                s.add(CaseloadAssignment(school_id=school.id, academic_year=year,
                                         adviser_id=(ann if urn <= 3 else bob).id))
        # Ann: visit 1 at Ash signed, at Birch done but not signed; Cedar nothing yet.
        p = default_programme()
        v1 = Visit(school_id=ids[1], academic_year=year, visit_number=1, programme_id=p.id,
                   programme_version=p.version, state="signed", visit_date=date(2026, 10, 1))
        v2 = Visit(school_id=ids[2], academic_year=year, visit_number=1, programme_id=p.id,
                   programme_version=p.version, state="ready_to_sign",
                   visit_date=date(2026, 10, 2))
        s.add_all([v1, v2])
        s.flush()
        for i, due in enumerate([date(2026, 10, 20), date(2026, 11, 1), date(2026, 11, 2),
                                 date(2027, 3, 1)]):
            s.add(ActionPoint(visit_id=v1.id, school_id=ids[1], text=f"action {i}",
                              due_date=due, status="open"))
        s.add(Target(visit_id=v1.id, school_id=ids[1], for_year=year, measure="ks2",
                     target=70, outcome=72, agreed=True))
        s.add(Target(visit_id=v1.id, school_id=ids[1], for_year=year, measure="ks2 dis",
                     target=60, outcome=50, agreed=True))
        s.add(ChargeableService(school_id=ids[4], academic_year=year,
                                service_key="intensive-monitoring", cost=1500.0,
                                taken_on=date(2026, 10, 5)))
        s.add(ChargeableService(school_id=ids[5], academic_year=year,
                                service_key="sixth-form-monitoring", cost=None))
    return ids
