"""The central store: where it is, opening it, and the files it sends back to each adviser.

The centre keeps every adviser's work in one store, SQLite by default and PostgreSQL when given
a ``postgresql://`` URL; both run the same models and migrations (``open_url``). Merging
advisers' files and writing theirs back go through ``linkadviser.sync``, so the central store
obeys the same rules as any adviser's (atomic, idempotent, no silent overwrite of signed work).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from linkadviser.errors import LinkAdviserError
from linkadviser.paths import data_dir
from linkadviser.store.db import Store, open_url
from linkadviser.store.models import Adviser, CaseloadAssignment
from linkadviser.store.urls import masked
from linkadviser.sync.errors import SyncError
from linkadviser.words import count, plural

CENTRAL_FILE = "central.sqlite3"
SYNC_SUFFIX = ".zip"  # a sync file is a zip archive (linkadviser.sync.archive)


class CentralStoreError(LinkAdviserError):
    """The central store's address is not one linkadviser can use."""


def central_url(given: str | None) -> str:
    """The SQLAlchemy URL for ``--db``: a file path or sqlite URL, or a PostgreSQL URL.

    ``postgresql://`` means psycopg 3 (the driver shipped with linkadviser), not SQLAlchemy's
    default psycopg2, so people can paste the URL their database administrator gave them.
    """
    if not given:
        return f"sqlite:///{data_dir() / CENTRAL_FILE}"
    if "://" not in given:
        return f"sqlite:///{Path(given).expanduser().resolve()}"
    try:
        url = make_url(given)
    except (ArgumentError, ValueError) as exc:
        raise CentralStoreError(f"{masked(given)!r} is not a database URL. Give a file path "
                                "for SQLite or postgresql://user@host/dbname.") from exc
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    if url.drivername in ("postgresql+psycopg", "sqlite"):
        return given
    raise CentralStoreError(f"linkadviser keeps its central store in SQLite or PostgreSQL, "
                            f"not {url.drivername}. Give a file path or postgresql://...")


def open_central(given: str | None) -> Store:
    return open_url(central_url(given))


@dataclass(frozen=True)
class AdviserFile:
    adviser: str
    path: Path
    lines: list[str]


def _file_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "adviser"


def advisers_with_caseload(store: Store) -> list[Adviser]:
    with store.session() as session:
        return list(session.scalars(
            select(Adviser).where(Adviser.id.in_(select(CaseloadAssignment.adviser_id)))
            .order_by(Adviser.name)))


def export_for_advisers(store: Store, folder: Path, everything: bool = False,
                        only: str | None = None,
                        log: Callable[[str], None] = lambda _line: None,
                        signer: object | None = None) -> list[AdviserFile]:
    """One file per adviser with a caseload, written from the central store by sync, signed
    by ``signer`` (``signing.sync_files.centre_signer``) once the centre has its CA."""
    from linkadviser.sync.export import export_central

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for adviser in advisers_with_caseload(store):
        if only and only not in (adviser.id, adviser.email, adviser.name):
            continue
        if adviser.retired_on is not None:
            log(f"{adviser.name} retired on {adviser.retired_on:%d %B %Y}: no file written")
            continue
        path = folder / f"for-{_file_name(adviser.email or adviser.name)}{SYNC_SUFFIX}"
        report = export_central(store, path, adviser.id, everything=everything,
                                signer=signer)  # type: ignore[arg-type]
        log(report.lines()[0])
        written.append(AdviserFile(adviser.name, path, report.lines()))
    if only and not written:
        raise CentralStoreError(f"No adviser with a caseload matches {only!r} in the central "
                                "store. Give the adviser's email, exact name or id.")
    return written


Importer = Callable[[Connection, Store, Path], list[str]]


class MergeRefused(SyncError):
    """Some files were refused; the others were merged (and committed) all the same."""

    def __init__(self, lines: list[str], refused: list[str]) -> None:
        n = len(refused)
        super().__init__(f"{count(n, 'file')} {plural(n, 'was')} refused and changed nothing: "
                         f"{'; '.join(refused)}. The other files were merged.")
        self.lines = lines  # what the merged files reported, as merge_files returns it
        self.refused = refused


def sync_importer() -> Importer:
    """The sync import of ``linkadviser.sync``: the one reader of sync files."""
    from linkadviser.sync.importer import import_for_central

    return import_for_central


def merge_files(store: Store, paths: list[Path], importer: Importer | None = None,
                waiting: Callable[[int], None] | None = None) -> list[str]:
    """Import every adviser's file in one transaction, each file under a savepoint.

    One commit instead of one per file: with the store's full durability each commit forces
    the whole journal to disk, and 30 of them were a third of a county's merge. A file refused
    (damaged, unknown references, records that do not fit) is rolled back to its savepoint
    alone: the others are merged and committed, then MergeRefused names the refused ones. A
    fault of the store itself (a full disk) or a killed process rolls back the whole merge,
    leaving the store as before; a file already merged changes nothing, so it is simply run
    again. While another program writes to the store, ``waiting`` hears how long the merge
    has waited for it."""
    from linkadviser.sync.importer import StoreFault, writing_many

    importer = importer or sync_importer()
    lines: list[str] = []
    refused: list[str] = []
    with writing_many(store, waiting) as conn:
        for path in paths:
            savepoint = conn.begin_nested()
            try:
                lines += importer(conn, store, path)
            except StoreFault:
                raise
            except SyncError as exc:
                savepoint.rollback()
                refused.append(f"{path} ({exc})")
                continue
            except DBAPIError:
                raise  # the store's own fault: the whole merge goes (see above)
            except Exception as exc:  # noqa: BLE001 - one file's fault must not sink the rest
                # A file the checks should have refused but did not (a fault in linkadviser):
                # it is undone and named like any refused file, and the others are merged.
                savepoint.rollback()
                refused.append(f"{path} (it could not be read: {type(exc).__name__}: "
                               f"{str(exc)[:200]}; please report this with the file)")
                continue
            savepoint.commit()
    if refused:
        raise MergeRefused(lines, refused)
    return lines
