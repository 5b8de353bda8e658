"""A visit's recorded content as plain data, independent of the database.

One shape serves QA checks, documents, the signed fingerprint and sync: whatever the record
says is here, and nothing else. ``canonical()`` gives the stable JSON form whose SHA-256 is the
fingerprint printed on a signed document.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any


@dataclass
class AttendeeContent:
    name: str
    role: str


@dataclass
class ChecklistContent:
    ticked: bool = False
    evidence: str = ""


@dataclass
class QuestionContent:
    id: str
    text: str
    evidence: str = ""
    answer: str = ""
    source: str = "adviser"
    dismissed: bool = False


@dataclass
class TargetContent:
    id: str
    measure: str
    pupil_group: str
    baseline: float | None
    target: float | None
    unit: str = "%"
    reasoning: str = ""
    agreed: bool = False
    for_year: int = 0
    outcome: float | None = None


@dataclass
class SefGradeContent:
    school_grade: int | None = None
    agreed_grade: int | None = None
    comment: str = ""


@dataclass
class ObjectiveContent:
    id: str
    text: str
    success_criteria: str = ""
    monitoring: str = ""


# What becomes of an action point; every screen and report reads one of these.
ACTION_POINT_STATUSES = ("open", "done", "dropped")


@dataclass
class ActionPointContent:
    id: str
    text: str
    owner: str = ""
    due_date: date | None = None
    status: str = "open"


@dataclass
class DocumentRequestContent:
    id: str
    title: str
    due_date: date | None = None
    received: bool = False


@dataclass
class SignatureContent:
    role: str
    name: str
    signed_on: date
    image_sha256: str = ""


@dataclass
class VisitContent:
    visit_id: str
    school_urn: int
    school_name: str
    academic_year: int
    visit_number: int
    programme_id: str
    programme_version: str
    state: str = "planned"
    visit_date: date | None = None
    planned_date: date | None = None
    adviser_name: str = ""
    attendees: list[AttendeeContent] = field(default_factory=list)
    agenda_notes: dict[str, str] = field(default_factory=dict)
    checklist: dict[str, ChecklistContent] = field(default_factory=dict)
    section_texts: dict[str, str] = field(default_factory=dict)
    statements: dict[str, list[str]] = field(default_factory=dict)
    questions: list[QuestionContent] = field(default_factory=list)
    targets: list[TargetContent] = field(default_factory=list)
    sef_grades: dict[str, SefGradeContent] = field(default_factory=dict)
    objectives: list[ObjectiveContent] = field(default_factory=list)
    action_points: list[ActionPointContent] = field(default_factory=list)
    documents_requested: list[DocumentRequestContent] = field(default_factory=list)
    qa_confirmed: list[str] = field(default_factory=list)
    signatures: list[SignatureContent] = field(default_factory=list)
    signed_version: int = 0

    def canonical(self, with_signatures: bool = True) -> dict:
        """The content in a stable form: sorted keys, ISO dates, no workflow state."""
        data = asdict(self)
        data.pop("state")
        data.pop("signed_version")
        if not with_signatures:
            data.pop("signatures")
        return data

    def fingerprint(self) -> str:
        return fingerprint_of(self.canonical())

    @classmethod
    def from_canonical(cls, raw: dict, state: str = "signed",
                       signed_version: int = 0) -> VisitContent:
        """The content whose ``canonical()`` is ``raw`` (e.g. a signed version's JSON)."""
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key in _LISTS:
                values[key] = [part_from_raw(_LISTS[key], item) for item in value]
            elif key in _DICTS:
                values[key] = {k: part_from_raw(_DICTS[key], item) for k, item in value.items()}
            elif key in _DATES:
                values[key] = date_from_iso(value)
            else:
                values[key] = value
        values.setdefault("signatures", [])
        return cls(**values, state=state, signed_version=signed_version)

    def words(self) -> int:
        """How long the record is, counted over everything an adviser wrote."""
        texts = [*self.agenda_notes.values(), *self.section_texts.values()]
        texts += [t for items in self.statements.values() for t in items]
        texts += [a.text for a in self.action_points]
        return sum(len(t.split()) for t in texts)


def canonical_json(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=_iso)


def fingerprint_of(data: object) -> str:
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot put {type(value).__name__} in a canonical record")


_LISTS: dict[str, type] = {
    "attendees": AttendeeContent, "questions": QuestionContent, "targets": TargetContent,
    "objectives": ObjectiveContent, "action_points": ActionPointContent,
    "documents_requested": DocumentRequestContent, "signatures": SignatureContent,
}
_DICTS: dict[str, type] = {"checklist": ChecklistContent, "sef_grades": SefGradeContent}
_DATES = {"visit_date", "planned_date", "due_date", "signed_on"}


def date_from_iso(value: Any) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def part_from_raw(cls: type, raw: dict) -> Any:
    """One content part (an attendee, a target...) from its canonical form."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: (date_from_iso(v) if k in _DATES else v)
                  for k, v in raw.items() if k in names})
