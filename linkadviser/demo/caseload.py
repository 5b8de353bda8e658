"""Loading the invented demo caseload into an empty store.

A new user should see real-looking work at once: 42 invented schools, last year's visits done
and signed, this year's autumn visits at every stage. The content is data
(``resources/demo/caseload.yaml``) placed relative to the current academic year, so the demo
always looks current. Signed visits get real ``SignedVersion`` rows whose fingerprint is
computed from the stored visit exactly as ``Workflow.sign`` does, so verifying a demo document
works like verifying a real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from linkadviser.authority.profile import DEMO_AUTHORITY_NAME
from linkadviser.calendar import term_of, year_label
from linkadviser.demo.bank import demo_dir
from linkadviser.demo.records import (
    Placement,
    RowSink,
    place_visit,
    placed_date,
    signed_at,
    signed_version_values,
)
from linkadviser.demo.schools import read_schools
from linkadviser.errors import LinkAdviserError
from linkadviser.programme import bundled_programmes, for_phase
from linkadviser.programme.model import Programme
from linkadviser.signing.demo import enrol_demo_adviser
from linkadviser.store import models as m
from linkadviser.store.base import new_id
from linkadviser.store.db import Store
from linkadviser.visit.editor import log_change
from linkadviser.visit.reading import content_of
from linkadviser.words import count

FORMAT = 1
DEMO_KEY = "demo"
DEMO_ADVISER = "Demo Adviser (invented)"
DEMO_EMAIL = "demo.adviser@example.invalid"


class DemoRefusedError(LinkAdviserError):
    """The demo goes only into an empty store, never on top of an adviser's own work."""


@dataclass(frozen=True)
class DemoSummary:
    schools: int
    visits: int
    signed: int
    academic_year: int
    data: str  # what became of the demo county's performance files

    def __str__(self) -> str:
        data = f"; {self.data}" if self.data else ""
        return (f"{self.schools} invented schools, {self.visits} visits ({self.signed} signed) "
                f"in {year_label(self.academic_year - 1)} and "
                f"{year_label(self.academic_year)}{data}")


def ensure_empty(session: Session, what: str) -> None:
    """Invented data never goes on top of an adviser's own work."""
    existing = session.scalar(select(func.count()).select_from(m.School))
    if existing:
        raise DemoRefusedError(
            f"This store already has {count(existing, 'school')}; {what} is only loaded into an "
            "empty store. Nothing was changed. Set LINKADVISER_HOME to an empty folder "
            "to try it.")


def read_caseload(path: Path | None = None) -> dict[str, Any]:
    with (path or demo_dir() / "caseload.yaml").open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise LinkAdviserError(f"{path or 'caseload.yaml'} is not a demo caseload of format "
                               f"{FORMAT}; regenerate it with scripts/make_demo_caseload.py.")
    return data


def is_demo(store: Store) -> bool:
    return store.get_meta(DEMO_KEY) == "true"


def load_demo(store: Store, programme: Programme, today: date | None = None) -> DemoSummary:
    """Fill an empty store with the demo caseload in one transaction; refuse a store that
    already has schools (nothing is changed then)."""
    today = today or date.today()
    data = read_caseload()
    current = term_of(today, programme.terms).academic_year
    with store.transaction() as session:
        ensure_empty(session, "the demo caseload")
        sink = RowSink(store.device_id, new_id)
        signed = _add_caseload(sink, data, programme, current, today)
        sink.write(session)
        # One query per table for all signed visits, not one visit at a time (5x faster).
        for visit in session.scalars(select(m.Visit).where(m.Visit.id.in_(signed))
                                     .options(selectinload("*"))):
            content = content_of(visit)
            session.add(m.SignedVersion(**signed_version_values(
                content, visit.signed_version, signed_at(content))))
        session.merge(m.Meta(key=DEMO_KEY, value="true"))
        session.add(m.Authority(name=DEMO_AUTHORITY_NAME, la_codes="", demo=True))
        visits = session.scalar(select(func.count()).select_from(m.Visit))
        log_change(session, "store", DEMO_KEY, "demo_loaded",
                   {"academic_year": current, "visits": visits})
    enrol_demo_adviser(store, DEMO_AUTHORITY_NAME)  # signed records, as governors see them
    return DemoSummary(len(data["schools"]), visits, len(signed), current, _import_data(store))


def _add_caseload(sink: RowSink, data: dict[str, Any], programme: Programme, current: int,
                  today: date) -> list[str]:
    """Queue the adviser, schools, assignments, visits and services; returns signed visit ids."""
    for year in (current - 1, current):
        sink.add(m.AcademicYear, start_year=year)
    adviser = data["adviser"]
    adviser_id = sink.add(m.Adviser, name=adviser["name"], email=adviser["email"])
    schools = {s["urn"]: s for s in read_schools()}
    programmes = [programme, *(p for p, _ in bundled_programmes() if p.id != programme.id)]
    signed = []
    for entry in data["schools"]:
        school = schools[entry["urn"]]
        school_id = sink.add(m.School, **school)
        followed = for_phase(programmes, school["phase"])  # primary schools: the primary one
        for year in (current - 1, current):
            sink.add(m.CaseloadAssignment, school_id=school_id, adviser_id=adviser_id,
                     academic_year=year)
        for visit in entry["visits"]:
            year = current + visit["year"]
            content = place_visit(sink, visit, Placement(
                school_id, school["urn"], school["name"], year, followed.id,
                followed.version, adviser_id, adviser["name"], followed.terms), today)
            if content is not None:
                signed.append(content.visit_id)
        for service in entry.get("chargeable_services", []):
            year = current + service["year"]
            sink.add(m.ChargeableService, school_id=school_id, academic_year=year,
                     service_key=service["key"], taken_on=placed_date(year, service["date"], today,
                                                           followed.terms),
                     cost=service["cost"], notes=service["notes"])
    return signed


def _import_data(store: Store) -> str:
    """Import the demo county's performance files, when the data import is part of this build.

    The caseload is already committed by then: a file the import refuses leaves the demo usable
    without that data, and the summary says so rather than failing the whole demo.
    """
    try:
        from linkadviser.data.demo import import_demo_data
    except ImportError:
        return ""
    try:
        return f"{len(import_demo_data(store))} performance data files imported"
    except LinkAdviserError as exc:
        return f"performance data not imported: {exc}"
