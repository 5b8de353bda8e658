"""The governors' guide (docs/governors-checking-a-record.md) shows pictures from a real PDF
reader, made by scripts/reader_screenshots.sh: every picture it names is there, is a PNG and
stays small enough for the repository and for a governor's e-mail."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[3] / "docs"
GUIDE = DOCS / "governors-checking-a-record.md"
MAX_BYTES = 150_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _pictures() -> list[str]:
    return re.findall(r"!\[[^\]]+\]\(([^)]+)\)", GUIDE.read_text(encoding="utf-8"))


def test_every_picture_the_guide_names_is_a_small_png() -> None:
    pictures = _pictures()
    assert pictures, "the guide shows no pictures"
    for name in pictures:
        path = DOCS / name
        assert path.is_file(), f"{name} is missing"
        assert path.read_bytes()[:8] == PNG_MAGIC, f"{name} is not a PNG"
        assert path.stat().st_size < MAX_BYTES, f"{name} is {path.stat().st_size} bytes"


def test_every_reader_picture_is_used_by_the_guide() -> None:
    made = {f"images/{p.name}" for p in (DOCS / "images").glob("okular-*.png")}
    assert made == set(_pictures())
