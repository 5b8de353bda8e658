"""The colours: chosen from the palette the widgets draw with, light, dark or high contrast."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from linkadviser.ui import style
from linkadviser.ui.screen_check import contrast_ratio

TEXT_ON = {"text": ("page", "card", "window", "side"), "muted": ("page", "card", "window"),
           "heading": ("page", "card"), "flag": ("page", "card"), "due": ("page",),
           "ok": ("page", "card", "side"), "warn_text": ("warn_bg",), "ok_text": ("ok_bg",),
           "accent_text": ("accent",), "chip_text": ("chip_bg",),
           "selection_text": ("selection",)}


def _ratio(a: str, b: str) -> float:
    import numpy as np

    rgb = [np.array([QColor(c).red(), QColor(c).green(), QColor(c).blue()]) for c in (a, b)]
    return float(contrast_ratio(rgb[0], rgb[1]))


def test_every_text_colour_meets_aa_on_its_backgrounds():
    for scheme in (style.LIGHT, style.DARK):
        for text, backgrounds in TEXT_ON.items():
            for background in backgrounds:
                ratio = _ratio(getattr(scheme, text), getattr(scheme, background))
                assert ratio >= 4.5, (scheme.name, text, background, round(ratio, 2))


def test_the_palette_decides_light_or_dark(qapp, monkeypatch):
    monkeypatch.delenv(style.SCHEME_ENV, raising=False)
    before = qapp.palette()
    try:
        qapp.setPalette(style.dark_palette())
        assert style.choose_colours(qapp).name == "dark"
        qapp.setPalette(QPalette(QColor("#f0f0f0")))
        assert style.choose_colours(qapp).name == "light"
    finally:
        qapp.setPalette(before)


def test_high_contrast_takes_the_system_colours(qapp, monkeypatch):
    monkeypatch.setenv(style.SCHEME_ENV, "contrast")
    before = qapp.palette()
    try:
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#000000"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#ffff00"))
        qapp.setPalette(palette)
        chosen = style.choose_colours(qapp)
        assert chosen.name == "contrast"
        assert chosen.text == chosen.flag == chosen.muted == "#ffff00"
        assert chosen.page == "#000000"
        assert "#ffff00" in style.stylesheet(chosen) and "#b3261e" not in style.stylesheet(chosen)
    finally:
        qapp.setPalette(before)


def test_chart_lines_and_bars_stand_out_on_the_card():
    """WCAG's 3:1 for graphics: every chart colour against the card the chart is drawn on."""
    for scheme in (style.LIGHT, style.DARK):
        for role in style.CHART_ROLES:
            ratio = _ratio(getattr(scheme, role), scheme.card)
            assert ratio >= 3, (scheme.name, role, round(ratio, 2))
