"""Alembic environment: runs against the engine the store hands over (no alembic.ini needed)."""

from alembic import context

from linkadviser.store import tables  # noqa: F401 - registers every table on Base.metadata
from linkadviser.store.base import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url"))

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
