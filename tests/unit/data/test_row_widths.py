"""Counting each record's values on the bytes agrees with the csv module, or declines."""

from __future__ import annotations

import csv
import io
import random

import pytest

from linkadviser.data.row_widths import overlong_records


def by_csv(text: str, width: int) -> list[int]:
    return [i for i, row in enumerate(csv.reader(io.StringIO(text, newline="")))
            if len(row) > width]


@pytest.mark.parametrize(("text", "found"), [
    ("a,b,c\n1,2,3\n4,5,6,7\n", [2]),
    ('a,b,c\n1,"x,y",3\n', []),  # a quoted comma is part of the value
    ('a,b,c\n1,"x\ny,z",3\n', []),  # so is a quoted line break
    ("a,b,c\r\n1,2,3,\r\n", [1]),  # a trailing empty value is found (the caller allows it)
    ('a,b,c\n1,"said ""hi"", ok",3\n4,5,6', []),
    ('\ufeffa,b,c\n"1",2,3,4\n', [1]),
    ("", []),
])
def test_counts_as_the_csv_module_does(text, found):
    assert overlong_records(text.encode("utf-8"), 3) == found


@pytest.mark.parametrize("text", ['a,b,c\n1,5" tall,3\n', 'a,b,c\n1,"never closed,3\n'])
def test_unusual_quoting_is_left_to_the_csv_module(text):
    assert overlong_records(text.encode(), 3) is None


def test_agrees_with_the_csv_module_on_random_files():
    rng = random.Random(13)
    values = ["x", "1", "a,b", 'q"q', "l\nm", "", "  ", "é"]
    for _ in range(2000):
        rows = [[rng.choice(values) for _ in range(rng.randint(1, 5))]
                for _ in range(rng.randint(1, 6))]
        out = io.StringIO()
        csv.writer(out, lineterminator=rng.choice(["\n", "\r\n"])).writerows(rows)
        text = out.getvalue()
        assert overlong_records(text.encode(rng.choice(["utf-8", "cp1252"])), 3) == \
            by_csv(text, 3), text
