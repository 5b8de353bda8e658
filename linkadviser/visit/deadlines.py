"""What falls due before a booked visit: the school's documents and the adviser's preparation.

The programme says what the school provides and how long before the visit (visit 2: the SEF,
``days_before: 14``, "two weeks prior to visit"); the adviser prepares every visit the evening
before (DESIGN: the evening before a visit the adviser opens the school and prepares the
questions to test). Both are worked out from the booked date, so re-booking moves them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from linkadviser.programme.model import VisitDefinition

PREPARE_DAYS_BEFORE = 1  # the evening before the visit
NOT_PREPARED = ("planned",)


@dataclass(frozen=True)
class Requested:
    """A document request as recorded in the visit."""

    title: str
    received: bool


@dataclass(frozen=True)
class Deadline:
    due: date
    what: str  # "Prepare visit 2", "The school's self-evaluation (SEF) from the school"
    done: bool
    kind: str  # "preparation" or "document"


def document_due(booked_on: date, days_before: int) -> date:
    return booked_on - timedelta(days=days_before)


def visit_deadlines(definition: VisitDefinition, booked_on: date, state: str,
                    has_questions: bool, requested: list[Requested]) -> list[Deadline]:
    """The deadlines of one booked visit, earliest first.

    Preparation is done once the visit holds its questions or has moved past planned; a
    document once the school's copy is marked received.
    """
    received = {r.title for r in requested if r.received}
    found = [Deadline(document_due(booked_on, wanted.days_before),
                      f"{wanted.title} from the school", wanted.title in received, "document")
             for wanted in definition.documents_requested]
    found.append(Deadline(booked_on - timedelta(days=PREPARE_DAYS_BEFORE),
                          f"Prepare visit {definition.number}",
                          has_questions or state not in NOT_PREPARED, "preparation"))
    return sorted(found, key=lambda d: d.due)
