"""The bundled DejaVu Sans fonts, and making any text drawable with them.

Helvetica (reportlab's default) has no Welsh ŵ/ŷ and many other letters advisers type, so every
document uses DejaVu Sans from ``resources/fonts``. Nothing is looked up on the system, so a
document looks the same on every laptop. Characters the font has no glyph for (emoji, mostly)
are written as their Unicode name in brackets rather than as an empty box: "[thumbs up sign]"
still says what the adviser meant.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from linkadviser.paths import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"

# Joiners, variation selectors and skin-tone modifiers only shape the emoji they follow.
_SILENT = {0x200D, 0xFE0E, 0xFE0F, *range(0x1F3FB, 0x1F400)}


@cache
def register_fonts() -> frozenset[int]:
    """Register the fonts with reportlab once per process; returns the code points they draw."""
    folder = resources_dir() / "fonts"
    for name in (REGULAR, BOLD, ITALIC):
        pdfmetrics.registerFont(TTFont(name, str(folder / f"{name}.ttf")))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD)
    covered = set(pdfmetrics.getFont(REGULAR).face.charToGlyph)
    covered &= set(pdfmetrics.getFont(BOLD).face.charToGlyph)
    return frozenset(covered)


def drawable(text: str) -> str:
    """``text`` with every character the fonts cannot draw replaced by its bracketed name."""
    covered = register_fonts()
    out: list[str] = []
    for char in text:
        code = ord(char)
        if code in covered or char in "\n\t":
            out.append(char)
        elif code in _SILENT or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        else:
            out.append(f"[{unicodedata.name(char, 'symbol').lower()}]")
    return "".join(out)


def markup(text: str) -> str:
    """Plain text as reportlab paragraph markup: drawable, escaped, line breaks kept."""
    return escape(drawable(text)).replace("\n", "<br/>")
