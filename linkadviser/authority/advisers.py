"""The centre's advisers: enrol, list, retire. A retired adviser's history stays theirs.

``retire_adviser`` is the one way an adviser leaves; whatever else must happen then (e.g.
revoking their signing certificate) hooks in through ``RETIRE_HOOKS``, run in the same
transaction, so a hook that fails leaves the adviser as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from linkadviser.authority.profile import SetupError, name_given, note
from linkadviser.store.db import Store
from linkadviser.store.models import Adviser, CaseloadAssignment, School

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Called with the session and the adviser being retired, inside the retiring transaction.
RETIRE_HOOKS: list[Callable[[Session, Adviser], None]] = []


@dataclass(frozen=True)
class AdviserRow:
    id: str
    name: str
    email: str
    schools: int  # assigned in the year asked for
    retired_on: date | None


@dataclass(frozen=True)
class Retired:
    name: str
    email: str
    retired_on: date
    still_assigned: list[str]  # schools of the year still assigned to them: reassign these


def _email(text: str) -> str:
    email = text.strip().lower()
    if not EMAIL.match(email) or len(email) > 200:
        raise SetupError(f"{text!r} is not an email address; advisers are known by their "
                         "email (e.g. ann.adviser@example.gov.uk). Nothing was changed.")
    return email


def adviser_by_email(session: Session, email: str) -> Adviser | None:
    return session.scalars(select(Adviser).where(
        func.lower(Adviser.email) == email.strip().lower())).first()


def add_adviser(store: Store, name: str, email: str) -> AdviserRow:
    name = name_given(name, "the adviser's name")
    address = _email(email)
    with store.transaction() as session:
        existing = adviser_by_email(session, address)
        if existing is not None:
            state = f", retired {existing.retired_on:%d %B %Y}" if existing.retired_on else ""
            raise SetupError(f"{address} is already an adviser ({existing.name}{state}). "
                             "Nothing was changed.")
        adviser = Adviser(name=name, email=address)
        session.add(adviser)
        session.flush()
        note(session, store.device_id, "advisers", adviser.id, "enrolled",
             f"{name} <{address}>")
        return AdviserRow(adviser.id, name, address, 0, None)


def list_advisers(store: Store, year: int) -> list[AdviserRow]:
    with store.session() as session:
        counts = dict(session.execute(
            select(CaseloadAssignment.adviser_id, func.count())
            .where(CaseloadAssignment.academic_year == year)
            .group_by(CaseloadAssignment.adviser_id)).all())
        return [AdviserRow(a.id, a.name, a.email, counts.get(a.id, 0), a.retired_on)
                for a in session.scalars(select(Adviser).order_by(Adviser.name))]


def retire_adviser(store: Store, email: str, today: date, year: int,
                   hooks: Sequence[Callable[[Session, Adviser], None]] = ()) -> Retired:
    """Mark the adviser retired; their visits and records stay, and so do their past
    assignments. Schools still assigned to them for ``year`` are named for reassigning.
    ``hooks`` run after ``RETIRE_HOOKS``, in the same transaction (e.g. revoking the
    adviser's certificate with the passphrase this call was given)."""
    address = email.strip().lower()
    with store.transaction() as session:
        adviser = adviser_by_email(session, address)
        if adviser is None:
            raise SetupError(f"There is no adviser {email!r}; `linkadviser central advisers "
                             "list` shows them. Nothing was changed.")
        if adviser.retired_on is not None:
            raise SetupError(f"{adviser.name} <{adviser.email}> retired on "
                             f"{adviser.retired_on:%d %B %Y}. Nothing was changed.")
        adviser.retired_on = today
        for hook in [*RETIRE_HOOKS, *hooks]:
            hook(session, adviser)
        still = [f"{urn} {name}" for urn, name in session.execute(
            select(School.urn, School.name).join(
                CaseloadAssignment, CaseloadAssignment.school_id == School.id)
            .where(CaseloadAssignment.adviser_id == adviser.id,
                   CaseloadAssignment.academic_year == year).order_by(School.name))]
        note(session, store.device_id, "advisers", adviser.id, "retired", f"{today}")
        return Retired(adviser.name, adviser.email, today, still)
