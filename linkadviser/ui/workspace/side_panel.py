"""The side panel: what the visits this one builds on recorded (from the programme's links).

One read-only text view rather than a label per line: it lays its text out once, scrolls by
itself, lets the adviser select and copy, and costs a fraction of the time to open.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QTextBrowser

from linkadviser.ui.style import colours
from linkadviser.visit.links import LinkedVisit

STYLE = """
p.title {{ font-size: 12pt; font-weight: 600; margin: 0 0 4px 0; }}
p.visit {{ font-size: 10.5pt; font-weight: 600; margin: 10px 0 2px 0; }}
p.why {{ color: {muted}; font-size: 9.5pt; margin: 0 0 4px 0; }}
p.part {{ color: {muted}; font-size: 9.5pt; font-weight: 600; margin: 6px 0 0 0; }}
p.line {{ margin: 1px 0 1px 0; }}
"""


def linked_html(linked: list[LinkedVisit]) -> str:
    out = ['<p class="title">Linked visits</p>']
    if not linked:
        out.append('<p class="why">The programme links this visit to no other.</p>')
    for link in linked:
        out.append(f'<p class="visit">Visit {link.number}: {escape(link.title)}</p>')
        why = link.why + (f" ({link.when})" if link.when else "")
        out.append(f'<p class="why">{escape(why)}</p>')
        for part in link.parts:
            out.append(f'<p class="part">{escape(part.title)}</p>')
            out += [f'<p class="line">• {escape(line)}</p>' for line in part.lines]
        if link.note:
            out.append(f'<p class="why">{escape(link.note)}</p>')
    return "".join(out)


class LinkedPanel(QTextBrowser):
    def __init__(self, linked: list[LinkedVisit]) -> None:
        super().__init__()
        self.setObjectName("linked_panel")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setOpenLinks(False)
        self.setAccessibleName("Linked visits")
        self.document().setDefaultStyleSheet(STYLE.format(muted=colours().muted))
        self.setHtml(linked_html(linked))
