"""The programme an authority runs (visits, agenda, checklists, QA), loaded from data."""

from __future__ import annotations

from functools import cache

from linkadviser.paths import programme_path
from linkadviser.programme.loader import load_programme
from linkadviser.programme.model import Programme


@cache
def default_programme() -> Programme:
    """The programme bundled in ``resources/programme`` (loaded once per process)."""
    return load_programme(programme_path())
