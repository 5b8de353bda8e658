"""Awkward content still makes a clean document: nothing lost, nothing off the page."""

from __future__ import annotations

import pytest

from linkadviser.errors import WorkflowError
from tests.unit.documents import builders
from tests.unit.documents.pdfs import flat, pages, reader

LONG_NOTE = " ".join(f"Sentence {i} about progress in mathematics and English." for i in range(700))
UNUSUAL = "Ysgol Gŵyr’s “Cymraeg” work – ŷ ŵ Ŵ Ŷ â ê î ô û, café, naïve, £2,650 👍🏽 🧑‍🏫 ✅"


def _starts_on_page(pdf: bytes) -> None:
    """Every run of text starts inside the page (nothing drawn off its edges)."""
    for page in reader(pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        spots = []

        def visit(text, cm, tm, _font, _size, spots=spots):
            if text.strip():
                spots.append((tm[4] * cm[0] + tm[5] * cm[2] + cm[4],
                              tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        assert spots
        assert all(-1 <= x <= width and -1 <= y <= height for x, y in spots)


def test_not_ready_visit_previews_as_draft_but_cannot_be_signed(services, documents):
    school = builders.add_school(services)
    visit_id = services.workflow.ensure_visit(school, 1, 2026)
    services.workflow.start(visit_id)
    pdf = documents.render(visit_id)
    assert all("DRAFT" in page for page in pages(pdf))
    assert "None recorded." in flat(pdf)
    with pytest.raises(WorkflowError):
        services.workflow.sign(visit_id, builders.signatures())


def test_empty_sections_say_so(services, documents):
    school = builders.add_school(services)
    visit_id = services.workflow.ensure_visit(school, 2, 2026)
    whole = flat(documents.render(visit_id))
    assert whole.count("None recorded.") >= 8  # activities + every section of visit 2
    _starts_on_page(documents.render(visit_id))


def test_long_notes_unusual_characters_and_forty_actions(services, documents):
    visit_id = builders.visit(services, 1, action_points=40, note=LONG_NOTE)
    services.visits.set_statements(visit_id, "strengths", [UNUSUAL, "x" * 400])
    pdf = documents.render(visit_id)
    texts = pages(pdf)
    whole = flat(pdf)
    assert len(texts) > 10
    assert "Sentence 699 about progress" in whole  # the long note is all there
    for fragment in ("Gŵyr’s “Cymraeg”", "ŷ ŵ Ŵ Ŷ", "£2,650", "[thumbs up sign]",
                     "[white heavy check mark]"):
        assert fragment in whole
    assert "\ufffd" not in whole
    for n in range(1, 41):
        assert f"Action {n}: review the tracking data" in whole
    table_pages = [t for t in texts if "Action 2" in t or "Action 39" in t]
    assert all("Owner" in t and "Due by" in t for t in table_pages)  # header repeated
    _starts_on_page(pdf)


def test_a_very_long_table_cell_splits_across_pages(services, documents):
    visit_id = builders.visit(services, 1, action_points=1)
    action = documents.gather(visit_id).content.action_points[0]
    services.visits.update("action_point", action.id, text=LONG_NOTE)
    pdf = documents.render(visit_id)
    assert "Sentence 699 about progress" in flat(pdf)
    _starts_on_page(pdf)
