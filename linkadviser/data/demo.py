"""The demo county's invented performance files, imported into a demo store."""

from __future__ import annotations

from linkadviser.data.importer import ImportReport, import_file
from linkadviser.paths import resources_dir
from linkadviser.store.db import Store


def import_demo_data(store: Store) -> list[ImportReport]:
    """Import every file in ``resources/demo/data`` (replacing any earlier demo import)."""
    files = sorted((resources_dir() / "demo" / "data").rglob("*.csv"))
    return [import_file(store, path, on_existing="replace") for path in files]
