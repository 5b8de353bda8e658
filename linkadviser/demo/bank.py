"""The phrase bank (``resources/demo/phrases.yaml``) and the random choices made from it.

Demo content is drawn from a modest bank of phrases written in the programme's voice, with
fields (subject, pupil group, figures) filled in per school, so records read differently from
school to school while the wording stays data that anyone can edit.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from linkadviser.paths import resources_dir


def demo_dir() -> Path:
    return resources_dir() / "demo"


@cache
def load_bank(path: Path | None = None) -> dict[str, Any]:
    """The phrase bank, parsed once per process (the county generator draws on it 18,000 times)."""
    with (path or demo_dir() / "phrases.yaml").open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class _Blank(dict):
    """Fields a phrase uses but the context lacks read as empty rather than failing."""

    def __missing__(self, key: str) -> str:
        return ""


_FORMATTER = string.Formatter()


def fill(template: str, ctx: dict[str, Any]) -> str:
    return _FORMATTER.vformat(template, (), _Blank(ctx))


@dataclass
class Chooser:
    """Seeded choices from the bank, with the current visit's fields for filling phrases."""

    rng: random.Random
    bank: dict[str, Any]
    ctx: dict[str, Any]

    def phrase(self, options: list[str] | dict[str, list[str]]) -> str:
        """One phrase; a bank entry split into ``good``/``concern`` follows the school's tone."""
        if isinstance(options, dict):
            options = options[self.ctx["tone"]]
        return fill(self.rng.choice(options), self.ctx)

    def phrases(self, options: list[str], low: int, high: int) -> list[str]:
        count = min(len(options), self.rng.randint(low, high))
        return [fill(t, self.ctx) for t in self.rng.sample(options, count)]

    def person(self) -> str:
        names = self.bank["names"]
        return (f"{self.rng.choice(names['titles'])} {self.rng.choice(names['initials'])} "
                f"{self.rng.choice(names['surnames'])}")
