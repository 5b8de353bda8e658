"""How a report card's areas are written in the store: compact, as codes into fixed lists.

A national Ofsted file brings 12,000 report cards, and writing each as
``[["Safeguarding standards","Met","2025-11-20"],...]`` (about 430 bytes: the same area names,
grade words and date again at every school) was over half of what the import wrote. So an entry
is ``[area, grade]``: the area and the grade as their place in ``AREAS`` and ``GRADES`` below
(a name or word not listed is written as itself, so nothing is ever lost), and a third item only
where the area's date is not the card's ``inspected_on`` (a date, or null for none), which it
nearly always is. The old form (names, words and a date in every entry) reads the same way, so
a card written by an older app reads back unchanged.

APPEND ONLY: a code, once written in a store or a sync file, must keep its meaning, so a new
area or grade goes at the end of its list and none is ever removed or reordered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

# Ofsted's report-card areas (resources/data/kinds/ofsted_report_cards.yaml), in Ofsted's order.
AREAS: tuple[str, ...] = (
    "Category of concern", "Safeguarding standards", "Inclusion", "Curriculum and teaching",
    "Achievement", "Attendance and behaviour", "Personal development and wellbeing",
    "Early years", "Post-16 provision", "Leadership and governance",
)
# The five-point scale, best first, then safeguarding's met or not met.
GRADES: tuple[str, ...] = (
    "Exceptional", "Strong standard", "Expected standard", "Needs attention",
    "Urgent improvement", "Met", "Not met",
)
AREA_CODES = {name: code for code, name in enumerate(AREAS)}
GRADE_CODES = {word: code for code, word in enumerate(GRADES)}

# Bounds on a card arriving in a sync file (hostile until checked): a card has ten areas.
MOST_ENTRIES = 40
LONGEST_TEXT = 120  # a grade the import reads as text (a category of concern), an ungraded
# outcome: short phrases
LONGEST_CARD = MOST_ENTRIES * (2 * LONGEST_TEXT + 30)

# One area of one card: its name, its grade, the date it was graded (None: not dated).
Entry = tuple[str, str, date | None]


class CardCodeError(ValueError):
    """A stored or arriving card that is not a list of areas this app can read."""


def area_code(name: str) -> str:
    """The JSON an area's name is written as: its code, or the name where it has none."""
    return str(AREA_CODES[name]) if name in AREA_CODES else json.dumps(name)


def grade_code(word: str) -> str:
    """The JSON a grade is written as: its code, or the word where it has none."""
    return str(GRADE_CODES[word]) if word in GRADE_CODES else json.dumps(word)


def encode(entries: Iterable[Entry], inspected_on: date | None) -> str:
    """A card's areas in the compact form (the importer writes the same text with numpy)."""
    parts = []
    for area, grade, on in entries:
        start = f"[{area_code(area)},{grade_code(grade)}"
        if on == inspected_on:
            parts.append(start + "]")
        else:
            parts.append(start + (f',"{on.isoformat()}"]' if on is not None else ",null]"))
    return "[" + ",".join(parts) + "]"


def _name(value: object, names: tuple[str, ...], what: str) -> str:
    if type(value) is int and 0 <= value < len(names):
        return names[value]
    if isinstance(value, str) and 0 < len(value) <= LONGEST_TEXT:
        return value
    raise CardCodeError(f"{value!r} is not {what} this app knows")


def _date(value: object) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CardCodeError(f"{value!r} is not a date written as YYYY-MM-DD")


def as_day(value: object) -> date | None:
    """``inspected_on`` as a store or a sync record gives it back (a date, or its text)."""
    if value is None or isinstance(value, date):
        return value
    return _date(str(value)[:10])


def decode(text: str, inspected_on: date | None) -> list[Entry]:
    """A card's areas from either form; anything else raises CardCodeError."""
    if not isinstance(text, str) or len(text) > LONGEST_CARD:
        raise CardCodeError("the card's areas are not text of a report card's size")
    try:
        items = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise CardCodeError("the card's areas are not valid JSON") from None
    if not isinstance(items, list) or len(items) > MOST_ENTRIES:
        raise CardCodeError(f"the card's areas are not a list of at most {MOST_ENTRIES}")
    entries = []
    for item in items:
        if not isinstance(item, list) or len(item) not in (2, 3):
            raise CardCodeError(f"{item!r} is not [area, grade] or [area, grade, date]")
        on = inspected_on if len(item) == 2 else (None if item[2] is None else _date(item[2]))
        entries.append((_name(item[0], AREAS, "an area"), _name(item[1], GRADES, "a grade"),
                        on))
    return entries


def compacted(text: str, inspected_on: date | None) -> str:
    """A card in either form, rewritten in the compact form (checked on the way)."""
    return encode(decode(text, inspected_on), inspected_on)
