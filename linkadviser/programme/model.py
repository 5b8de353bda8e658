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
class Grade:
    value: int
    label: str


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
    self_evaluation_areas: list[Item]
    documents: list[DocumentDefinition]
    visits: list[VisitDefinition]
    terms: TermDates = field(default_factory=TermDates)
    sync: Sync = field(default_factory=Sync)

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
        for grade in self.grades:
            if grade.value == value:
                return grade.label
        return ""

    def full_service_cost(self, la_maintained: bool) -> float:
        cost = self.costs.full_service
        return cost.la_maintained if la_maintained else cost.non_maintained
