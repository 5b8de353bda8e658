"""What each school is charged: the full service at its price, and each chargeable extra taken.

A school takes the full service in a year when it is in an adviser's caseload that year. The
programme publishes no unit price for most extras, so an extra with no cost recorded and no
unit price is listed as "to be quoted" and left out of the totals rather than invoiced at £0.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.programme.model import Programme
from linkadviser.store.models import CaseloadAssignment, ChargeableService, School

FULL_SERVICE = "full-service"


@dataclass(frozen=True)
class Charge:
    urn: int
    school: str
    la_maintained: bool
    item: str  # FULL_SERVICE or a chargeable service key
    description: str
    amount: float | None  # None: to be quoted
    taken_on: str = ""


@dataclass
class SchoolCosts:
    urn: int
    name: str
    la_maintained: bool
    charges: list[Charge] = field(default_factory=list)

    @property
    def full_service(self) -> float:
        return sum(c.amount or 0 for c in self.charges if c.item == FULL_SERVICE)

    @property
    def extras(self) -> float:
        return sum(c.amount or 0 for c in self.charges if c.item != FULL_SERVICE)

    @property
    def total(self) -> float:
        return self.full_service + self.extras

    @property
    def to_be_quoted(self) -> int:
        return sum(c.amount is None for c in self.charges)


@dataclass
class Costs:
    academic_year: int
    currency: str
    schools: list[SchoolCosts]

    @property
    def total(self) -> float:
        return sum(s.total for s in self.schools)

    @property
    def full_service(self) -> float:
        return sum(s.full_service for s in self.schools)

    @property
    def extras(self) -> float:
        return sum(s.extras for s in self.schools)

    @property
    def to_be_quoted(self) -> int:
        return sum(s.to_be_quoted for s in self.schools)

    def charges(self) -> list[Charge]:
        return [c for s in self.schools for c in s.charges]


def costs(session: Session, programme: Programme, academic_year: int) -> Costs:
    services = {s.key: s for s in programme.chargeable_services}
    in_service = set(session.scalars(select(CaseloadAssignment.school_id)
                                     .where(CaseloadAssignment.academic_year == academic_year)))
    extras: dict[str, list[ChargeableService]] = {}
    for extra in session.scalars(select(ChargeableService)
                                 .where(ChargeableService.academic_year == academic_year)
                                 .order_by(ChargeableService.taken_on)):
        extras.setdefault(extra.school_id, []).append(extra)
    ids = in_service | set(extras)
    result = []
    for school in session.scalars(select(School).order_by(School.name)):
        if school.id not in ids:  # filtered here: a national store has too many ids for IN
            continue
        row = SchoolCosts(school.urn, school.name, school.la_maintained)
        if school.id in in_service:
            kind = "LA maintained" if school.la_maintained else "non-maintained"
            row.charges.append(Charge(
                school.urn, school.name, school.la_maintained, FULL_SERVICE,
                f"{programme.title}: full service ({kind})",
                programme.full_service_cost(school.la_maintained)))
        for extra in extras.get(school.id, []):
            definition = services.get(extra.service_key)
            title = definition.title if definition else extra.service_key
            amount = extra.cost if extra.cost is not None else (
                definition.unit_price if definition else None)
            row.charges.append(Charge(
                school.urn, school.name, school.la_maintained, extra.service_key,
                title + (f" ({extra.notes})" if extra.notes else ""), amount,
                extra.taken_on.isoformat() if extra.taken_on else ""))
        result.append(row)
    return Costs(academic_year, programme.costs.currency, result)
