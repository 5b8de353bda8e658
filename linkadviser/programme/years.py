"""Year placeholders in the programme's text, filled in from the visit's academic year.

The programme is written once and used year after year, so its text names years by
placeholder rather than by number: a visit in 2026/27 reads "the 2026 results" and "targets
for 2027", one in 2027/28 reads 2027 and 2028. The same step picks the self-evaluation
framework in force that year (the 2012 headings before the report cards, the report-card
areas after), so everything a visit shows of its programme comes from one call:
``programme.for_year(academic_year)``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linkadviser.programme.model import Programme

# Placeholder: what it becomes for a visit in the academic year starting in September Y.
PLACEHOLDERS = {
    "academic_year": "the academic year of the visit, e.g. 2026/27",
    "results_year": "the summer whose results are published that autumn, e.g. 2026",
    "target_year": "the summer the targets agreed that year are for, e.g. 2027",
    "previous_academic_year": "the academic year before, e.g. 2025/26",
}
_FIELD = re.compile(r"\{(\w+)\}")


def year_values(academic_year: int) -> dict[str, str]:
    def label(start: int) -> str:
        return f"{start}/{(start + 1) % 100:02d}"

    return {"academic_year": label(academic_year), "results_year": str(academic_year),
            "target_year": str(academic_year + 1),
            "previous_academic_year": label(academic_year - 1)}


def fill_years(text: str, academic_year: int) -> str:
    """The text with every known placeholder replaced; anything else is left as written."""
    values = year_values(academic_year)
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def unknown_placeholders(programme: Programme) -> list[str]:
    """Every ``{name}`` in the programme's text that is not a year placeholder."""
    return sorted({name for text in _texts(programme) for name in _FIELD.findall(text)
                   if name not in PLACEHOLDERS})


def programme_for_year(programme: Programme, academic_year: int) -> Programme:
    """The programme filled in for one academic year (made once per year, then kept)."""
    raw: Programme = getattr(programme, "_raw", programme)
    cache: dict[int, Programme] = raw.__dict__.setdefault("_years", {})
    if academic_year not in cache:
        filled = _fill(raw, academic_year)
        framework = max((f for f in raw.self_evaluation_frameworks
                         if f.from_year <= academic_year),
                        key=lambda f: f.from_year, default=None)
        if framework is not None:
            filled = dataclasses.replace(
                filled, self_evaluation_areas=_fill(framework.areas, academic_year),
                self_evaluation_grades=framework.grades)
        object.__setattr__(filled, "_raw", raw)
        cache[academic_year] = filled
    return cache[academic_year]


def _fill(value: Any, year: int) -> Any:
    if isinstance(value, str):
        return fill_years(value, year) if "{" in value else value
    if isinstance(value, list):
        return [_fill(v, year) for v in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _fill(getattr(value, f.name), year)
                   for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _texts(getattr(value, f.name))
