"""JSON from a file someone else made, decoded within bounds.

Python's decoder recurses once per nesting level, so ``[[[[...]]]]`` 100,000 deep ends in a
RecursionError (a crash, not a refusal). ``loads`` measures the nesting first, in one pass that
does not recurse, and refuses past ``max_depth`` or ``max_bytes`` with a ``ValueError`` (which
callers already treat as "damaged"), then decodes.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_DEPTH = 64  # our own payloads nest fewer than ten levels
MAX_BYTES = 50_000_000

_TOKEN = re.compile(r'[\[\]{}"]')


class JSONTooDeep(ValueError):
    """The JSON nests deeper, or is longer, than any we write."""


def _string_end(text: str, start: int) -> int:
    """Where the string opened just before ``start`` ends (after its quote); -1 if never."""
    while True:
        quote = text.find('"', start)
        if quote < 0:
            return -1
        before = quote - 1
        while before >= start and text[before] == "\\":
            before -= 1
        if (quote - 1 - before) % 2 == 0:  # an even run of backslashes: the quote is real
            return quote + 1
        start = quote + 1


def nesting_depth(text: str) -> int:
    """How deeply ``text``'s arrays and objects nest (brackets inside strings not counted);
    one pass, linear in the length whatever the text holds."""
    depth = deepest = position = 0
    while (token := _TOKEN.search(text, position)) is not None:
        position = token.end()
        if token.group() == '"':
            position = _string_end(text, position)
            if position < 0:
                break  # unterminated: the decoder will say so
        else:
            depth += 1 if token.group() in "[{" else -1
            deepest = max(deepest, depth)
    return deepest


def loads(text: str | bytes, max_depth: int = MAX_DEPTH, max_bytes: int = MAX_BYTES) -> Any:
    """``json.loads`` refusing (JSONTooDeep, a ValueError) what is too long or too deep."""
    if len(text) > max_bytes:
        raise JSONTooDeep(f"it is {len(text):,} bytes long, more than {max_bytes:,}")
    if isinstance(text, bytes):
        text = text.decode("utf-8")
    depth = nesting_depth(text)
    if depth > max_depth:
        raise JSONTooDeep(f"it nests {depth:,} levels deep, more than {max_depth}")
    return json.loads(text)
