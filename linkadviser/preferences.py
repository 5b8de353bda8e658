"""The adviser's display preferences, kept in the store so they follow the store, not the PC.

Only what the screens need to remember between sessions lives here (e.g. larger touch targets
on a tablet, how many daily backups to keep); it never affects what is recorded in a visit.
"""

from __future__ import annotations

from linkadviser.store.db import Store
from linkadviser.store.urls import without_password

LARGE_TARGETS_KEY = "ui.large_targets"
BACKUPS_KEPT_KEY = "backups.kept"
CENTRAL_STORE_KEY = "centre.store"  # the Centre screen's central store; "" is the default
DEFAULT_BACKUPS_KEPT = 14


class Preferences:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def large_targets(self) -> bool:
        return self.store.get_meta(LARGE_TARGETS_KEY, "0") == "1"

    @large_targets.setter
    def large_targets(self, on: bool) -> None:
        self.store.set_meta(LARGE_TARGETS_KEY, "1" if on else "0")

    @property
    def backups_kept(self) -> int:
        """How many daily backups to keep (two weeks by default)."""
        text = self.store.get_meta(BACKUPS_KEPT_KEY, "")
        return int(text) if text.isdigit() and int(text) > 0 else DEFAULT_BACKUPS_KEPT

    @backups_kept.setter
    def backups_kept(self, count: int) -> None:
        self.store.set_meta(BACKUPS_KEPT_KEY, str(max(1, int(count))))

    @property
    def central_store(self) -> str:
        """The central store the Centre screen last opened: a file path or a database URL
        without its password ("" for the data folder's own central store)."""
        return self.store.get_meta(CENTRAL_STORE_KEY, "")

    @central_store.setter
    def central_store(self, location: str) -> None:
        self.store.set_meta(CENTRAL_STORE_KEY, without_password(location.strip()))
