"""The authority a store works for: set up once at the centre, read by every document.

``central init`` records the authority's name and LA codes; the record travels to its
advisers, so their documents carry the authority's name. A store without one (an adviser
working alone) uses the programme's. The demo records an invented authority, marked demo.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from linkadviser.errors import LinkAdviserError
from linkadviser.store.db import Store
from linkadviser.store.models import Authority, ChangeLog

LA_CODE = re.compile(r"^\d{3}$")
DEMO_AUTHORITY_NAME = "Wexham County Council (demo)"


class SetupError(LinkAdviserError):
    """The centre was asked to set up, load or assign something it cannot."""


@dataclass(frozen=True)
class AuthorityInfo:
    name: str
    la_codes: tuple[str, ...]
    demo: bool = False

    @property
    def codes_text(self) -> str:
        return ", ".join(self.la_codes)


def authority_of(session: Session) -> AuthorityInfo | None:
    row = session.scalars(select(Authority).order_by(Authority.modified_at)).first()
    if row is None:
        return None
    codes = tuple(c for c in row.la_codes.split(",") if c)
    return AuthorityInfo(row.name, codes, bool(row.demo))


def read_authority(store: Store) -> AuthorityInfo | None:
    with store.session() as session:
        return authority_of(session)


def authority_name(store: Store, fallback: str) -> str:
    """The name documents and the county page carry: the store's authority, else
    ``fallback`` (the programme's)."""
    found = read_authority(store)
    return found.name if found else fallback


def is_demo(store: Store) -> bool:
    found = read_authority(store)
    return bool(found and found.demo) or store.get_meta("demo") == "true"


def note(session: Session, device_id: str, record_type: str, record_id: str, action: str,
         detail: str) -> None:
    """One line of the audit trail for a change the centre made."""
    session.add(ChangeLog(device_id=device_id, record_type=record_type, record_id=record_id,
                          action=action, detail=detail[:2000]))


def name_given(text: str, what: str) -> str:
    """A person's, school's or authority's name as typed: spaces tidied, not empty or huge."""
    name = " ".join(text.split())
    if not name or len(name) > 200:
        raise SetupError(f"Give {what} (at most 200 characters). Nothing was changed.")
    return name


def check_codes(codes: list[str]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not cleaned:
        raise SetupError("Give the authority's LA code (or codes), e.g. --la 926 (GIAS's "
                         "'LA (code)', three digits).")
    wrong = [c for c in cleaned if not LA_CODE.match(c)]
    if wrong:
        raise SetupError(f"LA code {wrong[0]!r} is not three digits, as GIAS writes them "
                         "(e.g. 926). Nothing was set up.")
    return cleaned


def init_centre(store: Store, name: str, la_codes: list[str], demo: bool = False
                ) -> AuthorityInfo:
    """Record the authority on an empty central store (or the same one again: no change)."""
    name = name_given(name, "the authority's name, e.g. --authority 'Norfolk County "
                      "Council'")
    codes = check_codes(la_codes)
    with store.transaction() as session:
        existing = authority_of(session)
        if existing is not None and existing.name != name:
            raise SetupError(f"This central store is already set up for {existing.name} "
                             f"(LA {existing.codes_text}); use another --db for {name}. "
                             "Nothing was changed.")
        row = session.scalars(select(Authority)).first()
        if row is None:
            row = Authority(name=name, la_codes=",".join(codes), demo=demo)
            session.add(row)
            session.flush()
            note(session, store.device_id, "authorities", row.id, "set up",
                 f"{name}, LA {', '.join(codes)}")
        elif row.la_codes != ",".join(codes):
            row.la_codes = ",".join(codes)
            note(session, store.device_id, "authorities", row.id, "LA codes",
                 ", ".join(codes))
    return AuthorityInfo(name, codes, demo)


def require_authority(store: Store) -> AuthorityInfo:
    found = read_authority(store)
    if found is None:
        raise SetupError("This central store is not set up yet: run `linkadviser central "
                         "init --db ... --authority NAME --la CODE` first.")
    return found
