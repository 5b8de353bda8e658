"""Reading the data rules in ``resources/data`` strictly, and checking they fit together.

Each file is built by the programme's strict reader; then the cross-references no single file
can check (a mapping naming a measure the catalogue lacks, a rule naming an unknown group) are
reported with the file they are in, so an authority's edit fails loudly at start, not silently
in a visit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import TypeVar

from linkadviser.data.errors import DataConfigError
from linkadviser.data.spec import (
    Catalogue,
    Group,
    Kind,
    Measure,
    QuestionRules,
    RecordType,
    TargetRules,
)
from linkadviser.paths import resources_dir
from linkadviser.programme.loader import build_yaml

T = TypeVar("T")


def read_spec(cls: type[T], path: Path) -> T:
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataConfigError(f"{path}: cannot be read ({exc})") from exc
    return build_yaml(cls, source, str(path), DataConfigError, what="data rules")


@dataclass(frozen=True)
class DataRules:
    """Everything the data area reads from ``resources/data``, checked as a whole."""

    catalogue: Catalogue
    kinds: list[Kind]
    questions: QuestionRules
    targets: TargetRules

    def measure(self, key: str) -> Measure:
        return self._measures[key]

    def group(self, key: str) -> Group:
        return self._groups[key]

    def measure_titled(self, title: str) -> Measure | None:
        """The measure a stored target names: targets keep the title they were proposed with."""
        return self._measures_by_title.get(title)

    @cached_property
    def _measures_by_title(self) -> dict[str, Measure]:
        # Cached: delivery asks once per target in a county's (or the nation's) store.
        return {m.title: m for m in self.catalogue.measures}

    @property
    def _measures(self) -> dict[str, Measure]:
        return {m.key: m for m in self.catalogue.measures}

    @property
    def _groups(self) -> dict[str, Group]:
        return {g.key: g for g in self.catalogue.groups}


def _unknown(names: list[str], known: dict, what: str, where: str) -> list[str]:
    return [f"{where}: unknown {what} {n!r}" for n in names if n not in known]


def check_rules(rules: DataRules, folder: Path) -> None:
    measures = {m.key: m for m in rules.catalogue.measures}
    groups = {g.key: g for g in rules.catalogue.groups}
    problems: list[str] = []
    for g in rules.catalogue.groups:
        if g.compare_with:
            problems += _unknown([g.compare_with], groups, "group", f"catalogue group {g.key}")
    seen: set[str] = set()
    for kind in rules.kinds:
        where = str(folder / "kinds" / f"{kind.key}.yaml")
        if kind.key in seen:
            problems.append(f"{where}: kind {kind.key!r} is defined twice")
        seen.add(kind.key)
        problems += _unknown([c.measure for c in kind.columns], measures, "measure", where)
        problems += _unknown([c.group for c in kind.columns], groups, "group", where)
        problems += _kind_problems(kind, where)
    where = str(folder / "questions.yaml")
    for rule in rules.questions.rules:
        problems += _unknown(rule.measures, measures, "measure", f"{where}: rule {rule.id}")
        problems += _unknown(rule.groups, groups, "group", f"{where}: rule {rule.id}")
    where = str(folder / "targets.yaml")
    problems += _unknown([t.measure for t in rules.targets.targets], measures, "measure", where)
    problems += _unknown([t.group for t in rules.targets.targets], groups, "group", where)
    if problems:
        raise DataConfigError("; ".join(problems))


def _overlap(a: RecordType, b: RecordType) -> bool:
    """Whether two entries for one code claim a year in common."""
    a_from, b_from = a.from_year or 0, b.from_year or 0
    a_until, b_until = a.until_year or 9999, b.until_year or 9999
    return a_from <= b_until and b_from <= a_until


def _kind_problems(kind: Kind, where: str) -> list[str]:
    """What a kind file gets wrong that its keys alone cannot say."""
    problems = []
    if kind.record_type_column and not kind.record_types:
        problems.append(f"{where}: record_type_column needs record_types")
    if kind.record_types and not kind.record_type_column:
        problems.append(f"{where}: record_types need record_type_column")
    for i, first in enumerate(kind.record_types):
        if not first.meaning.strip():
            problems.append(f"{where}: record type {first.code!r} needs its meaning")
        if (first.from_year or 0) > (first.until_year or 9999):
            problems.append(f"{where}: record type {first.code!r} ends before it starts")
        problems += [f"{where}: record type {first.code!r} is given two meanings for the same "
                     "year" for second in kind.record_types[i + 1:]
                     if second.code == first.code and _overlap(first, second)]
    codes = [p.code for p in kind.phases]
    if len(set(codes)) != len(codes):
        problems.append(f"{where}: a phase code is given twice")
    if kind.phase_column and not kind.phases:
        problems.append(f"{where}: phase_column needs phases")
    card = kind.report_card
    if card is not None:
        for name, words in (("five_point", card.five_point), ("met", card.met)):
            if not words or len({w.lower() for w in words}) != len(words):
                problems.append(f"{where}: report_card {name} needs its words, each once")
    return problems


def load_rules(folder: Path) -> DataRules:
    kinds = [read_spec(Kind, p) for p in sorted((folder / "kinds").glob("*.yaml"))]
    rules = DataRules(
        catalogue=read_spec(Catalogue, folder / "catalogue.yaml"),
        kinds=kinds,
        questions=read_spec(QuestionRules, folder / "questions.yaml"),
        targets=read_spec(TargetRules, folder / "targets.yaml"),
    )
    check_rules(rules, folder)
    return rules


@cache
def default_rules() -> DataRules:
    """The rules bundled in ``resources/data`` (read once per process)."""
    return load_rules(resources_dir() / "data")
