"""Who this store is in an exchange, and where each partner's exchanges left off.

An adviser's store has one partner, the centre; the centre has one partner per adviser. The
marks are kept on this side in this store's own clock, so "changed since the last exchange"
never compares two laptops' clocks.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from linkadviser.store.models import Adviser, Meta
from linkadviser.store.models_sync import SyncPartner
from linkadviser.sync.manifest import Party

ADVISER_KEY = "sync.adviser_id"  # the adviser whose store this is, learnt from the centre
CENTRE = "centre"
ADVISER = "adviser"


def partner_key(party: Party) -> str:
    if party.role == CENTRE:
        return CENTRE
    return f"{ADVISER}:{party.adviser_id or party.device_id}"


def described(key: str, name: str = "") -> str:
    """A partner as a person reads it: "the centre" or "adviser Ann Smith"."""
    if key == CENTRE:
        return "the centre"
    return f"adviser {name or key.removeprefix(ADVISER + ':')}"


def store_adviser_id(session: Session) -> str:
    row = session.get(Meta, ADVISER_KEY)
    return row.value if row else ""


def set_store_adviser_id(session: Session, adviser_id: str) -> None:
    session.merge(Meta(key=ADVISER_KEY, value=adviser_id))


def this_adviser(session: Session, device_id: str) -> Party:
    adviser_id = store_adviser_id(session)
    adviser = session.get(Adviser, adviser_id) if adviser_id else None
    return Party(device_id=device_id, role=ADVISER, adviser_id=adviser_id,
                 name=adviser.name if adviser else "")


def partner(session: Session, key: str, role: str, name: str = "") -> SyncPartner:
    row = session.get(SyncPartner, key)
    if row is None:
        row = SyncPartner(device_id=key, role=role, name=name, last_export_log_seq=0)
        session.add(row)
    elif name:
        row.name = name
    return row


def mark_exported(session: Session, key: str, role: str, at: datetime, log_seq: int) -> None:
    row = partner(session, key, role)
    row.last_export_at = at
    row.last_export_log_seq = log_seq


def export_marks(session: Session, key: str) -> tuple[datetime | None, int]:
    row = session.get(SyncPartner, key)
    return (row.last_export_at, row.last_export_log_seq or 0) if row else (None, 0)


def import_marks(session: Session, key: str) -> tuple[datetime | None, datetime | None]:
    """(last import from the partner, last export to it): the base for spotting conflicts."""
    row = session.get(SyncPartner, key)
    return (row.last_import_at, row.last_export_at) if row else (None, None)
