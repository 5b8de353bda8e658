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
    # older files have this column in place of another (PPERSABS15 before PPERSABS10): a file
    # with either is not told it lacks the other
    instead_of: str | None = None


Entity = Literal["school", "la", "england", "left out"]


@dataclass(frozen=True)
class RecordType:
    """One value of a file's record-type column (RECTYPE), as the DfE's metadata defines it.

    The meanings differ between kinds (KS2's 4 is England, all schools; KS4's 4 is the local
    authority) and may change between years, so each code says which years it holds for. A
    code a year's file has but no entry here explains stops the import: guessing would compare
    a school with the wrong row.
    """

    code: str
    meaning: str  # the DfE's own words, shown when a file is refused or a row left out
    entity: Entity  # school, la (the authority's total), england (the comparator), left out
    from_year: int | None = None  # the first academic year (its start) the code means this
    until_year: int | None = None  # the last


@dataclass(frozen=True)
class LeaveOut:
    """School rows left out by the value of a column (independent schools: NFTYPE IND)."""

    column: str
    values: list[str]
    why: str  # e.g. "independent schools", for the import report


@dataclass(frozen=True)
class PhaseCode:
    """A total row's phase as the file codes it (PRI) and as the app names phases (Primary)."""

    code: str
    phase: str


@dataclass(frozen=True)
class SchoolGrades:
    """The columns an inspection file brings each caseload school's latest Ofsted grade from.

    The school itself holds its grade and inspection date (the caseload, the county picture and
    the risk rules read them there), so a file that only added figures would leave them stale.
    """

    grade_column: str  # overall effectiveness: 1 outstanding .. 4 inadequate
    date_column: str  # the date of the inspection that grade is from


@dataclass(frozen=True)
class GradedArea:
    """One report-card area: the column with its grade and the one with the date it was given.

    ``scale`` names the words the grade may be: ``five_point`` (Ofsted's report-card scale),
    ``met`` (safeguarding: met or not met) or ``text`` (a category of concern, as written).
    """

    area: str
    column: str
    date_column: str
    scale: Literal["five_point", "met", "text"] = "five_point"


@dataclass(frozen=True)
class ReportCard:
    """Where an Ofsted file has each school's report card and its latest ungraded inspection."""

    five_point: list[str]  # best first: Exceptional .. Urgent improvement
    met: list[str]  # Met, Not met
    areas: list[GradedArea]
    ungraded_date_column: str | None = None
    ungraded_outcome_column: str | None = None


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
    record_types: list[RecordType] = field(default_factory=list)
    leave_out: list[LeaveOut] = field(default_factory=list)
    year_column: str | None = None  # a date or year column the academic year can be read from
    # date columns whose latest date gives the academic year (a file with several inspections)
    year_from_dates: list[str] = field(default_factory=list)
    totals_without_urn: bool = False  # a row with no URN is the LA's total (or England's)
    england_marker: str | None = None  # the word in the URN or LA column of England's rows (NAT)
    phase_column: str | None = None  # on a total row: the phase it totals, coded as ``phases``
    phases: list[PhaseCode] = field(default_factory=list)
    school_phase_column: str | None = None  # on a school row: its phase, in words
    region_column: str | None = None  # on a school row: its region (East of England)
    priority: int = 0  # when two kinds match, the higher wins (a census file beside KS4)
    school_grades: SchoolGrades | None = None  # an inspection file: update the schools' grades
    report_card: ReportCard | None = None  # Ofsted's report cards (since November 2025)
    # the kind its imports are kept as: two layouts of one publication replace each other
    stored_as: str | None = None

    @property
    def stored_kind(self) -> str:
        return self.stored_as or self.key


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
