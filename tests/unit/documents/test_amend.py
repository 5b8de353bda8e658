"""An amendment after signing makes a new version marked amended; the original stays."""

from __future__ import annotations

from tests.unit.documents import builders
from tests.unit.documents.pdfs import flat, pages


def test_amended_version_is_marked_and_the_original_still_prints(services, documents):
    visit_id = builders.signed_visit(services, 1)
    original = documents.render(visit_id)
    services.workflow.amend(visit_id, "Governors asked for the FSM target to be corrected")
    services.visits.set_keyed(visit_id, "section_text", "rationale", text="Corrected rationale.")
    draft = documents.render(visit_id)
    assert all("DRAFT" in p for p in pages(draft))
    assert "Draft amendment of signed version 1" in flat(draft)
    services.workflow.mark_ready(visit_id)
    services.workflow.sign(visit_id, builders.signatures())
    assert documents.versions(visit_id) == [1, 2]
    amended = flat(documents.render(visit_id))
    assert "Record of visit (amended, version 2)" in amended
    assert "Amended: version 2. It replaces version 1" in amended
    assert "Governors asked for the FSM target to be corrected" in amended
    assert "Corrected rationale." in amended
    again = documents.render(visit_id, version=1)
    assert pages(again) == pages(original)
    assert "Corrected rationale." not in flat(again)
