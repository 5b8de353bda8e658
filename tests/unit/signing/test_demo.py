"""The demo and the invented county come enrolled: signed records as a governor sees them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from linkadviser.demo.caseload import load_demo
from linkadviser.demo.county import generate_county
from linkadviser.documents import DocumentService, verify_pdf
from linkadviser.signing import centre
from linkadviser.signing.adviser import status, unlock
from linkadviser.signing.demo import DEMO_PASSPHRASE
from linkadviser.signing.trusted import trust_of
from linkadviser.store.models import Adviser, Visit

TODAY = date(2026, 11, 26)


def test_the_demo_signs_its_records_digitally(store, programme):
    load_demo(store, programme, TODAY)
    mine = status(store)
    assert mine.certificate is not None and "(demo)" in mine.root.subject.rfc4514_string()
    with store.session() as session:
        visit_id = session.scalars(select(Visit.id).where(Visit.state == "signed")).first()
    documents = DocumentService(store, programme, lambda: TODAY)
    pdf = documents.render(visit_id, signer=unlock(store, DEMO_PASSPHRASE))
    verdict = verify_pdf(pdf, programme, store, trust=trust_of(store))
    assert verdict.ok, verdict.lines
    assert any("Digitally signed by Demo Adviser" in line for line in verdict.lines)


def test_the_county_has_its_ca_and_every_adviser_a_certificate(store, programme):
    generate_county(store, programme, schools=5, years=1, today=TODAY)
    with store.session() as session:
        advisers = session.scalars(select(Adviser.id)).all()
        assert centre.has_ca(session)
        assert all(centre.current_certificate(session, a) is not None for a in advisers)
        assert centre.unlock(session, DEMO_PASSPHRASE).certificate is not None
