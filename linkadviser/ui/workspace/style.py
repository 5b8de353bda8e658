"""The workspace's larger targets for fingers on a tablet.

Its colours and typographic scale are the app's (``linkadviser.ui.style``), so they follow the
light, dark and high-contrast palettes like every other screen.
"""

from __future__ import annotations

LARGE = """
QWidget { font-size: 12pt; }
QPushButton, QLineEdit, QComboBox { min-height: 40px; }
QCheckBox::indicator { width: 28px; height: 28px; }
QListWidget#outline::item { min-height: 40px; }
"""


def stylesheet(large_targets: bool) -> str:
    return LARGE if large_targets else ""
