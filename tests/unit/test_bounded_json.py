"""JSON nested 100,000 deep (issue 14 item 9): refused as damaged, never a RecursionError."""

from __future__ import annotations

import json

import pytest

from linkadviser import bounded_json
from linkadviser.documents.verify import verify_pdf
from tests.crafted import pdf_with_payload

DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(("text", "depth"), [
    ('{"a": "[[[[", "b": [1, {"c": "\\"["}]}', 3), ('["\\\\", [[1]]]', 3), ('"\\"' * 9, 0),
    ("[]", 1), ("7", 0), ('{"a": "unterminated [[[', 1),
])
def test_depth_skips_brackets_inside_strings(text, depth):
    assert bounded_json.nesting_depth(text) == depth


def test_deep_and_long_json_are_value_errors():
    with pytest.raises(ValueError, match="nests 100,000 levels deep, more than 64"):
        bounded_json.loads(DEEP)
    with pytest.raises(ValueError, match="more than 10"):
        bounded_json.loads(b"[1, 2, 3, 4, 5]", max_bytes=10)
    assert bounded_json.loads('{"a": [1, {"b": "]]]"}]}') == json.loads('{"a": [1, {"b": "]]]"}]}')


@pytest.mark.parametrize("payload", [DEEP, '{"format": ' + DEEP + "}", "[1, 2]", "null", "{"])
def test_verify_calls_a_deep_or_odd_payload_damaged(programme, payload):
    verdict = verify_pdf(pdf_with_payload(payload), programme)
    assert not verdict.ok
    assert any("embedded record is damaged" in line for line in verdict.lines)
