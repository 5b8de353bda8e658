"""Which programme a visit follows: the version it was begun under, not today's file.

The current programmes (the authority's main one, and the bundled ones for the other school
phases) are remembered in the store the first time they are used; a visit whose version
differs is read from the text kept then, so changing the programme never changes an existing
visit's agenda, checklist or QA criteria. A version the store never saw (a visit arriving by
sync, a store made before the version was bundled) is found among the bundled history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from sqlalchemy import select

from linkadviser.errors import ProgrammeError
from linkadviser.programme.loader import parse_programme
from linkadviser.programme.model import Programme
from linkadviser.store.db import Store
from linkadviser.store.models import ProgrammeVersion

Source = Callable[[], str]
Lookup = Callable[[str, str], Programme]  # (programme id, version) -> that programme


class ProgrammeService:
    """A service over one store under the current programme (the term ahead, the documents).

    Each visit is read under the programme version it was begun under (section titles, agenda
    wording, terms), which ``programmes`` looks up (``ProgrammeRegistry.get``); without it,
    today's programme serves every visit. ``today`` is a function so tests can fix the date.
    """

    def __init__(self, store: Store, programme: Programme,
                 today: Callable[[], date] = date.today,
                 programmes: Lookup | None = None) -> None:
        self.store = store
        self.programme = programme
        self.today = today
        self.programmes = programmes or (lambda _id, _version: programme)


class ProgrammeRegistry:
    def __init__(self, store: Store, current: Programme, current_source: Source,
                 others: Sequence[tuple[Programme, Source]] = (),
                 history: Callable[[str, str], str | None] = lambda _id, _version: None
                 ) -> None:
        """``others`` are the programmes for the school phases ``current`` does not name;
        ``history(id, version)`` gives the text of an earlier bundled version, or None."""
        self.store = store
        self.current = current
        self.others = [p for p, _ in others if p.id != current.id]
        self._history = history
        self._cache: dict[tuple[str, str], Programme] = {}
        for programme, source in [(current, current_source), *others]:
            self._cache.setdefault((programme.id, programme.version), programme)
            self._remember(programme, source)

    def _remember(self, programme: Programme, source: Source) -> None:
        """Keep the programme's text, written out only the first time a version is seen."""
        with self.store.transaction() as session:
            known = session.scalar(select(ProgrammeVersion.id).where(
                ProgrammeVersion.programme_id == programme.id,
                ProgrammeVersion.version == programme.version))
            if known is None:
                session.add(ProgrammeVersion(programme_id=programme.id,
                                             version=programme.version, source=source()))

    def for_phase(self, phase: str) -> Programme:
        """The programme a new visit to a school of ``phase`` follows (see
        ``programme.for_phase``): the main one, or the bundled one for that phase."""
        from linkadviser.programme import for_phase

        return for_phase([self.current, *self.others], phase)

    def get(self, programme_id: str, version: str) -> Programme:
        key = (programme_id, version)
        if key not in self._cache:
            with self.store.session() as session:
                source = session.scalar(select(ProgrammeVersion.source).where(
                    ProgrammeVersion.programme_id == programme_id,
                    ProgrammeVersion.version == version))
            if source is None:
                source = self._history(programme_id, version)
            if source is None:
                raise ProgrammeError(
                    f"This visit follows programme {programme_id} version {version}, which "
                    "this store does not hold. Sync with the centre to receive it.")
            self._cache[key] = parse_programme(source, f"{programme_id} version {version}")
        return self._cache[key]
