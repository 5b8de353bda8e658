"""The programme an authority runs, as typed records.

These dataclasses are also the schema of the programme file: the loader builds them field by
field from the YAML, rejecting unknown keys and wrong types, so adding a field here is all it
takes to make the file accept it. Field docstrings (comments) say what an authority may change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Term = Literal["autumn", "spring", "summer"]
SectionKind = Literal["text", "list", "targets", "sef_grades", "objectives", "action_points"]
DocumentKind = Literal[
    "record_of_visit", "annual_report", "governor_feedback_form", "preparation_sheet"
]


@dataclass(frozen=True)
class Item:
    """A keyed line of the programme: an agenda item, a checklist item, a task, an outcome."""

    key: str
    text: str


@dataclass(frozen=True)
class Grade:
    value: int
    label: str


@dataclass(frozen=True)
class SelfEvaluationArea:
    """An area the school's self-evaluation is graded on (visit 2).

    ``grades`` gives the area its own scale (safeguarding is met or not met) instead of the
    framework's; an area that is not ``required`` applies only where the school has it (early
    years, post-16) and may be left ungraded.
    """

    key: str
    text: str
    grades: list[Grade] = field(default_factory=list)
    required: bool = True


@dataclass(frozen=True)
class SelfEvaluationFramework:
    """The inspection framework's areas and scale, used for visits from ``from_year`` on.

    Visits keep the headings of the framework in force in their academic year, so a record
    signed under the 2012 headings reads the same after the report cards arrived.
    """

    key: str
    title: str
    from_year: int
    grades: list[Grade]
    areas: list[SelfEvaluationArea]


@dataclass(frozen=True)
class Criterion:
    """A check the record must pass before it is final.

    ``rule`` names a check in ``linkadviser.qa``; ``confirm`` means the adviser confirms it by
    hand because it cannot be seen in the record (e.g. that the data set was up to date).
    """

    key: str
    text: str
    rule: str
    section: str | None = None
    min_count: int = 1
    pupil_groups: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    max_words: int | None = None
    roles: list[str] = field(default_factory=list)
    document: DocumentKind | None = None


@dataclass(frozen=True)
class Section:
    """One of the visit's own sections in the workspace and in its documents."""

    key: str
    title: str
    kind: SectionKind
    prompt: str = ""
    required: bool = True
    documents: list[DocumentKind] = field(default_factory=lambda: ["record_of_visit"])


@dataclass(frozen=True)
class VisitLink:
    visit: int
    text: str


@dataclass(frozen=True)
class DocumentRequestDefinition:
    """Something the school provides before the visit, e.g. its SEF two weeks before."""

    title: str
    days_before: int


@dataclass(frozen=True)
class Signers:
    """Who must sign one of the visit's documents: every role listed, each a person.

    A role may give alternatives with "or" ("Headteacher or Chair of governors").
    """

    document: DocumentKind
    roles: list[str]


@dataclass(frozen=True)
class VisitDefinition:
    number: int
    key: str
    title: str
    term: Term
    purpose: str
    agenda: list[Item]
    outcomes: list[str]
    role_of_school: list[Item]
    role_of_link_adviser: list[Item]
    qa_functions: list[Criterion]
    links: list[VisitLink]
    documents: list[DocumentKind]
    sections: list[Section]
    confidential: bool = False
    no_record_reason: str = ""
    documents_requested: list[DocumentRequestDefinition] = field(default_factory=list)
    # Who must take part (each role, alternatives with "or"); the QA rule ``participants``
    # refuses the record until each is recorded among the attendees.
    participants: list[str] = field(default_factory=list)
    signers: list[Signers] = field(default_factory=list)

    def signers_of(self, document: str) -> list[str]:
        """The roles that must sign ``document`` (empty: the programme does not say)."""
        return next((s.roles for s in self.signers if s.document == document), [])

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)


@dataclass(frozen=True)
class DocumentDefinition:
    kind: DocumentKind
    title: str
    quality_criteria: list[Criterion] = field(default_factory=list)
    confidential: bool = False
    confidentiality_notice: str = ""


@dataclass(frozen=True)
class TermDates:
    """The month and day each term starts; a term runs until the next one starts."""

    autumn: str = "09-01"
    spring: str = "01-01"
    summer: str = "04-01"


@dataclass(frozen=True)
class FullServiceCost:
    la_maintained: float
    non_maintained: float


@dataclass(frozen=True)
class Costs:
    currency: str
    full_service: FullServiceCost
    note: str = ""


@dataclass(frozen=True)
class ChargeableServiceDefinition:
    key: str
    title: str
    unit_price: float | None = None  # None: quoted per school


@dataclass(frozen=True)
class Sync:
    """What an adviser's sync file may carry."""

    share_confidential_content: bool = False


@dataclass(frozen=True)
class Programme:
    format: int
    id: str
    version: str
    authority: str
    service: str
    title: str
    role: str
    key_principles: list[str]
    costs: Costs
    chargeable_services: list[ChargeableServiceDefinition]
    grades: list[Grade]
    self_evaluation_areas: list[SelfEvaluationArea]
    documents: list[DocumentDefinition]
    visits: list[VisitDefinition]
    terms: TermDates = field(default_factory=TermDates)
    sync: Sync = field(default_factory=Sync)
    # The school phases this programme is for (as in GIAS: Primary, Secondary, ...); empty:
    # every phase. A school takes the programme of its phase, else the authority's main one.
    phases: list[str] = field(default_factory=list)
    # The scale SEF grades are agreed on, when it is not ``grades`` (the Ofsted judgements).
    self_evaluation_grades: list[Grade] = field(default_factory=list)
    # Later inspection frameworks: a visit in or after a framework's ``from_year`` grades its
    # self-evaluation on that framework's areas and scale instead of the ones above.
    self_evaluation_frameworks: list[SelfEvaluationFramework] = field(default_factory=list)

    def visit(self, number: int) -> VisitDefinition:
        for visit in self.visits:
            if visit.number == number:
                return visit
        raise KeyError(number)

    def document(self, kind: str) -> DocumentDefinition:
        for document in self.documents:
            if document.kind == kind:
                return document
        raise KeyError(kind)

    def grade_label(self, value: int | None) -> str:
        return _label(self.grades, value)

    def sef_scale(self, area: SelfEvaluationArea) -> list[Grade]:
        """The grades an area may be given: its own, else the self-evaluation scale."""
        return area.grades or self.self_evaluation_grades or self.grades

    def sef_grade_label(self, area_key: str, value: int | None) -> str:
        area = next((a for a in self.self_evaluation_areas if a.key == area_key), None)
        return _label(self.sef_scale(area) if area else self.grades, value)

    def for_year(self, academic_year: int) -> Programme:
        """The programme as a visit in ``academic_year`` reads it: year placeholders filled in
        and the self-evaluation framework of that year (see ``programme.years``)."""
        from linkadviser.programme.years import programme_for_year

        return programme_for_year(self, academic_year)

    def serves(self, phase: str) -> bool:
        return not self.phases or phase.lower() in (p.lower() for p in self.phases)

    def full_service_cost(self, la_maintained: bool) -> float:
        cost = self.costs.full_service
        return cost.la_maintained if la_maintained else cost.non_maintained


def _label(grades: list[Grade], value: int | None) -> str:
    return next((g.label for g in grades if g.value == value), "")
