"""Schema migrations with Alembic, and the backup taken before any migration.

Alembic is imported only when the store is behind this app's schema: opening an up-to-date
store costs one query, which keeps start-up fast.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, inspect, text

from linkadviser.errors import StoreError
from linkadviser.store.backups import take_backup

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions; a test checks it against Alembic's own head.
HEAD_REVISION = "0005_report_cards_in_rows"


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return any(name != "alembic_version" for name in inspect(conn).get_table_names())


def alembic_config(engine: Engine):  # noqa: ANN201 - alembic is imported lazily
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("file_template", "%%(rev)s")
    cfg.attributes["engine"] = engine
    return cfg


def known_revisions() -> set[str]:
    return {p.stem for p in (MIGRATIONS_DIR / "versions").glob("*.py") if p.stem[0].isdigit()}


def upgrade(engine: Engine, path: Path | None) -> None:
    """Bring the store to HEAD_REVISION, backing the file up first if it holds data."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            f"This database was written by a newer linkadviser (schema {revision}). "
            "Install the newer version to open it; nothing was changed."
        )
    if path is not None and path.exists() and has_user_tables(engine):
        take_backup(path, f"before-{HEAD_REVISION}")
    from alembic import command

    command.upgrade(alembic_config(engine), "head")
