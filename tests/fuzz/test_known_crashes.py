"""Crashes the fuzz suite found in areas other engineers own, kept as reproducers: `verify`
(issue 15's work on documents/verify.py) and sync import (issue 14 item 7, i14-sync). Each
must become a verdict or a one-line refusal. They are expected to fail until those fixes are
merged (xfail, not strict, so the fix turns them green unasked)."""

from __future__ import annotations

import json
import logging
import re

import pytest

from linkadviser.documents.verify import verify_pdf
from linkadviser.errors import LinkAdviserError
from tests.crafted import pdf_with_payload
from tests.fuzz.strategies import (
    _members,
    _rezipped,
    guarded,
    signed_payload,
    signed_pdf,
    store_copy,
    sync_templates,
)


def verify_holds(pdf: bytes, programme) -> None:
    try:
        verify_pdf(pdf, programme)
    except LinkAdviserError as exc:
        assert "\n" not in str(exc)


def payload_with(**content: object) -> bytes:
    payload = signed_payload()
    changed = {**payload, "content": {**payload["content"], **content}}
    return pdf_with_payload(json.dumps(changed, sort_keys=True))


def test_null_in_previous_action_points(programme):
    """AttributeError: 'NoneType' object has no attribute 'items' (visit/content.py)."""
    payload = {**signed_payload(), "previous_action_points": [None]}
    verify_holds(pdf_with_payload(json.dumps(payload, sort_keys=True)), programme)


def test_null_academic_year(programme):
    """TypeError: unsupported operand type(s) for +: 'NoneType' and 'int' (calendar.py)."""
    verify_holds(payload_with(academic_year=None), programme)


def test_damaged_content_stream(programme):
    """pypdf's PdfStreamError / ValueError from a damaged page stream escape verify_pdf."""
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    pdf = signed_pdf()
    last = list(re.finditer(rb"stream\n(.*?)endstream", pdf, re.S))[-2]
    start, end = last.span(1)
    half = (end - start) // 2
    verify_holds(pdf[:start + half] + b"z" * (end - start - half) + pdf[end:], programme)


@pytest.mark.xfail(strict=False, reason="sync import crash (RecursionError); issue 14 item 7")
def test_sync_manifest_nested_200000_deep(tmp_path):
    from linkadviser.sync.importer import import_file

    members = _members((sync_templates() / "from-ann.zip").read_bytes())
    members["manifest.json"] = b"[" * 200_000 + b"]" * 200_000
    (tmp_path / "deep.zip").write_bytes(_rezipped(members))
    with store_copy(sync_templates() / "central.sqlite3") as (store, path):
        assert guarded(lambda: import_file(store, tmp_path / "deep.zip"), path) == "refused"


@pytest.mark.xfail(strict=False, reason="sync import crash (RuntimeError); issue 14 item 7")
def test_sync_member_flagged_as_encrypted(tmp_path):
    """The same bytes, with the "encrypted" flag set in every header but the manifest's: the
    reader then asks for a password (RuntimeError)."""
    from linkadviser.sync.importer import import_file

    data = bytearray((sync_templates() / "from-ann.zip").read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        for found in list(re.finditer(re.escape(signature), data))[1:]:
            data[found.start() + flags_at] |= 0x01
    (tmp_path / "encrypted.zip").write_bytes(bytes(data))
    with store_copy(sync_templates() / "central.sqlite3") as (store, path):
        assert guarded(lambda: import_file(store, tmp_path / "encrypted.zip"), path) == "refused"
