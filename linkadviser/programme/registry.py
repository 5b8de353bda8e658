"""Which programme a visit follows: the version it was begun under, not today's file.

The current programme file is remembered in the store the first time it is used; a visit
whose version differs is read from the text kept then, so changing the programme never
changes an existing visit's agenda, checklist or QA criteria.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from linkadviser.errors import ProgrammeError
from linkadviser.programme.loader import parse_programme
from linkadviser.programme.model import Programme
from linkadviser.store.db import Store
from linkadviser.store.models import ProgrammeVersion


class ProgrammeRegistry:
    def __init__(self, store: Store, current: Programme,
                 current_source: Callable[[], str]) -> None:
        self.store = store
        self.current = current
        self._cache: dict[tuple[str, str], Programme] = {(current.id, current.version): current}
        self._remember(current, current_source)

    def _remember(self, programme: Programme, source: Callable[[], str]) -> None:
        """Keep the programme's text, written out only the first time a version is seen."""
        with self.store.transaction() as session:
            known = session.scalar(select(ProgrammeVersion.id).where(
                ProgrammeVersion.programme_id == programme.id,
                ProgrammeVersion.version == programme.version))
            if known is None:
                session.add(ProgrammeVersion(programme_id=programme.id,
                                             version=programme.version, source=source()))

    def get(self, programme_id: str, version: str) -> Programme:
        key = (programme_id, version)
        if key not in self._cache:
            with self.store.session() as session:
                source = session.scalar(select(ProgrammeVersion.source).where(
                    ProgrammeVersion.programme_id == programme_id,
                    ProgrammeVersion.version == version))
            if source is None:
                raise ProgrammeError(
                    f"This visit follows programme {programme_id} version {version}, which "
                    "this store does not hold. Sync with the centre to receive it.")
            self._cache[key] = parse_programme(source, f"{programme_id} version {version}")
        return self._cache[key]
