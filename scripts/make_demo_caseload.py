"""Write ``resources/demo/caseload.yaml``: the invented demo caseload, as data.

The content is generated once from the phrase bank with a fixed seed and committed, so the demo
is data a reader can inspect and edit, not code that runs at every start. Run again after
changing the bank or the school list:

    .venv/bin/python scripts/make_demo_caseload.py
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

import yaml

from linkadviser.demo.bank import Chooser, demo_dir, load_bank
from linkadviser.demo.caseload import DEMO_ADVISER, DEMO_EMAIL, FORMAT
from linkadviser.demo.compose import year_context
from linkadviser.demo.scenario import (
    compose_services,
    compose_year,
    last_year_states,
    this_year_states,
)
from linkadviser.demo.schools import DEMO_AUTHORITY, facts, read_schools
from linkadviser.programme import bundled_programmes, for_phase

SEED = 4004
# The demo is placed relative to the year it is loaded in, from 2026/27 on: its records follow
# the programme as it reads then (the report-card areas for last year's visit 2 and this year's).
NOMINAL_YEAR = 2026
HEADER = """\
# INVENTED DEMO DATA. Nothing in this file describes a real school, person or result.
#
# The demo caseload of the invented county of {authority}: one invented adviser and the visits
# to the 42 schools of schools.csv. Years are relative to the academic year in which the demo is
# loaded (-1: last year, 0: this year); "date" is a month and day within that year; due dates
# are days after the visit. Written by scripts/make_demo_caseload.py (seed {seed}) from
# phrases.yaml. Do not hand-edit: change the bank or the script and regenerate (a test checks
# that this file is exactly what the script writes).
"""


def build(seed: int = SEED) -> dict:
    rng = random.Random(seed)
    bank = load_bank()
    programmes = [p for p, _ in bundled_programmes()]
    schools = []
    for index, school in enumerate(read_schools()):
        who = facts(school)
        programme = for_phase(programmes, school["phase"])
        last_year = compose_year(rng, bank, programme.for_year(NOMINAL_YEAR - 1), who,
                                 DEMO_ADVISER, last_year_states(index), past=True)
        visits = [{"year": -1, **v} for v in last_year]
        visits += [{"year": 0, **v} for v in compose_year(
            rng, bank, programme.for_year(NOMINAL_YEAR), who, DEMO_ADVISER,
            this_year_states(rng), past=False, previous=last_year)]
        extras = Chooser(rng, bank, year_context(rng, bank, who, DEMO_ADVISER))
        services = compose_services(extras, school["phase"])
        schools.append({"urn": school["urn"], "visits": visits,
                        "chargeable_services": services})
    return {"format": FORMAT, "invented": True,
            "adviser": {"name": DEMO_ADVISER, "email": DEMO_EMAIL}, "schools": schools}


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else demo_dir() / "caseload.yaml"
    text = yaml.dump(build(), sort_keys=False, allow_unicode=True, width=100,
                     Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper))
    target.write_text(HEADER.format(authority=DEMO_AUTHORITY, seed=SEED) + text,
                      encoding="utf-8")
    print(f"Wrote {target} ({target.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
