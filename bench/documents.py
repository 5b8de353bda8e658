"""Documents: time to draw one record of visit, a whole term's records for the county, and
reportlab drawing the same text on a bare canvas (the floor), as a ratio. Goal: one record
< 100 ms. Signing (issue 15): a signed record (render + PAdES) < 200 ms warm, the signature
adds < 50 KB, verify (redraw, compare, check the signature's chain and revocation) < 100 ms.

The store is the invented county (``linkadviser.demo.county``, 450 schools); two academic
years are enough, since a term's records come from one year (``--years`` to change it). The
"whole term" is every signed record of visit of last year's autumn term (visit 1), each
gathered from the store and drawn, as the centre or an adviser re-printing a term would.

    .venv/bin/python bench/documents.py [--schools 450] [--years 2] [--repeat 20]
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.serialization import Encoding  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen.canvas import Canvas  # noqa: E402
from sqlalchemy import select  # noqa: E402

from linkadviser.demo import county  # noqa: E402
from linkadviser.documents import DocumentService, render_pdf, verify_pdf  # noqa: E402
from linkadviser.documents.fonts import REGULAR, register_fonts  # noqa: E402
from linkadviser.programme import default_programme  # noqa: E402
from linkadviser.services import Services  # noqa: E402
from linkadviser.signing import authority  # noqa: E402
from linkadviser.signing.adviser import Unlocked  # noqa: E402
from linkadviser.signing.keys import new_key  # noqa: E402
from linkadviser.signing.pades import Trust  # noqa: E402
from linkadviser.store.db import open_store  # noqa: E402
from linkadviser.store.models import Visit  # noqa: E402

TODAY = date(2026, 11, 26)
GOAL_MS = 100.0
SIGNED_GOAL_MS, SIGNATURE_GOAL_KB, VERIFY_GOAL_MS = 200.0, 50, 100.0
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def bare_canvas(lines_per_page: list[list[str]]) -> bytes:
    """The same text, line by line, on A4 pages: no layout, no tables, no metadata."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A4)
    for lines in lines_per_page:
        canvas.setFont(REGULAR, 9)
        y = A4[1] - 50
        for line in lines:
            canvas.drawString(50, y, line)
            y -= 11
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=450)
    parser.add_argument("--years", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    programme = default_programme()
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "county.sqlite3")
        start = time.perf_counter()
        summary = county.generate_county(store, programme, args.schools, args.years, 2026, TODAY)
        print(f"county: {summary} (made in {time.perf_counter() - start:.1f} s)")
        # Through the services, so a primary school's visit is drawn under the primary programme.
        documents = DocumentService.of(Services(store, programme, lambda: TODAY))
        with store.session() as session:
            term = session.scalars(select(Visit.id).where(
                Visit.academic_year == TODAY.year - 1, Visit.visit_number == 1,
                Visit.state == "signed").order_by(Visit.id)).all()
        if not term:
            print("no signed visit 1 last year: nothing to time")
            return 1
        one = term[len(term) // 2]

        documents.render(one)  # warm up: fonts, caches
        gather_ms, data = timed(lambda: documents.gather(one), args.repeat)
        drawn_under = documents.programme_for(data.content)
        draw_ms, pdf = timed(lambda: render_pdf(data, drawn_under), args.repeat)
        pages = [(p.extract_text() or "").splitlines() for p in PdfReader(io.BytesIO(pdf)).pages]
        bare_ms, _ = timed(lambda: bare_canvas(pages), args.repeat)
        verify_ms, verdict = timed(lambda: verify_pdf(pdf, programme, store, documents.programmes),
                                   5)
        assert verdict.ok, verdict.lines
        total_ms = gather_ms + draw_ms
        words = sum(len(line.split()) for page in pages for line in page)
        print(f"one record of visit ({len(pages)} pages, {words} words, {len(pdf) // 1024} KB), "
              f"median of {args.repeat}:")
        print(f"  gather from store  {gather_ms:7.1f} ms")
        print(f"  draw + embed       {draw_ms:7.1f} ms")
        print(f"  total              {total_ms:7.1f} ms   goal < {GOAL_MS:.0f} ms: "
              f"{'met' if total_ms < GOAL_MS else 'NOT met'}")
        print(f"  bare canvas, same text {bare_ms:5.1f} ms   ratio draw/bare "
              f"{draw_ms / bare_ms:.1f}x, total/bare {total_ms / bare_ms:.1f}x")
        print(f"  verify (redraw and compare, with store) {verify_ms:.1f} ms")
        signing(documents, store, one, pdf, args.repeat)

        start = time.perf_counter()
        rendered = [documents.render(visit_id) for visit_id in term]
        term_s = time.perf_counter() - start
        page_count = sum(len(PAGE.findall(pdf)) for pdf in rendered)
        print(f"whole term (autumn {TODAY.year - 1}, visit 1): {len(term)} records, "
              f"{page_count} pages in {term_s:.1f} s "
              f"({term_s / len(term) * 1000:.0f} ms per record)")
        store.close()
    return 0


def signing(documents: DocumentService, store, visit_id: str, plain: bytes, repeat: int) -> None:
    """The same record signed with an invented authority's certificate (PAdES), checked."""
    now = datetime.now(UTC)
    ca_key, key = new_key(), new_key()
    root = authority.make_root("Bench County Council", ca_key, now)
    certificate = authority.issue(root, ca_key, key.public_key(),
                                  authority.Adviser("bench", "Bench Adviser"), now)
    crl = authority.revocation_list(root, ca_key, [], now).public_bytes(Encoding.DER)
    signer, trust = Unlocked(key, certificate, [root]), Trust([root], [], [crl])
    documents.render(visit_id, signer=signer)  # warm up pyHanko
    signed_ms, signed = timed(lambda: documents.render(visit_id, signer=signer), repeat)
    verify_ms, verdict = timed(lambda: verify_pdf(signed, documents.programme, store,
                                                  documents.programmes, trust=trust), repeat)
    assert verdict.ok, verdict.lines
    added_kb = (len(signed) - len(plain)) / 1024
    print("signed record of visit (render + PAdES), median of "
          f"{repeat}:")
    print(f"  render and sign    {signed_ms:7.1f} ms   goal < {SIGNED_GOAL_MS:.0f} ms: "
          f"{'met' if signed_ms < SIGNED_GOAL_MS else 'NOT met'}")
    print(f"  signature adds     {added_kb:7.1f} KB   goal < {SIGNATURE_GOAL_KB} KB: "
          f"{'met' if added_kb < SIGNATURE_GOAL_KB else 'NOT met'} "
          f"({len(plain) // 1024} KB -> {len(signed) // 1024} KB)")
    print(f"  verify             {verify_ms:7.1f} ms   goal < {VERIFY_GOAL_MS:.0f} ms: "
          f"{'met' if verify_ms < VERIFY_GOAL_MS else 'NOT met'}")


if __name__ == "__main__":
    sys.exit(main())
