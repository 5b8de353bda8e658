"""Write the next schema revision from the models: what they add to the last revision's schema.

linkadviser 0.1.0 is in the field, so its schema (0001_initial) is never rewritten again: every
change is a new Alembic revision on top. After changing the models, run
    .venv/bin/python scripts/new_migration.py 0003_short_name "what changed"
then read the revision it writes (SQLite needs batch operations, which it uses; a new NOT NULL
column needs a server default so the rows already in advisers' stores upgrade), and move
HEAD_REVISION in linkadviser/store/migrate.py to it. tests/unit/store/test_upgrade.py then checks
that a 0.1.0 store upgrades with a backup first and loses no row.
"""

import sys
import tempfile
from pathlib import Path

from alembic import command

from linkadviser.store.db import sqlite_engine
from linkadviser.store.migrate import alembic_config

if len(sys.argv) != 3:
    sys.exit(__doc__)
rev_id, message = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    engine = sqlite_engine(Path(tmp) / "at-head.sqlite3")
    cfg = alembic_config(engine)
    command.upgrade(cfg, "head")
    command.revision(cfg, message=message, autogenerate=True, rev_id=rev_id)
    engine.dispose()
print(f"wrote linkadviser/store/migrations/versions/{rev_id}.py; now move HEAD_REVISION to it")
