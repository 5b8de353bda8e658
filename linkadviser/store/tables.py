"""Imports every module that defines tables, so ``Base.metadata`` knows the whole schema.

A feature that adds tables adds its module here (one line), then adds a migration
(scripts/new_migration.py).
"""

import linkadviser.store.models_authority  # noqa: F401
import linkadviser.store.models_data  # noqa: F401
import linkadviser.store.models_gias  # noqa: F401
import linkadviser.store.models_school  # noqa: F401
import linkadviser.store.models_sync  # noqa: F401
from linkadviser.store import models  # noqa: F401
