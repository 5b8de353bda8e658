"""Preparing a visit from the school's imported data, as the adviser does the evening before.

Adds the ranked questions (with the figures behind each) to the visit and, for a visit with a
targets section (visit 1), the proposed targets for the adviser to edit and agree. What the
adviser already wrote is kept: only questions and targets the visit lacks are added.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkadviser.services import Services
from linkadviser.words import count


@dataclass(frozen=True)
class Prepared:
    questions: int
    targets: int

    @property
    def message(self) -> str:
        if not (self.questions or self.targets):
            return "Nothing new to add: the visit already holds what the data suggests."
        parts = [count(self.questions, "question")]
        if self.targets:
            parts.append(f"{count(self.targets, 'proposed target')} to review and agree")
        return "Added from the school's data: " + " and ".join(parts) + "."


def prepare_visit_from_data(services: Services, visit_id: str) -> Prepared:
    """Analyse the school's imported data and add what the visit does not hold yet."""
    from linkadviser.data.preparation import (
        prepare_school,
        save_proposed_targets,
        save_questions,
    )

    content = services.visits.content(visit_id)
    definition = services.programme_for(content).visit(content.visit_number)
    prepared = prepare_school(services.store, content.school_urn,
                              for_year=content.academic_year)
    questions = save_questions(services.store, visit_id, prepared.questions)
    targets = 0
    if any(s.kind == "targets" for s in definition.sections):
        targets = save_proposed_targets(services.store, visit_id, prepared.targets)
    return Prepared(questions, targets)
