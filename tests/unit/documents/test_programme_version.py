"""A visit is drawn under the programme version it was begun under, and verifies under it."""

from __future__ import annotations

from dataclasses import replace

from linkadviser.documents import DocumentService, verify_pdf
from linkadviser.services import Services
from tests.unit.documents import builders
from tests.unit.documents.pdfs import flat


def _older(programme):
    visit = programme.visit(1)
    sections = [replace(s, title="Rationale for performance (2012 wording)")
                if s.key == "rationale" else s for s in visit.sections]
    visits = [replace(visit, sections=sections), *programme.visits[1:]]
    return replace(programme, version="2012.9", visits=visits)


def test_older_visit_keeps_its_programme_wording(store, programme):
    then = Services(store, _older(programme), today=lambda: builders.TODAY)
    visit_id = builders.signed_visit(then, 1)
    now = Services(store, programme, today=lambda: builders.TODAY)
    pdf = DocumentService.of(now).render(visit_id)
    assert "Rationale for performance (2012 wording)" in flat(pdf)
    verdict = verify_pdf(pdf, now.programme, now.store, now.programmes.get)
    assert verdict.ok, verdict.lines
    alone = verify_pdf(pdf, now.programme)
    assert not alone.ok and "made under programme" in " ".join(alone.lines)
