"""Whatever an adviser types, the document draws, keeps it, and verifies against itself."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from linkadviser.documents import DocumentData, render_pdf, verify_pdf
from linkadviser.documents.data import from_payload, to_payload
from linkadviser.programme import default_programme
from linkadviser.visit.content import (
    ActionPointContent,
    AttendeeContent,
    SignatureContent,
    VisitContent,
)

TYPED = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)


def _data(text: str, owner: str) -> DocumentData:
    programme = default_programme()
    content = VisitContent(
        visit_id="v", school_urn=1, school_name=text[:40] or "School", academic_year=2026,
        visit_number=1, programme_id=programme.id, programme_version=programme.version,
        visit_date=date(2026, 10, 1), adviser_name="Siân", attendees=[AttendeeContent(text, "")],
        section_texts={"rationale": text}, statements={"strengths": [text, text[::-1]]},
        action_points=[ActionPointContent("a", text, owner, date(2027, 1, 1))],
        signatures=[SignatureContent("Link Adviser", "Siân", date(2026, 10, 1))])
    return DocumentData("record_of_visit", content, version=1,
                        fingerprint=content.fingerprint())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TYPED, TYPED)
@example("", "\xad")  # a soft hyphen once damaged the embedded record
def test_any_text_draws_and_verifies(text, owner):
    programme = default_programme()
    data = _data(text, owner)
    verdict = verify_pdf(render_pdf(data, programme), programme)
    assert verdict.ok, verdict.lines


@given(TYPED)
def test_payload_round_trip_keeps_the_fingerprint(text):
    data = _data(text, text)
    again, raw = from_payload(to_payload(data))
    assert again.content.fingerprint() == data.fingerprint
    assert VisitContent.from_canonical(raw).canonical() == data.content.canonical()
