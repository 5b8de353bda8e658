"""The demo county's invented performance files, imported into a demo store."""

from __future__ import annotations

from linkadviser.data.importer import ImportReport, import_file
from linkadviser.paths import resources_dir
from linkadviser.store.db import Store


def import_demo_data(store: Store) -> list[ImportReport]:
    """Import every file in ``resources/demo/data`` (replacing any earlier demo import).

    That includes an invented Ofsted management-information file per year: each import is a
    picture of England and the county as they stood then, which is what gives the County page
    its England comparator and its trajectory. Paths sort oldest year first, and the latest
    file holds the grades in ``schools.csv``, so the caseload's grades end as the demo made them.
    """
    files = sorted((resources_dir() / "demo" / "data").rglob("*.csv"))
    return [import_file(store, path, on_existing="replace") for path in files]
