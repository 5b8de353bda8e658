"""The county report as an A4 PDF for the authority's senior team.

Headings follow the management information sheet: the grade table first (county beside England
and the region), then the trajectory against the goal, the schools at risk and on each list,
delivery, and costs. Every page says "page N of M" so a printed copy is known to be complete.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from linkadviser.authority import tables
from linkadviser.authority.report import CountyReport
from linkadviser.documents.render import DEMO_MARK

STYLES = getSampleStyleSheet()
CELL = STYLES["BodyText"].clone("cell", fontSize=7.5, leading=9)
HEADING = STYLES["Heading2"].clone("heading", keepWithNext=1)
HEAD = CELL.clone("head", fontName="Helvetica-Bold", fontSize=7, leading=8.5)
RISK_WIDTHS = [12 * mm, 31 * mm, 16 * mm, 17 * mm, 21 * mm, 14 * mm, 39 * mm, 24 * mm]
LINE_COLOURS = [colors.HexColor("#1f4e79"), colors.HexColor("#c55a11"),
                colors.HexColor("#548235"), colors.HexColor("#7030a0")]


class _NumberedCanvas(Canvas):
    """Holds pages back until the end so each can say how many pages there are."""

    def __init__(self, *args: object, footer: str = "", notice: str = "",
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []
        self._footer = footer
        self._notice = notice  # the demo's, at the top of every page

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont("Helvetica", 8)
            self.drawString(18 * mm, 10 * mm, self._footer)
            self.drawRightString(A4[0] - 18 * mm, 10 * mm,
                                 f"Page {number} of {len(self._pages)}")
            if self._notice:
                self.setFont("Helvetica-Bold", 8.5)
                self.setFillColor(colors.HexColor("#9b1c1c"))
                self.drawCentredString(A4[0] / 2, A4[1] - 9 * mm, self._notice)
            super().showPage()
        super().save()


def _table(table: tables.Table, widths: list[float] | None = None) -> LongTable:
    data = [[Paragraph(escape(h), HEAD) for h in table.headings]]
    data += [[Paragraph(escape(cell), CELL) for cell in row] for row in table.rows]
    result = LongTable(data, colWidths=widths, repeatRows=1)
    result.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde5ee")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]))
    return result


def _picture(report: CountyReport) -> LongTable:
    table = tables.picture_table(report.picture)
    result = _table(table, [17 * mm, 30 * mm] + [18.1 * mm] * 7)
    county_rows = [i + 1 for i, row in enumerate(table.rows) if row[1] == report.authority]
    result.setStyle(TableStyle([("BACKGROUND", (0, i), (-1, i), colors.HexColor("#fff2cc"))
                                for i in county_rows]))
    return result


def trajectory_chart(report: CountyReport, width: float = 170 * mm,
                     height: float = 70 * mm) -> Drawing:
    """Lines of % good or better per area over time, with the goal date marked."""
    drawing = Drawing(width, height)
    series: dict[str, list[tuple[float, float]]] = {}
    for p in report.trajectory:
        if p.percent_good_or_better is not None:
            series.setdefault(p.area, []).append((p.taken_on.toordinal(),
                                                  p.percent_good_or_better))
    if not series:
        drawing.add(String(0, height / 2, "No figures recorded yet.", fontSize=9))
        return drawing
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 30, 30, width - 150, height - 45
    plot.data = list(series.values())
    xs = [x for line in plot.data for x, _ in line] + [report.goal.goal.by.toordinal()]
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = min(xs) - 30, max(xs) + 30
    plot.xValueAxis.labelTextFormat = lambda v: date.fromordinal(int(v)).strftime("%b %Y")
    plot.xValueAxis.labels.fontSize = 7
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 0, 100, 20
    plot.yValueAxis.labelTextFormat = "%d%%"
    plot.yValueAxis.labels.fontSize = 7
    for i, _ in enumerate(plot.data):
        plot.lines[i].strokeColor = LINE_COLOURS[i % len(LINE_COLOURS)]
        plot.lines[i].strokeWidth = 1.5
        plot.lines[i].symbol = None
    drawing.add(plot)
    span = plot.xValueAxis.valueMax - plot.xValueAxis.valueMin
    goal_x = plot.x + plot.width * (report.goal.goal.by.toordinal()
                                    - plot.xValueAxis.valueMin) / span
    drawing.add(Line(goal_x, plot.y, goal_x, plot.y + plot.height,
                     strokeColor=colors.red, strokeDashArray=[3, 2]))
    drawing.add(String(goal_x - 2, plot.y + 3, f"goal {report.goal.goal.by:%b %Y}",
                       fontSize=7, fillColor=colors.red, textAnchor="end"))
    for i, area in enumerate(series):
        y = plot.y + plot.height - 12 * i
        drawing.add(Line(width - 110, y + 3, width - 95, y + 3,
                         strokeColor=LINE_COLOURS[i % len(LINE_COLOURS)], strokeWidth=2))
        drawing.add(String(width - 90, y, area[:28], fontSize=7))
    return drawing


def _para(text: str, style: ParagraphStyle = STYLES["BodyText"]) -> Paragraph:
    """Text from data (names, goal, flags) is escaped: "St Mary & St John" is not markup."""
    return Paragraph(escape(text), style)


def _heading(text: str) -> Paragraph:
    return _para(text, HEADING)


def write_pdf(report: CountyReport, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    footer = f"{report.authority}: county report, {report.today:%d %B %Y}"
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=16 * mm, bottomMargin=18 * mm,
                            title=f"County report {report.today:%d %B %Y}",
                            author=report.authority)
    flags = {f.key: f.label for f in report.flags}
    story: list = [
        _para(f"{report.authority}: the county picture", STYLES["Title"]),
        _para(f"As at {report.today:%d %B %Y}; academic year "
              f"{report.academic_year}/{(report.academic_year + 1) % 100:02d}. "
              "Percentages are of schools with an Ofsted grade; county counts in "
              "brackets."),
        _heading("Ofsted grades by phase"), _picture(report),
        _heading("Ofsted grades by kind of school"),
        _table(tables.kind_table(report.by_kind), [17 * mm, 30 * mm] + [18.1 * mm] * 7),
        KeepTogether([_heading("Good or better over time, against the goal"),
                      _para(f"Goal: {report.goal.goal.description}, by "
                            f"{report.goal.goal.by:%d %B %Y}. {report.goal.text}"),
                      trajectory_chart(report)]),
    ]
    for flag in report.flags:
        listed = report.flagged(flag.key)
        story += [_heading(f"{flag.label} ({len(listed)})"),
                  _para(flag.description), Spacer(1, 2 * mm)]
        if listed:
            story.append(_table(tables.risk_table(listed, flags, unknown=False), RISK_WIDTHS))
    missing = tables.unknown_everywhere(report.risk)
    story += [
        _heading("Risk of not providing a good education"),
        _para("Not known for any school yet, so not used: " + ", ".join(missing) + "."
              if missing else ""), Spacer(1, 2 * mm),
        _table(tables.risk_table(report.risk, flags, unknown=False), RISK_WIDTHS),
        _heading("Programme delivery"),
        _table(tables.delivery_advisers_table(report.delivery)), Spacer(1, 4 * mm),
        _table(tables.delivery_terms_table(report.delivery)),
        _heading("Costs"), _table(tables.costs_table(report.costs),
                                  [14 * mm, 52 * mm, 24 * mm, 20 * mm, 20 * mm, 20 * mm,
                                   14 * mm]),
    ]
    notice = DEMO_MARK if report.demo else ""
    doc.build(story, canvasmaker=lambda *a, **k: _NumberedCanvas(*a, footer=footer,
                                                                   notice=notice, **k))
    return path
