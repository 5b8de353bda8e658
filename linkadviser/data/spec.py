"""The schema of the authority-editable data files in ``resources/data``, as dataclasses.

The strict YAML reader (``linkadviser.programme.loader.build_yaml``) builds these field by
field, so a misspelt key in a mapping or rule file is reported with its file and line instead
of silently doing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Op = Literal["<", "<=", ">", ">=", "==", "!="]
Benchmark = Literal["england", "la", "others_nationally"]


@dataclass(frozen=True)
class Group:
    """A pupil group; ``compare_with`` is the group its gap is measured against nationally."""

    key: str
    title: str
    compare_with: str | None = None
    short: str | None = None  # for chart labels, where the title does not fit


@dataclass(frozen=True)
class Measure:
    """A figure the app understands, whatever column a file calls it.

    ``notable`` is the size of difference worth a question (5 percentage points, 0.2 of a
    Progress 8 grade); rules compare differences in these steps so one rule fits every measure.
    """

    key: str
    title: str
    unit: str
    notable: float
    higher_is_better: bool = True
    progress: bool = False  # a value-added score whose average is 0, with confidence limits
    context: bool = False  # describes the school (FSM %, roll), never prompts a question
    chart: bool = False  # one of the key measures charted over three years


@dataclass(frozen=True)
class Catalogue:
    format: int
    missing_markers: list[str]
    groups: list[Group]
    measures: list[Measure]


@dataclass(frozen=True)
class Column:
    """One column of a file: the measure and pupil group it holds, and its confidence limits."""

    column: str
    measure: str
    group: str = "all"
    lower: str | None = None
    upper: str | None = None


@dataclass(frozen=True)
class RecordTypes:
    """The values of the record-type column (RECTYPE) that mark schools, the LA and England."""

    school: list[str]
    la: list[str] = field(default_factory=list)
    england: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SchoolGrades:
    """The columns an inspection file brings each caseload school's latest Ofsted grade from.

    The school itself holds its grade and inspection date (the caseload, the county picture and
    the risk rules read them there), so a file that only added figures would leave them stale.
    """

    grade_column: str  # overall effectiveness: 1 outstanding .. 4 inadequate
    date_column: str  # the date of the inspection that grade is from


@dataclass(frozen=True)
class Kind:
    """A kind of file: how to recognise it from its header and what its columns mean."""

    format: int
    key: str
    title: str
    detect: list[str]  # every one of these columns present means a file of this kind
    urn_column: str
    columns: list[Column]
    la_column: str | None = None
    record_type_column: str | None = None
    record_types: RecordTypes | None = None
    year_column: str | None = None  # a date or year column the academic year can be read from
    totals_without_urn: bool = False  # a row with no URN is the LA's total (or England's)
    priority: int = 0  # when two kinds match, the higher wins (a census file beside KS4)
    school_grades: SchoolGrades | None = None  # an inspection file: update the schools' grades


@dataclass(frozen=True)
class Condition:
    """A test on one field of a fact: ``op`` against a number, or ``equals`` a word."""

    field: str
    op: Op | None = None
    value: float | None = None
    equals: str | None = None


@dataclass(frozen=True)
class QuestionRule:
    """Turns a fact about one measure and group into a question to ask, citing the figures."""

    id: str
    weight: float
    when: list[Condition]
    question: str
    evidence: str
    rank_by: str | None = None  # a fact field whose size raises the rank
    measures: list[str] = field(default_factory=list)  # empty: any non-context measure
    groups: list[str] = field(default_factory=list)  # empty: any group


@dataclass(frozen=True)
class QuestionRules:
    format: int
    rules: list[QuestionRule]
    most: int = 12


@dataclass(frozen=True)
class TargetRule:
    """How to propose next year's target for one measure and group, and say why."""

    measure: str
    group: str = "all"
    share_of_gap: float = 0.5  # close this share of the gap to the best benchmark
    least_step: float = 0.0  # always ask for at least this much improvement
    reasoning: str = ""
    # which benchmarks to close on: england, la, others_nationally (the group's comparison
    # group in England, e.g. non-disadvantaged pupils); the best of them is used
    benchmarks: list[Benchmark] = field(default_factory=lambda: ["england", "la",
                                                                 "others_nationally"])


@dataclass(frozen=True)
class TargetRules:
    format: int
    targets: list[TargetRule]
    met_within: float = 0.0  # a result this close below the target still counts as met
