"""The workspace's look: one typographic scale, and larger targets for fingers on a tablet."""

from __future__ import annotations

BASE = """
QWidget { font-size: 10.5pt; }
QLabel#title { font-size: 15pt; font-weight: 600; color: #1a1a1a; }
QLabel#title_small { font-size: 12pt; font-weight: 600; color: #1a1a1a; }
QLabel#school { font-size: 17pt; font-weight: 700; color: #14213d; }
QLabel#subtitle { font-size: 11pt; color: #333; }
QLabel#heading { font-size: 11pt; font-weight: 600; color: #1a1a1a; padding: 6px 0 0 0; }
QLabel#prompt { color: #444; font-style: italic; }
QLabel#caption { font-size: 9.5pt; color: #555; font-weight: 600; }
QLabel#flag { color: #b3261e; font-weight: 600; }
QLabel#muted { font-size: 9.5pt; color: #666; }
QLabel#state { font-size: 9.5pt; font-weight: 600; padding: 3px 10px; border-radius: 10px;
               background: #e7eef8; color: #14213d; }
QLabel#banner { padding: 8px 12px; background: #fff4e5; color: #6b3d00;
                border: 1px solid #f0c27b; border-radius: 4px; }
QLabel#banner[kind="ok"] { background: #e8f5e9; color: #1b5e20; border-color: #a5d6a7; }
QLabel#qa_mark { font-size: 14pt; font-weight: 700; color: #b00020; min-width: 22px; }
QLabel#qa_mark[met="true"] { color: #2e7d32; }
QFrame#card { background: #fafafa; border: 1px solid #e0e0e0; border-radius: 6px; }
QWidget#page { background: white; }
QTextBrowser#linked_panel { background: #f6f7f9; padding: 8px; }
QListWidget#outline { border: none; background: #f6f7f9; }
QListWidget#outline::item:selected { background: #14213d; color: white; }
"""

LARGE = """
QWidget { font-size: 12pt; }
QPushButton, QLineEdit, QComboBox { min-height: 40px; }
QCheckBox::indicator { width: 28px; height: 28px; }
QListWidget#outline::item { min-height: 40px; }
"""


def stylesheet(large_targets: bool) -> str:
    return BASE + (LARGE if large_targets else "")
