"""How many values each record of a CSV file has, counted in C rather than row by row.

The import refuses a row with more values than the header has names (an unquoted comma
shifts every figure after it). Reading a national file's 16,000 rows with the csv module
just to count them took as long as pandas reading the whole file, so the count is made on
the file's bytes with numpy: a comma or line break is a separator unless an odd number of
quotes lies before it. Commas, quotes and line breaks are single bytes in both UTF-8 and
Windows-1252, so the bytes can be counted before they are decoded. Where a quote does not
open or close a field as the csv module reads it (a stray ``5" tall``), the count could be
wrong, so it is not made (``None``) and the caller reads the rows one by one instead.
"""

from __future__ import annotations

import numpy as np

COMMA, QUOTE, NEWLINE, RETURN = (ord(c) for c in ',"\n\r')
BOM = b"\xef\xbb\xbf"


def overlong_records(data: bytes, width: int) -> list[int] | None:
    """The 0-based record numbers with more than ``width`` values (header first), or None
    when the file's quoting is too unusual to count this way."""
    start = len(BOM) if data.startswith(BOM) else 0
    buf = np.frombuffer(data, dtype=np.uint8)[start:]
    quotes = np.flatnonzero(buf == QUOTE)
    if len(quotes) % 2:
        return None  # a quoted value never closed
    opens = quotes[0::2]  # quotes alternate: opening a quoted run, closing it
    if len(opens):
        before = np.where(opens > 0, buf[np.maximum(opens - 1, 0)], COMMA)
        if not np.isin(before, (COMMA, NEWLINE, RETURN, QUOTE)).all():
            return None  # a quote in the middle of a value: let the csv module judge
    ends, commas = np.flatnonzero(buf == NEWLINE), np.flatnonzero(buf == COMMA)
    if len(quotes):  # a separator counts only outside quotes: an even number lie before it
        ends = ends[np.searchsorted(quotes, ends) % 2 == 0]
        commas = commas[np.searchsorted(quotes, commas) % 2 == 0]
    if not len(ends) or ends[-1] != len(buf) - 1:
        ends = np.append(ends, len(buf))  # the last record, without a line break
    per_record = np.diff(np.concatenate(([0], np.searchsorted(commas, ends))))
    return np.flatnonzero(per_record + 1 > width).tolist()
