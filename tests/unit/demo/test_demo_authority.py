"""The demo stays a demo: an invented authority on every page, and every PDF says so."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from linkadviser.authority.pdf import write_pdf
from linkadviser.authority.report import build_report
from linkadviser.demo import caseload as demo
from linkadviser.demo.caseload import load_demo
from linkadviser.documents import DocumentService, verify_pdf
from linkadviser.documents.render import DEMO_MARK
from linkadviser.store.models import Visit
from tests.unit.documents.pdfs import flat, pages

AUTUMN = date(2026, 11, 26)
DEMO_NAME = "Wexham County Council (demo)"


@pytest.fixture
def demo_store(store, programme, monkeypatch):
    monkeypatch.setattr(demo, "_import_data", lambda _store: "")
    load_demo(store, programme, AUTUMN)
    return store


def test_every_demo_document_names_the_invented_authority_and_says_demo(demo_store,
                                                                         programme):
    documents = DocumentService(demo_store, programme, lambda: AUTUMN)
    with demo_store.session() as s:
        signed = s.scalars(select(Visit.id).where(Visit.state == "signed")).first()
        draft = s.scalars(select(Visit.id).where(Visit.state != "signed")).first()
    for pdf in (documents.render(signed), documents.render(draft),
                documents.render(draft, "preparation_sheet")):
        for page in pages(pdf):
            assert DEMO_NAME in page and "Norfolk" not in page
            assert DEMO_MARK in " ".join(page.split())
    verdict = verify_pdf(documents.render(signed), programme, demo_store)
    assert verdict.ok, verdict.lines  # still checks out


def test_the_demo_county_report_is_the_invented_authority(demo_store, programme, tmp_path):
    report = build_report(demo_store, programme, AUTUMN, record_snapshot=False)
    assert report.authority == DEMO_NAME and report.demo
    pdf = write_pdf(report, tmp_path / "county.pdf").read_bytes()
    text = flat(pdf)
    assert "Norfolk" not in text and DEMO_NAME in text
    assert all(DEMO_MARK in " ".join(p.split()) for p in pages(pdf))


def test_a_real_store_says_nothing_of_demo(store, programme, tmp_path):
    report = build_report(store, programme, AUTUMN, record_snapshot=False)
    assert report.authority == programme.authority and not report.demo
    assert DEMO_MARK not in flat(write_pdf(report, tmp_path / "c.pdf").read_bytes())
