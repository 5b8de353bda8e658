"""The demo caseload loaded once per run (and day), copied into the tests' stores that only
need a demo to look at: loading it (42 schools, their visits signed for real, the county's
performance files imported) takes seconds each time. Tests of the demo itself load it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from linkadviser.demo.caseload import load_demo
from linkadviser.programme.model import Programme
from linkadviser.signing.state import keys_dir
from linkadviser.store.base import DEVICE_KEY
from linkadviser.store.db import Store, open_store
from tests.store_template import fill_from

DemoCopy = Callable[[Store, Programme, date], None]


@pytest.fixture(scope="session")
def demo_copy(tmp_path_factory) -> DemoCopy:
    """``demo_copy(store, programme, today)`` leaves the new, empty ``store`` as
    ``load_demo(store, programme, today)`` would: the demo store's file and its adviser's key
    copied in. The store takes the copy's device id, as a restored backup does."""
    loaded: dict[tuple[str, str, date], Path] = {}

    def copy(store: Store, programme: Programme, today: date) -> None:
        key = (programme.id, programme.version, today)
        if key not in loaded:
            folder = tmp_path_factory.mktemp("demo")
            demo = open_store(folder / "linkadviser.sqlite3")
            try:
                load_demo(demo, programme, today)
            finally:
                demo.close()
            loaded[key] = folder
        folder = loaded[key]
        fill_from(folder / "linkadviser.sqlite3", store.engine)
        store.device_id = store.get_meta(DEVICE_KEY)
        shutil.copytree(folder / "keys", keys_dir(store), dirs_exist_ok=True)

    return copy
