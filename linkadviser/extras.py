"""Chargeable extra services a school takes beyond the core programme.

The programme lists which extras exist (brokering support, validating evidence, a sixth form
monitoring visit, health checks, intensive monitoring boards); the adviser records each one a
school takes, with its date and agreed price, so the centre can invoice it. An extra with no
price yet is "to be quoted", never £0.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from linkadviser.calendar import term_of
from linkadviser.errors import LinkAdviserError, NotFoundError
from linkadviser.programme.model import Programme
from linkadviser.store.db import Store
from linkadviser.store.models import AcademicYear, ChargeableService, School
from linkadviser.visit.editor import log_change


def price_text(cost: float | None) -> str:
    """How an extra's price reads to the adviser: '£450.00', or 'to be quoted'."""
    return "to be quoted" if cost is None else f"£{cost:,.2f}"


class ExtraServiceError(LinkAdviserError):
    """An extra service was recorded with a value that cannot be used."""


@dataclass(frozen=True)
class ExtraServiceView:
    id: str
    service_key: str
    title: str
    academic_year: int
    taken_on: date | None
    cost: float | None
    notes: str


class ExtraServices:
    def __init__(self, store: Store, programme: Programme,
                 today: Callable[[], date] = date.today) -> None:
        self.store = store
        self.programme = programme
        self.today = today

    def titles(self) -> dict[str, str]:
        return {c.key: c.title for c in self.programme.chargeable_services}

    def for_school(self, school_id: str) -> list[ExtraServiceView]:
        titles = self.titles()
        with self.store.session() as session:
            rows = session.scalars(select(ChargeableService)
                                   .where(ChargeableService.school_id == school_id)
                                   .order_by(ChargeableService.taken_on.desc())).all()
            return [ExtraServiceView(r.id, r.service_key, titles.get(r.service_key, r.service_key),
                                     r.academic_year, r.taken_on, r.cost, r.notes) for r in rows]

    def add(self, school_id: str, service_key: str, taken_on: date | None = None,
            cost: float | None = None, notes: str = "") -> str:
        titles = self.titles()
        if service_key not in titles:
            known = ", ".join(titles)
            raise ExtraServiceError(f"{service_key!r} is not one of the programme's chargeable "
                                    f"services ({known}).")
        if cost is not None and cost < 0:
            raise ExtraServiceError("A price cannot be negative; leave it empty if it is still "
                                    "to be quoted.")
        when = taken_on or self.today()
        year = term_of(when, self.programme.terms).academic_year
        with self.store.transaction() as session:
            if session.get(School, school_id) is None:
                raise NotFoundError("That school is no longer in this store.")
            if session.get(AcademicYear, year) is None:
                session.add(AcademicYear(start_year=year))
            row = ChargeableService(school_id=school_id, academic_year=year,
                                    service_key=service_key, taken_on=when, cost=cost,
                                    notes=notes.strip())
            session.add(row)
            session.flush()
            log_change(session, "chargeable_service", row.id, "add",
                       {"service_key": service_key, "taken_on": when, "cost": cost})
            return row.id

    def remove(self, extra_id: str) -> None:
        """Delete a recorded extra. The app asks the adviser to confirm before calling this."""
        with self.store.transaction() as session:
            row = session.get(ChargeableService, extra_id)
            if row is None:
                raise NotFoundError("That extra service is no longer recorded.")
            session.delete(row)
            log_change(session, "chargeable_service", extra_id, "remove")
