"""The fuzz suite with a large budget: thousands of hostile inputs for every importer.

The same strategies and the same property as ``tests/fuzz`` (``tests/fuzz/strategies.py``):
each input must be accepted, or refused with our own one-line error leaving the store exactly
as it was (SHA-256 of every row before and after). Printed per importer: inputs tried,
accepted (for verify: a verdict given, VERIFIED or not), refused, crashes (any other
exception), hangs (still running after 10 s of CPU time, or 100 s of wall time) and
stores changed by a refused input, then the first few distinct crashes with a reproducer.
Goal: crashes, hangs and stores changed all zero.

    .venv/bin/python bench/fuzz.py [--examples 10000] [--only csv,excel,programme,sync,verify]
                                   [--seed N] [--every 1000]

``--examples 200`` gives a quick look in a minute or two; the full budget takes hours on a
laptop (verify redraws every document it is given), so run it in the background, one
importer per process if there are cores to spare. Progress is printed every ``--every``
inputs so a long run can be read while it goes.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.fuzz is shared
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402

from tests.fuzz.strategies import TARGETS, Target, Violation  # noqa: E402

SHORT_NAMES = {"csv": "data import (CSV)", "excel": "data import (Excel)",
               "programme": "programme loader", "sync": "sync import", "verify": "verify"}


class Tally:
    def __init__(self, target: Target, every: int) -> None:
        self.target = target
        self.every = every
        self.outcomes: Counter[str] = Counter()
        self.first: dict[str, str] = {}  # distinct violation -> a short reproducer
        self.started = time.monotonic()
        self.finished: float | None = None

    @property
    def tried(self) -> int:
        return sum(self.outcomes.values())

    def attempt(self, example: object) -> None:
        try:
            outcome = self.target.attempt(example)
        except Violation as violation:
            outcome = violation.kind
            key = f"{violation.kind}: {violation.detail}"
            if key not in self.first and len(self.first) < 10:
                self.first[key] = repr(example)[:300]
                print(f"  NEW {key}\n      input: {self.first[key]}", flush=True)
        self.outcomes[outcome] += 1
        if self.tried % self.every == 0:
            self.report(progress=True)

    def report(self, progress: bool = False) -> None:
        o = self.outcomes
        took = (self.finished or time.monotonic()) - self.started
        print(f"{'  ...' if progress else ''}{self.target.name}: {self.tried} inputs tried "
              f"({o['accepted']} accepted, {o['refused']} refused) in {took:.0f} s; "
              f"crashes {o['crash']}, hangs {o['hang']}, stores changed {o['store changed']}",
              flush=True)
        if not progress:
            for problem, example in self.first.items():
                print(f"    {problem}\n      input: {example}", flush=True)


def run(target: Target, examples: int, every: int, random_seed: int | None) -> Tally:
    tally = Tally(target, every)

    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(example=target.inputs)
    def fuzz(example: object) -> None:
        tally.attempt(example)

    if random_seed is not None:
        fuzz = seed(random_seed)(fuzz)
    fuzz()
    tally.finished = time.monotonic()
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--examples", type=int, default=10_000, help="inputs per importer")
    parser.add_argument("--only", default=",".join(SHORT_NAMES),
                        help="which importers, comma-separated: " + ", ".join(SHORT_NAMES))
    parser.add_argument("--seed", type=int, default=None, help="repeat a run exactly")
    parser.add_argument("--every", type=int, default=1000, help="progress every N inputs")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # pypdf logs every damaged PDF it is given
    warnings.simplefilter("ignore")
    wanted = {SHORT_NAMES[name.strip()] for name in args.only.split(",")}
    tallies = [run(t, args.examples, args.every, args.seed)
               for t in TARGETS if t.name in wanted]
    print(f"\nFuzz, up to {args.examples} inputs per importer "
          f"(hang: over 10 s; store changed: a refused input that changed it):")
    for tally in tallies:
        tally.report()
    bad = sum(t.outcomes[k] for t in tallies for k in ("crash", "hang", "store changed"))
    print(f"\nTotal: {sum(t.tried for t in tallies)} inputs, {bad} problems "
          f"(goal: 0)")


if __name__ == "__main__":
    main()
