"""Which visits each invented school has had, and composing a school's year of them.

The demo needs a caseload that looks like real work in mid-year: last year nearly complete
(a few visits 3 and 4 never done or never signed, to show overdue history), and this year's
autumn visits signed for some schools, in progress for a few, and not started for others.
The county generator uses ``compose_year`` too, with every past visit signed.
"""

from __future__ import annotations

import random
from typing import Any

from linkadviser.demo.bank import Chooser
from linkadviser.demo.compose import SchoolFacts, compose_visit, visit_day, year_context
from linkadviser.programme.model import Programme

NUMBERS = (1, 2, 3, 4)
# This year's autumn visits: (state, weight); None means no visit record yet.
THIS_YEAR = {1: ((("signed", 45), ("in_progress", 20), ("planned", 15), (None, 20))),
             4: ((("signed", 25), ("in_progress", 15), ("planned", 20), (None, 40)))}


def compose_year(rng: random.Random, bank: dict[str, Any], programme: Programme,
                 school: SchoolFacts, adviser: str, states: dict[int, str], *, past: bool,
                 previous: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The school's visits for one year, each with the month and day it took place.

    ``programme`` reads as in that year (``Programme.for_year``); ``previous`` is the school's
    records of the year before, which this year's statements about last year follow."""
    ch = Chooser(rng, bank, year_context(rng, bank, school, adviser, previous))
    ch.ctx["previous_records"] = {r["number"]: r for r in previous or []}
    ch.ctx["records"] = records = {}
    visits = []
    for number in sorted(states):
        record = compose_visit(ch, programme, school, number, state=states[number], past=past)
        records[number] = record
        month, day = visit_day(rng, number)
        visits.append({"date": f"{month:02d}-{day:02d}", **record})
    return visits


def last_year_states(index: int) -> dict[int, str]:
    """Mostly all four signed; a few schools missing visit 3 or 4, or left it unsigned."""
    states = dict.fromkeys(NUMBERS, "signed")
    if index % 9 == 4:
        del states[3]
    elif index % 13 == 6:
        states[3] = "in_progress"
    elif index % 11 == 8:
        del states[4]
    return states


def this_year_states(rng: random.Random) -> dict[int, str]:
    states = {}
    for number, options in THIS_YEAR.items():
        choice = rng.choices([o[0] for o in options], [o[1] for o in options])[0]
        if choice:
            states[number] = choice
    return states


def compose_services(ch: Chooser, phase: str) -> list[dict[str, Any]]:
    """Now and then a chargeable extra the school took last year."""
    if ch.rng.random() > 0.35:
        return []
    options = [s for s in ch.bank["chargeable_services"]
               if s.get("phase", phase.lower()) == phase.lower()]
    entry = ch.rng.choice(options)
    month, day = visit_day(ch.rng, ch.rng.choice(NUMBERS))
    return [{"year": -1, "date": f"{month:02d}-{day:02d}",
             "key": entry["key"], "cost": float(entry["cost"]),
             "notes": ch.phrase([entry["notes"]])}]
