"""The adviser's display preferences, kept in the store so they follow the store, not the PC.

Only what the screens need to remember between sessions lives here (e.g. larger touch targets
on a tablet); it never affects what is recorded in a visit.
"""

from __future__ import annotations

from linkadviser.store.db import Store

LARGE_TARGETS_KEY = "ui.large_targets"


class Preferences:
    def __init__(self, store: Store) -> None:
        self.store = store

    @property
    def large_targets(self) -> bool:
        return self.store.get_meta(LARGE_TARGETS_KEY, "0") == "1"

    @large_targets.setter
    def large_targets(self, on: bool) -> None:
        self.store.set_meta(LARGE_TARGETS_KEY, "1" if on else "0")
