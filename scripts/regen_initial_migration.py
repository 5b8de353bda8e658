"""Regenerate migrations/versions/0001_initial.py from the models.

Only while nothing has been released: once a store exists in the field, new migrations are
added on top (``alembic revision --autogenerate``) and this script must not be used.
"""

import tempfile
from pathlib import Path

from alembic import command

from linkadviser.store.db import sqlite_engine
from linkadviser.store.migrate import MIGRATIONS_DIR, alembic_config

target = MIGRATIONS_DIR / "versions" / "0001_initial.py"
target.unlink(missing_ok=True)
with tempfile.TemporaryDirectory() as tmp:
    engine = sqlite_engine(Path(tmp) / "empty.sqlite3")
    cfg = alembic_config(engine)
    command.revision(cfg, message="initial schema", autogenerate=True, rev_id="0001_initial")
    engine.dispose()
print(f"wrote {target}")
