"""The four documents: right content, A4, headed, numbered, DRAFT until signed."""

from __future__ import annotations

import pytest
from pypdf.generic import NameObject

from linkadviser.documents import DocumentError
from linkadviser.documents.render import FINGERPRINT_KEY
from linkadviser.store.models import SignedVersion
from tests.unit.documents import builders
from tests.unit.documents.pdfs import flat, pages, reader

A4 = (595.27, 841.89)


def test_each_visit_has_its_own_documents(documents):
    assert documents.kinds(1) == ["record_of_visit", "preparation_sheet"]
    assert documents.kinds(3) == ["record_of_visit", "annual_report", "preparation_sheet"]
    assert documents.kinds(4) == ["governor_feedback_form", "preparation_sheet"]


@pytest.mark.parametrize("number, kind, phrases", [
    (1, "record_of_visit", ["Record of visit", "Agreed challenging targets", "Attendance",
                            "Activities undertaken", "Agreed action points"]),
    (2, "record_of_visit", ["SEF grades agreed", "Curriculum and teaching", "2 Strong standard"]),
    (3, "record_of_visit", ["Effectiveness of school improvement planning"]),
    (3, "annual_report", ["Annual report to governors", "The year in summary",
                          "Recommendations"]),
    (4, "governor_feedback_form", ["Governor feedback form", "Confidential to the governing",
                                   "SMART objectives for the next year", "Termly review",
                                   "Next steps"]),
    (2, "preparation_sheet", ["Visit preparation sheet", "Questions and hypotheses to test",
                              "Documents requested from the school"]),
])
def test_documents_are_headed_numbered_a4(services, documents, number, kind, phrases):
    visit_id = builders.visit(services, number)
    pdf = documents.render(visit_id, kind)
    texts = pages(pdf)
    for n, page in enumerate(reader(pdf).pages, start=1):
        assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4,
                                                                                         abs=1)
        assert "Norfolk County Council" in texts[n - 1]
        assert "School Improvement Partnership Programme (Secondary)" in texts[n - 1]
        assert f"page {n} of {len(texts)}" in texts[n - 1]
        assert ("DRAFT" in texts[n - 1]) == (kind != "preparation_sheet")
    whole = flat(pdf)
    for phrase in phrases:
        assert phrase in whole
    assert "Ysgol Gŵyr High School" in whole and "123456" in whole


def test_visit_four_has_no_record_and_is_confidential_on_every_page(services, documents):
    visit_id = builders.visit(services, 4)
    with pytest.raises(DocumentError, match="no record of visit"):
        documents.render(visit_id, "record_of_visit")
    pdf = documents.render(visit_id)
    assert all("CONFIDENTIAL TO THE GOVERNING BODY" in p for p in pages(pdf))


def test_signed_document_carries_signatures_and_fingerprint(services, documents):
    visit_id = builders.signed_visit(services, 1)
    pdf = documents.render(visit_id)
    with services.store.session() as session:
        fingerprint = session.query(SignedVersion).one().fingerprint
    texts = pages(pdf)
    assert not any("DRAFT" in t for t in texts)
    assert all(fingerprint in " ".join(t.split()) for t in texts)
    assert reader(pdf).metadata[NameObject(FINGERPRINT_KEY)] == fingerprint
    whole = flat(pdf)
    for phrase in ("Siân Llŷr", "Link Adviser", "Ann Head", "Headteacher",
                   "Signed 26 November 2026"):
        assert phrase in whole
    last = reader(pdf).pages[-1]
    images = [o for o in last["/Resources"]["/XObject"].values()
              if o.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 2


def test_unknown_version_is_a_clear_error(services, documents):
    from linkadviser.errors import NotFoundError

    visit_id = builders.signed_visit(services, 1)
    with pytest.raises(NotFoundError, match="no signed version 7"):
        documents.render(visit_id, version=7)


def test_preparation_sheet_lists_questions_with_their_data_and_last_visits_actions(
        services, documents):
    first = builders.signed_visit(services, 1)
    with services.store.session() as session:
        from linkadviser.store.models import Visit
        school_id = session.get(Visit, first).school_id
    second = services.workflow.ensure_visit(school_id, 2, 2026)
    services.visits.add(second, "question", text="Are FSM boys making expected progress?",
                        evidence="FSM boys' progress 8 is -0.6 against 0.1 for others")
    services.visits.add(second, "question", text="Dismissed one", dismissed=True)
    whole = flat(documents.render(second, "preparation_sheet"))
    assert "Are FSM boys making expected progress?" in whole
    assert "progress 8 is -0.6" in whole
    assert "Dismissed one" not in whole
    assert "Action points from the last visit (visit 1, 2026/27)" in whole
    assert "Action 3: review the tracking data" in whole
