"""Counting things in words people use: "1 agreed target", "3 agreed targets", never
"target(s)". Shared by every layer that writes a sentence for the adviser."""

from __future__ import annotations

IRREGULAR = {"was": "were", "has": "have", "is": "are"}


def plural(n: int, singular: str, many: str | None = None) -> str:
    """``singular`` or its plural for ``n``: the last word takes an "s" unless told otherwise
    ("1 agreed target", "2 agreed targets", "1 extra", "2 extras")."""
    if n == 1:
        return singular
    if many is not None:
        return many
    head, _, last = singular.rpartition(" ")
    last = IRREGULAR.get(last, last + "s")
    return f"{head} {last}" if head else last


def count(n: int, singular: str, many: str | None = None) -> str:
    """"1 agreed target", "0 agreed targets"."""
    return f"{n} {plural(n, singular, many)}"
