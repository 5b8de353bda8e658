"""Small builders for test data, going through the models directly (not the demo)."""

from __future__ import annotations

from linkadviser.store.db import Store
from linkadviser.store.models import School

_next_urn = [100000]


def make_school(store: Store, **fields) -> str:
    _next_urn[0] += 1
    values = {"urn": _next_urn[0], "name": f"School {_next_urn[0]}", "phase": "Secondary",
              "la_maintained": True, "ofsted_grade": 2}
    values.update(fields)
    with store.transaction() as session:
        school = School(**values)
        session.add(school)
        session.flush()
        return school.id
