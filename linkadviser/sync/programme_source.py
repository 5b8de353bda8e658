"""The programme a store works to: the one the centre last sent, else the bundled one.

The centre changes the programme (a new QA criterion, a different price) by sending its
programme file with the adviser's next sync; it is kept in the store with the rest of the
exchange so it arrives all or nothing, like everything else in the file.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from linkadviser.errors import ProgrammeError
from linkadviser.paths import programme_path
from linkadviser.programme import default_programme
from linkadviser.programme.loader import parse_programme
from linkadviser.programme.model import Programme
from linkadviser.store.db import Store
from linkadviser.store.models import Meta
from linkadviser.sync.errors import SyncError

PROGRAMME_KEY = "sync.programme_yaml"
PROGRAMME_MEMBER = "programme.yaml"


def received_programme_text(session: Session) -> str:
    row = session.get(Meta, PROGRAMME_KEY)
    return row.value if row else ""


def programme_text(store: Store) -> str:
    """The programme file this store would send on: received, else the bundled file."""
    return store.get_meta(PROGRAMME_KEY) or programme_path().read_text(encoding="utf-8")


def current_programme(store: Store) -> Programme:
    text = store.get_meta(PROGRAMME_KEY)
    return parse_programme(text, PROGRAMME_MEMBER) if text else default_programme()


def check_programme_text(raw: bytes) -> str:
    """Validate a received programme before anything is stored; SyncError says what is wrong."""
    try:
        text = raw.decode("utf-8")
        parse_programme(text, PROGRAMME_MEMBER)
    except (UnicodeDecodeError, ProgrammeError) as exc:
        raise SyncError(f"The sync file was refused: the programme it carries is not valid "
                        f"({exc}). Ask the centre to check its programme file. "
                        "Nothing was changed.") from None
    return text


def store_programme_text(session: Session, text: str) -> None:
    session.merge(Meta(key=PROGRAMME_KEY, value=text))
