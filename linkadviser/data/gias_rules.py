"""Which GIAS establishments are state-funded schools, and how the county counts them.

The rules are data (``resources/data/gias.yaml``). Kept apart from the extract's reader
(``linkadviser.data.gias``, which needs pandas) so the school page can say whether a school
is an academy without loading the data layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from linkadviser.data.config import read_spec
from linkadviser.paths import resources_dir


@dataclass(frozen=True)
class PhaseName:
    gias: str
    phase: str


@dataclass(frozen=True)
class Group:
    group: str
    category: str


@dataclass(frozen=True)
class GiasRules:
    format: int
    groups: list[Group]
    excluded_types: list[str]
    open_statuses: list[str]
    phases: list[PhaseName]
    special_word: str
    predecessor_links: list[str]
    successor_links: list[str]


@cache
def gias_rules() -> GiasRules:
    return read_spec(GiasRules, resources_dir() / "data" / "gias.yaml")


def category_of(group: str, school_type: str = "") -> str:
    """How the authority's MI sheet counts a school: LA maintained, Academy, Free school
    (empty for a school entered by hand, or a group that is not state-funded)."""
    if school_type in gias_rules().excluded_types:
        return ""
    return next((g.category for g in gias_rules().groups if g.group == group), "")


def is_maintained(group: str, school_type: str = "") -> bool:
    return category_of(group, school_type) == "LA maintained"
