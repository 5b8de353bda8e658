"""The county report as rows and columns: one table per part, shared by CSV, PDF and screen.

Keeping the tables in one place means the CSV a finance officer opens, the PDF the senior team
reads and the app's county view always show the same figures with the same headings.
"""

from __future__ import annotations

from dataclasses import dataclass

from linkadviser.authority.costs import FULL_SERVICE, Costs
from linkadviser.authority.delivery import Delivery, DeliveryRow
from linkadviser.authority.grades import GradeCounts, PhasePicture
from linkadviser.authority.risk import RiskResult
from linkadviser.authority.trajectory import Point


@dataclass(frozen=True)
class Table:
    title: str
    headings: list[str]
    rows: list[list[str]]


def pct(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}%"


def money(value: float | None) -> str:
    return "to be quoted" if value is None else f"{value:,.2f}"


def _with_count(counts: GradeCounts, n: int, show_counts: bool) -> str:
    share = pct(counts.percent(n))
    return f"{share} ({n})" if show_counts and share else share


GRADE_HEADINGS = ["Phase", "Area", "Outstanding", "Good", "% Good or better",
                  "Requires improvement", "Inadequate", "% Less than good", "Not inspected"]


def picture_table(picture: list[PhasePicture], title: str = "Ofsted grades by phase",
                  area: str = "Area") -> Table:
    rows = []
    for phase in picture:
        for row in phase.rows:
            c, show = row.counts, row.is_county
            rows.append([
                phase.phase, row.area, _with_count(c, c.outstanding, show),
                _with_count(c, c.good, show), _with_count(c, c.good_or_better, show),
                _with_count(c, c.requires_improvement, show),
                _with_count(c, c.inadequate, show), _with_count(c, c.less_than_good, show),
                str(c.not_inspected) if show else "",
            ])
    return Table(title, [GRADE_HEADINGS[0], area, *GRADE_HEADINGS[2:]], rows)


def kind_table(by_kind: list[PhasePicture]) -> Table:
    """The county split as the authority's MI sheet splits it: LA maintained schools,
    academies and free schools within each phase."""
    return picture_table(by_kind, "Ofsted grades by kind of school", "Kind of school")


def picture_counts_table(picture: list[PhasePicture]) -> Table:
    """Plain numbers for spreadsheets: counts and percentages in separate columns."""
    headings = ["phase", "area", "is_county", "outstanding", "good", "good_or_better",
                "requires_improvement", "inadequate", "less_than_good", "not_inspected",
                "pct_outstanding", "pct_good", "pct_good_or_better",
                "pct_requires_improvement", "pct_inadequate", "pct_less_than_good"]
    rows = []
    for phase in picture:
        for row in phase.rows:
            c = row.counts
            numbers = [c.outstanding, c.good, c.good_or_better, c.requires_improvement,
                       c.inadequate, c.less_than_good]
            shares = [c.percent(n) for n in numbers]
            rows.append([phase.phase, row.area, "yes" if row.is_county else "no",
                         *map(str, numbers), str(c.not_inspected),
                         *("" if s is None else f"{s:.1f}" for s in shares)])
    return Table("Ofsted grades by phase", headings, rows)


def trajectory_table(points: list[Point]) -> Table:
    return Table("% good or better over time", ["Date", "Area", "% good or better"],
                 [[p.taken_on.isoformat(), p.area, pct(p.percent_good_or_better)]
                  for p in points])


def risk_table(results: list[RiskResult], flag_labels: dict[str, str],
               unknown: bool = True) -> Table:
    """Schools with their risk and reasons; ``unknown`` adds the facts missing per school."""
    headings = ["URN", "School", "Phase", "Kind", "Link Adviser", "Risk", "Reasons", "Flags"]
    rows = [[str(r.facts.urn), r.facts.name, r.facts.phase, r.facts.kind, r.facts.adviser,
             r.category_label, "; ".join(r.reasons),
             "; ".join(flag_labels.get(f, f) for f in r.flags)] for r in results]
    if unknown:
        headings.append("Not known")
        for row, r in zip(rows, results, strict=True):
            row.append(", ".join(r.unknown))
    return Table("Risk of not providing a good education", headings, rows)


def unknown_everywhere(results: list[RiskResult]) -> list[str]:
    """Facts missing for every school: said once, not on every row of a printed report."""
    if not results:
        return []
    common = set(results[0].unknown)
    for r in results[1:]:
        common &= set(r.unknown)
    return [u for u in results[0].unknown if u in common]


def _delivery_cells(row: DeliveryRow) -> list[str]:
    return [str(v) for v in (row.expected, row.done, row.due, row.overdue, row.not_started,
                             row.not_signed)]


VISIT_HEADINGS = ["Expected", "Done", "Due", "Overdue", "Not started", "Not signed"]


def delivery_terms_table(delivery: Delivery) -> Table:
    return Table("Visits per term and adviser", ["Link Adviser", "Term", *VISIT_HEADINGS],
                 [[r.adviser, r.term.capitalize(), *_delivery_cells(r)] for r in delivery.rows])


def delivery_advisers_table(delivery: Delivery) -> Table:
    rows = []
    for r in [*delivery.advisers, delivery.total]:
        met = f"{r.targets_met} of {r.targets_with_outcome}" if r.targets_with_outcome else ""
        rows.append([r.adviser, *_delivery_cells(r), str(r.action_points_open),
                     str(r.action_points_overdue), str(r.targets_agreed), met])
    return Table("Programme delivery per adviser (year to date)",
                 ["Link Adviser", *VISIT_HEADINGS, "Actions open", "Actions overdue",
                  "Targets agreed", "Targets met"], rows)


def costs_table(costs: Costs) -> Table:
    rows = [[str(s.urn), s.name, "LA maintained" if s.la_maintained else "Non-maintained",
             money(s.full_service), money(s.extras), money(s.total),
             str(s.to_be_quoted or "")] for s in costs.schools]
    rows.append(["", "Total", "", money(costs.full_service), money(costs.extras),
                 money(costs.total), str(costs.to_be_quoted or "")])
    return Table(f"Costs {costs.academic_year}/{(costs.academic_year + 1) % 100:02d} "
                 f"({costs.currency})",
                 ["URN", "School", "Status", "Full service", "Extras", "Total", "To quote"],
                 rows)


def invoice_table(costs: Costs) -> Table:
    """One line per charge, as a finance system imports it."""
    return Table("Charges for invoicing",
                 ["urn", "school", "la_maintained", "academic_year", "item", "description",
                  "taken_on", "amount", "currency", "status"],
                 [[str(c.urn), c.school, "yes" if c.la_maintained else "no",
                   str(costs.academic_year), c.item, c.description, c.taken_on,
                   "" if c.amount is None else f"{c.amount:.2f}", costs.currency,
                   "to be quoted" if c.amount is None else
                   ("core" if c.item == FULL_SERVICE else "extra")]
                  for c in costs.charges()])
