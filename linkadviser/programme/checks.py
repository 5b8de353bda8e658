"""Cross-checks a programme's parts against each other once each part has the right shape.

The loader has already checked every key and type; this checks what no single entry can:
that keys are unique, links name visits that exist, and every QA rule is one the app knows
with the parameters it needs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from linkadviser.programme.model import Criterion, Programme, VisitDefinition
from linkadviser.programme.years import PLACEHOLDERS, unknown_placeholders
from linkadviser.visit.qa_rules import RULES


def _duplicates(where: str, keys: Iterable[str]) -> list[str]:
    return [f"{where}: key {k!r} is used more than once" for k, n in Counter(keys).items() if n > 1]


def _check_criterion(where: str, criterion: Criterion, visit: VisitDefinition | None) -> list[str]:
    rule = RULES.get(criterion.rule)
    if rule is None:
        known = ", ".join(sorted(RULES))
        return [f"{where}: unknown rule {criterion.rule!r} (known rules: {known})"]
    problems = []
    if rule.needs_section and not criterion.section:
        problems.append(f"{where}: rule {criterion.rule!r} needs a 'section'")
    if rule.needs_participants and visit is not None and not visit.participants:
        problems.append(f"{where}: rule {criterion.rule!r} needs the visit's 'participants'")
    if visit is not None and criterion.section:
        keys = {s.key for s in visit.sections}
        if criterion.section not in keys:
            problems.append(
                f"{where}: section {criterion.section!r} is not a section of this visit")
    return problems


def check_programme(programme: Programme) -> list[str]:
    problems: list[str] = []
    numbers = [v.number for v in programme.visits]
    problems += _duplicates("visits", (str(n) for n in numbers))
    problems += _duplicates("visits", (v.key for v in programme.visits))
    problems += _duplicates("documents", (d.kind for d in programme.documents))
    problems += _duplicates("chargeable_services",
                            (c.key for c in programme.chargeable_services))
    problems += _duplicates("self_evaluation_areas",
                            (a.key for a in programme.self_evaluation_areas))
    for name in unknown_placeholders(programme):
        problems.append(f"unknown placeholder {{{name}}} (the programme's text may name: "
                        + ", ".join(f"{{{k}}}" for k in PLACEHOLDERS) + ")")
    problems += _duplicates("self_evaluation_frameworks",
                            (str(f.from_year) for f in programme.self_evaluation_frameworks))
    for i, framework in enumerate(programme.self_evaluation_frameworks):
        problems += _duplicates(f"self_evaluation_frameworks[{i}].areas",
                                (a.key for a in framework.areas))
    document_kinds = {d.kind for d in programme.documents}
    for i, doc in enumerate(programme.documents):
        for j, criterion in enumerate(doc.quality_criteria):
            problems += _check_criterion(f"documents[{i}].quality_criteria[{j}]", criterion, None)
    for i, visit in enumerate(programme.visits):
        where = f"visits[{i}] (visit {visit.number})"
        for part in ("agenda", "role_of_school", "role_of_link_adviser", "sections",
                     "qa_functions"):
            problems += _duplicates(f"{where}.{part}", (x.key for x in getattr(visit, part)))
        for link in visit.links:
            if link.visit not in numbers:
                problems.append(f"{where}.links: visit {link.visit} is not in the programme")
        for kind in visit.documents:
            if kind not in document_kinds:
                problems.append(f"{where}.documents: {kind!r} is not defined under 'documents'")
        for j, criterion in enumerate(visit.qa_functions):
            problems += _check_criterion(f"{where}.qa_functions[{j}]", criterion, visit)
        for doc in programme.documents:
            if doc.kind in visit.documents:
                for j, criterion in enumerate(doc.quality_criteria):
                    problems += _check_criterion(
                        f"{where}: documents {doc.kind!r} quality_criteria[{j}]", criterion, visit)
        for j, signers in enumerate(visit.signers):
            if signers.document not in visit.documents:
                problems.append(f"{where}.signers[{j}]: document {signers.document!r} is not "
                                "produced by this visit")
        for j, section in enumerate(visit.sections):
            for kind in section.documents:
                if kind not in visit.documents and kind != "preparation_sheet":
                    problems.append(
                        f"{where}.sections[{j}]: document {kind!r} is not produced by this visit")
    return problems
