"""The app's look: one stylesheet giving a clear typographic hierarchy and calm colours."""

from __future__ import annotations

import os

from PySide6.QtGui import QInputDevice
from PySide6.QtWidgets import QApplication

STYLE = """
QWidget { font-size: 10.5pt; }
QLabel#pageTitle { font-size: 17pt; font-weight: 600; color: #1d2b3a; padding: 4px 0 0 0; }
QLabel#summary { color: #4a5866; padding-bottom: 4px; }
QLabel#demoBanner { background: #fff4ce; color: #5c4400; border: 1px solid #e8d48a;
                    border-radius: 4px; padding: 6px 10px; }
QLabel#emptyTitle { font-size: 15pt; font-weight: 600; color: #1d2b3a; }
QTableView { gridline-color: #e3e7eb; selection-background-color: #d6e4f5;
             selection-color: #10202f; }
QHeaderView::section { background: #f3f5f7; padding: 5px 6px; border: none;
                       border-bottom: 1px solid #d5dbe1; font-weight: 600; }
QPushButton { padding: 6px 14px; }
QPushButton#primary { background: #1f5fa8; color: white; border-radius: 4px; font-weight: 600; }
QPushButton#primary:hover { background: #1a528f; }
QToolBar { spacing: 6px; }
"""

# Larger targets for fingers on a tablet.
TOUCH_STYLE = """
QPushButton, QLineEdit, QComboBox, QToolButton { min-height: 40px; }
QCheckBox::indicator { width: 28px; height: 28px; }
"""


def has_touchscreen() -> bool:
    return any(d.type() == QInputDevice.DeviceType.TouchScreen for d in QInputDevice.devices())


def apply_style(app: QApplication, touch: bool | None = None) -> None:
    """Apply the stylesheet; touch targets grow when a touchscreen is present."""
    if touch is None:
        touch = has_touchscreen() or os.environ.get("LINKADVISER_TOUCH") == "1"
    app.setStyleSheet(STYLE + (TOUCH_STYLE if touch else ""))
