"""The programme an authority runs (visits, agenda, checklists, QA), loaded from data.

``resources/programme/`` holds the programme for each school phase (the main one first) and,
under ``history/``, earlier versions that signed visits may still follow.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from linkadviser.errors import ProgrammeError
from linkadviser.paths import programme_path
from linkadviser.programme.loader import load_programme
from linkadviser.programme.model import Programme


@cache
def default_programme() -> Programme:
    """The authority's main programme bundled in ``resources/programme`` (loaded once)."""
    return load_programme(programme_path())


@cache
def bundled_programmes() -> tuple[tuple[Programme, Path], ...]:
    """Every current programme bundled beside the main one (one per school phase)."""
    main = programme_path()
    paths = [main, *sorted(p for p in main.parent.glob("*.yaml") if p != main)]
    return tuple((default_programme() if p == main else load_programme(p), p) for p in paths)


@cache
def _history_files() -> dict[tuple[str, str], Path]:
    found = {}
    for path in sorted((programme_path().parent / "history").glob("*.yaml")):
        programme = load_programme(path)
        found[(programme.id, programme.version)] = path
    return found


def bundled_history(programme_id: str, version: str) -> str | None:
    """The text of an earlier version shipped with the app, or None."""
    path = _history_files().get((programme_id, version))
    return path.read_text(encoding="utf-8") if path else None


def bundled_programme(programme_id: str, version: str) -> Programme:
    """A programme version shipped with the app, current or earlier, for checking a document
    where there is no store (a governor's or an auditor's machine): a primary school's record
    is drawn again under the primary programme, not the main one."""
    for programme, _path in bundled_programmes():
        if (programme.id, programme.version) == (programme_id, version):
            return programme
    path = _history_files().get((programme_id, version))
    if path is None:
        raise ProgrammeError(f"Programme {programme_id} version {version} is not bundled with "
                             "this app: check the document on a laptop with the authority's "
                             "store, or with a newer release.")
    return load_programme(path)


def for_phase(programmes: Sequence[Programme], phase: str) -> Programme:
    """The programme a new visit to a school of ``phase`` follows, of ``programmes`` (the main
    one first): the main programme when it serves that phase (one naming no phases serves
    every school), else the first that names the phase, else the main one."""
    main = programmes[0]
    if main.serves(phase):
        return main
    return next((p for p in programmes[1:] if p.phases and p.serves(phase)), main)
