"""An authority with its certificate authority, and advisers enrolled with it, for tests.

``enrol`` moves the request and the certificate the way sync files carry them (the
``trust.json`` member's contents), without the rest of a sync file."""

from __future__ import annotations

from pathlib import Path

from linkadviser.signing import centre, exchange, state
from linkadviser.signing.adviser import create_key
from linkadviser.store.db import Store, open_store
from linkadviser.store.models import Adviser
from linkadviser.sync import marks

PASSPHRASE = "correct horse battery"
CENTRE_PASSPHRASE = "the centre's own passphrase"
AUTHORITY = "Testshire County Council"


def make_centre(folder: Path) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    store = open_store(folder / "central.sqlite3")
    centre.init_ca(store, AUTHORITY, CENTRE_PASSPHRASE)
    return store


def add_adviser(store: Store, adviser_id: str, name: str) -> None:
    with store.transaction() as session:
        if session.get(Adviser, adviser_id) is None:
            session.add(Adviser(id=adviser_id, name=name, email=f"{adviser_id}@example.org"))


def send_request(adviser_store: Store, central: Store, adviser_id: str) -> list[str]:
    with adviser_store.session() as session:
        raw = exchange.from_adviser(session)
    with central.transaction() as session:
        return exchange.take_at_centre(session, adviser_id, raw) if raw else []


def send_back(central: Store, adviser_store: Store, adviser_id: str) -> list[str]:
    with central.transaction() as session:
        centre.issue_waiting(session, centre.unlock(session, CENTRE_PASSPHRASE))
        raw = exchange.from_centre(session, adviser_id)
    with adviser_store.transaction() as session:
        data = exchange.check_from_centre(raw, state.get(session, state.ROOT))
        return exchange.take_at_adviser(session, data)


def enrol(central: Store, adviser_store: Store, adviser_id: str = "adviser-1",
          name: str = "Siân Llŷr", replace: bool = False) -> None:
    add_adviser(central, adviser_id, name)
    add_adviser(adviser_store, adviser_id, name)
    with adviser_store.transaction() as session:
        marks.set_store_adviser_id(session, adviser_id)
    create_key(adviser_store, PASSPHRASE, replace=replace)
    send_request(adviser_store, central, adviser_id)
    send_back(central, adviser_store, adviser_id)
