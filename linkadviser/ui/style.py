"""The app's look: one style sheet, in a light, a dark and a high-contrast set of colours.

Every colour a screen uses comes from here, either through the style sheet (by object name:
``QLabel#muted``, ``QFrame#card``...) or through ``colours()`` for what a style sheet cannot
reach (a table cell's text, HTML in a text browser). Nothing sets a fixed text colour on a
background it inherits: each set pairs its texts with the backgrounds they sit on, and the set
is chosen from the palette the widgets are actually drawn with, so dark text never lands on a
dark system background. In Windows high contrast the set is taken from the system palette
itself, with meaning carried by weight rather than hue.

A signed visit's fields are shown disabled (read-only); what they hold is the record, so a
disabled choice keeps the body text colour rather than Qt's faded grey.

Screens added later get all of this by giving their widgets the object names below; the
screen check (``ui.screen_check``) measures the result.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QInputDevice, QPalette
from PySide6.QtWidgets import QApplication

SCHEME_ENV = "LINKADVISER_SCHEME"  # light, dark or contrast: overrides what the system says


@dataclass(frozen=True)
class Colours:
    """One set of colours; each text colour meets WCAG AA on the backgrounds it is used on."""

    name: str
    text: str  # body text, on ``page``, ``card`` and ``window``
    heading: str
    muted: str  # captions and secondary text, on ``page``, ``card`` and ``window``
    window: str  # the main window's own background
    page: str  # a page's background (school, visit pages)
    card: str
    border: str
    side: str  # the outline and the linked-visits panel
    accent: str  # the primary button, the selected outline place
    accent_text: str
    accent_hover: str
    disabled: str  # a disabled primary button's background
    disabled_text: str
    selection: str
    selection_text: str
    header: str  # table headers
    grid: str
    flag: str  # overdue, unmet, a problem (as text on page/card/window)
    due: str  # due this term (as text)
    ok: str  # complete, met (as text)
    warn_bg: str
    warn_text: str
    warn_border: str
    ok_bg: str
    ok_text: str
    ok_border: str
    chip_bg: str  # the visit's state
    chip_text: str
    highlight_row: str  # e.g. the county's own row in a table
    link: str
    series_1: str  # chart lines and bars, on ``card``: the school, or the first area
    series_2: str  # the authority, or the second area
    series_3: str
    series_4: str


# Each role's light and dark values side by side, so a pair is read (and checked) together.
PAIRS: dict[str, tuple[str, str]] = {
    "text": ("#1a1a1a", "#e8eaed"),
    "heading": ("#14213d", "#f1f4f8"),
    "muted": ("#4f5b66", "#b4bec8"),
    "window": ("#efefef", "#202327"),
    "page": ("#ffffff", "#1a1d21"),
    "card": ("#fafafa", "#24282e"),
    "border": ("#d5dbe1", "#3c434c"),
    "side": ("#f3f5f7", "#22262b"),
    "accent": ("#1f5fa8", "#2f6fba"),
    "accent_text": ("#ffffff", "#ffffff"),
    "accent_hover": ("#1a528f", "#3a7cc9"),
    "disabled": ("#c9d2db", "#3a4048"),
    "disabled_text": ("#3d4852", "#c3cad1"),
    "selection": ("#d6e4f5", "#2c4a6e"),
    "selection_text": ("#10202f", "#ffffff"),
    "header": ("#f3f5f7", "#2a2f35"),
    "grid": ("#e3e7eb", "#343a41"),
    "flag": ("#b3261e", "#ff8a80"),
    "due": ("#7a4f01", "#ffcc80"),
    "ok": ("#2e6b34", "#a5d6a7"),
    "warn_bg": ("#fff4e5", "#3b2f1a"),
    "warn_text": ("#5c3400", "#ffe0b2"),
    "warn_border": ("#f0c27b", "#7a5a2a"),
    "ok_bg": ("#e8f5e9", "#1d3322"),
    "ok_text": ("#1b5e20", "#c8e6c9"),
    "ok_border": ("#a5d6a7", "#3d6b43"),
    "chip_bg": ("#e7eef8", "#2c3a4f"),
    "chip_text": ("#14213d", "#e3ecf8"),
    "highlight_row": ("#fff2cc", "#4a3f1c"),
    "link": ("#1f5fa8", "#8ab8f0"),
    "series_1": ("#1d70b8", "#6cb4f5"),
    "series_2": ("#c55a11", "#ffa270"),
    "series_3": ("#2e7d32", "#81c784"),
    "series_4": ("#7030a0", "#c9a3e6"),
}
# What a chart may draw its lines and bars in (England's line is ``muted``, a goal ``flag``).
SERIES = ("series_1", "series_2", "series_3", "series_4")
CHART_ROLES = (*SERIES, "muted", "flag")
LIGHT = Colours(name="light", **{role: pair[0] for role, pair in PAIRS.items()})
DARK = Colours(name="dark", **{role: pair[1] for role, pair in PAIRS.items()})


def contrast_colours(palette: QPalette) -> Colours:
    """High contrast: the system's own colours for everything; meaning by weight, not hue."""
    def role(r: QPalette.ColorRole) -> str:
        return palette.color(QPalette.ColorGroup.Active, r).name()

    text, base, window = (role(QPalette.ColorRole.Text), role(QPalette.ColorRole.Base),
                          role(QPalette.ColorRole.Window))
    highlight, highlighted = (role(QPalette.ColorRole.Highlight),
                              role(QPalette.ColorRole.HighlightedText))
    fore = role(QPalette.ColorRole.WindowText)
    return Colours(
        name="contrast", text=fore, heading=fore, muted=fore, window=window, page=window,
        card=window, border=fore, side=window, accent=highlight, accent_text=highlighted,
        accent_hover=highlight, disabled=window, disabled_text=fore,
        selection=highlight, selection_text=highlighted, header=window, grid=fore, flag=fore,
        due=fore, ok=fore, warn_bg=base, warn_text=text, warn_border=fore, ok_bg=base,
        ok_text=text, ok_border=fore, chip_bg=window, chip_text=fore, highlight_row=base,
        link=role(QPalette.ColorRole.Link), series_1=fore, series_2=fore, series_3=fore,
        series_4=fore)


_current: Colours = LIGHT


def colours() -> Colours:
    """The colours in use (light until ``apply_style`` chooses)."""
    return _current


def qcolour(name: str) -> QColor:
    """One of ``colours()`` by field name, as a QColor (for table cells and painting)."""
    return QColor(getattr(_current, name))


STYLE = """
QWidget {{ font-size: 10.5pt; }}
QLabel#pageTitle {{ font-size: 17pt; font-weight: 600; color: {heading}; padding: 4px 0 0 0; }}
QLabel#summary {{ color: {muted}; padding-bottom: 4px; }}
QLabel#demoBanner {{ background: {warn_bg}; color: {warn_text}; border: 1px solid {warn_border};
                    border-radius: 4px; padding: 6px 10px; }}
QLabel#emptyTitle {{ font-size: 15pt; font-weight: 600; color: {heading}; }}
QLabel#breadcrumb {{ color: {muted}; }}
QTableView {{ gridline-color: {grid}; selection-background-color: {selection};
             selection-color: {selection_text}; }}
QHeaderView::section {{ background: {header}; color: {text}; padding: 5px 6px; border: none;
                       border-bottom: 1px solid {border}; font-weight: 600; }}
QPushButton {{ padding: 6px 14px; }}
QPushButton#primary {{ background: {accent}; color: {accent_text}; border-radius: 4px;
                      font-weight: 600; border: 1px solid {accent}; }}
QPushButton#primary:hover {{ background: {accent_hover}; }}
QPushButton#primary:disabled {{ background: {disabled}; color: {disabled_text};
                               border-color: {disabled}; }}
QPushButton#primary:focus {{ border: 2px solid {text}; }}
QToolBar {{ spacing: 6px; }}
QComboBox:disabled {{ color: {text}; }}
QCheckBox:disabled {{ color: {muted}; }}
QLabel#title {{ font-size: 15pt; font-weight: 600; color: {heading}; }}
QLabel#title_small {{ font-size: 12pt; font-weight: 600; color: {heading}; }}
QLabel#school {{ font-size: 17pt; font-weight: 700; color: {heading}; }}
QLabel#subtitle {{ font-size: 11pt; color: {text}; }}
QLabel#heading {{ font-size: 11pt; font-weight: 600; color: {heading}; padding: 6px 0 0 0; }}
QLabel#prompt {{ color: {muted}; font-style: italic; }}
QLabel#caption {{ font-size: 9.5pt; color: {muted}; font-weight: 600; }}
QLabel#body {{ color: {text}; }}
QLabel#flag {{ color: {flag}; font-weight: 600; }}
QLabel#muted {{ font-size: 9.5pt; color: {muted}; }}
QLabel#state {{ font-size: 9.5pt; font-weight: 600; padding: 3px 10px; border-radius: 10px;
               background: {chip_bg}; color: {chip_text}; }}
QLabel#banner {{ padding: 8px 12px; background: {warn_bg}; color: {warn_text};
                border: 1px solid {warn_border}; border-radius: 4px; }}
QLabel#banner[kind="ok"] {{ background: {ok_bg}; color: {ok_text}; border-color: {ok_border}; }}
QLabel#qa_mark {{ font-size: 14pt; font-weight: 700; color: {flag}; min-width: 22px; }}
QLabel#qa_mark[met="true"] {{ color: {ok}; }}
QLabel#signStatus[blocked="true"] {{ color: {flag}; font-weight: 600; }}
QFrame#card {{ background: {card}; border: 1px solid {border}; border-radius: 6px; }}
QWidget#page {{ background: {page}; }}
QWidget#header {{ background: {window}; }}
QTextBrowser#linked_panel {{ background: {side}; color: {text}; padding: 8px; }}
QListWidget#outline {{ border: none; background: {side}; color: {text}; }}
QListWidget#outline::item:selected {{ background: {accent}; color: {accent_text}; }}
"""

# Larger targets for fingers on a tablet.
TOUCH_STYLE = """
QPushButton, QLineEdit, QComboBox, QToolButton { min-height: 40px; }
QCheckBox::indicator { width: 28px; height: 28px; }
"""


def stylesheet(scheme: Colours, touch: bool = False) -> str:
    return STYLE.format(**scheme.__dict__) + (TOUCH_STYLE if touch else "")


def has_touchscreen() -> bool:
    return any(d.type() == QInputDevice.DeviceType.TouchScreen for d in QInputDevice.devices())


def high_contrast(app: QGuiApplication) -> bool:
    """Whether the system asks for high contrast (Qt 6.10+ says so; else ask Windows)."""
    hints = app.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is not None:
        preference = accessibility().contrastPreference()
        if preference == Qt.ContrastPreference.HighContrast:
            return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        class HighContrast(ctypes.Structure):
            _fields_ = [("size", ctypes.c_uint), ("flags", ctypes.c_uint),
                        ("scheme", ctypes.c_wchar_p)]

        info = HighContrast(ctypes.sizeof(HighContrast), 0, None)
        if ctypes.windll.user32.SystemParametersInfoW(0x42, info.size, ctypes.byref(info), 0):
            return bool(info.flags & 1)
    return False


def choose_colours(app: QGuiApplication) -> Colours:
    """The set matching what the widgets are drawn with: the palette decides, not a guess."""
    wanted = os.environ.get(SCHEME_ENV, "")
    palette = app.palette()
    if wanted == "contrast" or (not wanted and high_contrast(app)):
        return contrast_colours(palette)
    if wanted in ("light", "dark"):
        return LIGHT if wanted == "light" else DARK
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    scheme = DARK if dark else LIGHT
    # The window's own background is the system's: texts on it were chosen to suit either.
    return replace(scheme, window=palette.color(QPalette.ColorRole.Window).name())


def dark_palette() -> QPalette:
    """A dark palette like a system's dark mode (for the screen check and the benchmark)."""
    p = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202327"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#1a1d21"),
                         (QPalette.ColorRole.AlternateBase, "#24282e"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.Button, "#2c3137"),
                         (QPalette.ColorRole.ButtonText, "#e8eaed"),
                         (QPalette.ColorRole.Highlight, "#2f6fba"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.ToolTipBase, "#2c3137"),
                         (QPalette.ColorRole.ToolTipText, "#e8eaed"),
                         (QPalette.ColorRole.PlaceholderText, "#9aa4ae"),
                         (QPalette.ColorRole.Link, "#8ab8f0")):
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#8a939c"))
    return p


def apply_style(app: QApplication, touch: bool | None = None) -> None:
    """Apply the style sheet in the colours the palette calls for; again when it changes."""
    global _current
    if touch is None:
        touch = has_touchscreen() or os.environ.get("LINKADVISER_TOUCH") == "1"
    _current = choose_colours(app)
    app.setStyleSheet(stylesheet(_current, touch))
    app.setProperty("linkadviser_touch", touch)
    if not app.property("linkadviser_follows_scheme"):
        app.setProperty("linkadviser_follows_scheme", True)
        app.styleHints().colorSchemeChanged.connect(
            lambda _scheme: apply_style(app, bool(app.property("linkadviser_touch"))))
