"""``linkadviser school`` and ``linkadviser targets``: the school's leaders and governors, and
governors' sanction of the targets agreed at visit 1."""

from __future__ import annotations

import argparse
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

from linkadviser.cli import print_json
from linkadviser.commands.basics import existing_services, iso_date, table
from linkadviser.commands.booking import academic_year
from linkadviser.errors import NotFoundError

if TYPE_CHECKING:
    from linkadviser.services import Services


def cmd_show(args: argparse.Namespace) -> int:
    services = existing_services()
    try:
        kept = services.school_facts.get(services.caseload.school_by_urn(args.urn))
    finally:
        services.close()
    if args.json:
        print_json(asdict(kept))
        return 0
    since = f" (since {kept.headteacher_since:%d %B %Y})" if kept.headteacher_since else ""
    print(f"Headteacher: {kept.headteacher or 'not recorded'}{since}")
    print(f"Chair of governors: {kept.chair or 'not recorded'}")
    print("Nominated governors (headteacher performance management): "
          + (", ".join(kept.nominated_governors) or "none recorded"))
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    services = existing_services()
    try:
        school_id = services.caseload.school_by_urn(args.urn)
        now = services.school_facts.get(school_id)
        changes = {name: value for name, value in (
            ("headteacher", args.headteacher), ("headteacher_since", args.since),
            ("chair", args.chair),
            ("nominated_governors", [] if args.no_nominated else args.nominated))
            if value is not None}
        kept = services.school_facts.set(school_id, replace(now, **changes))
    finally:
        services.close()
    print(f"Kept for URN {args.urn}: headteacher {kept.headteacher or '–'}"
          + (f" since {kept.headteacher_since}" if kept.headteacher_since else "")
          + f"; chair {kept.chair or '–'}; nominated governors "
          + (", ".join(kept.nominated_governors) or "–"))
    return 0


def _visit_1(services: Services, urn: int, year: int | None) -> str:
    school_id = services.caseload.school_by_urn(urn)
    year = year if year is not None else services.caseload.current_term().academic_year
    for item in services.caseload.overview(school_id).history:
        if item.number == 1 and item.academic_year == year:
            return item.visit_id
    raise NotFoundError(f"URN {urn} has no visit 1 in {year}/{(year + 1) % 100:02d}, so no "
                        "targets agreed that year. `linkadviser visits --school URN` lists "
                        "its visits.")


def cmd_targets(args: argparse.Namespace) -> int:
    services = existing_services()
    try:
        visit_id = _visit_1(services, args.urn, args.year)
        targets = [t for t in services.visits.content(visit_id).targets if t.agreed]
        dates = services.sanctions.for_visit(visit_id)
    finally:
        services.close()
    rows = [{"measure": t.measure, "pupil_group": t.pupil_group, "target": t.target,
             "unit": t.unit, "sanctioned_on": dates.get(t.id)} for t in targets]
    if args.json:
        print_json(rows)
    else:
        print(table([[r["measure"], r["pupil_group"], f"{r['target']}{r['unit']}",
                      r["sanctioned_on"] or "awaiting sanction"] for r in rows],
                    ["Measure", "Pupil group", "Target", "Sanctioned by governors"]))
    return 0


def cmd_sanction(args: argparse.Namespace) -> int:
    services = existing_services()
    try:
        count = services.sanctions.sanction(_visit_1(services, args.urn, args.year), args.on)
    finally:
        services.close()
    print(f"Recorded: governors sanctioned {count} agreed targets for URN {args.urn} "
          f"on {args.on:%d %B %Y}.")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    school = subparsers.add_parser("school", help="a school's headteacher, chair and "
                                   "nominated governors")
    commands = school.add_subparsers(dest="school_command", metavar="COMMAND")
    p = commands.add_parser("show", help="who leads and governs the school")
    p.add_argument("urn", type=int)
    p.add_argument("--json", action="store_true", help="print as JSON")
    p.set_defaults(handler=cmd_show)
    p = commands.add_parser("set", help="keep the headteacher, start date, chair or "
                            "nominated governors (what is not given stays)")
    p.add_argument("urn", type=int)
    p.add_argument("--headteacher", metavar="NAME")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                   help="the date the headteacher started in post")
    p.add_argument("--chair", metavar="NAME", help="the chair of governors")
    p.add_argument("--nominated", action="append", metavar="NAME",
                   help="a governor nominated for headteacher performance management "
                   "(repeat for each; replaces the list)")
    p.add_argument("--no-nominated", action="store_true", help="clear the nominated governors")
    p.set_defaults(handler=cmd_set)

    targets = subparsers.add_parser("targets", help="visit 1's agreed targets and governors' "
                                    "sanction of them")
    commands = targets.add_subparsers(dest="targets_command", metavar="COMMAND")
    p = commands.add_parser("show", help="the agreed targets and when governors sanctioned them")
    p.add_argument("urn", type=int)
    p.add_argument("--year", type=academic_year, metavar="2026/27",
                   help="the academic year of visit 1 (default: this year)")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_targets)
    p = commands.add_parser("sanction", help="record that governors sanctioned the agreed "
                            "targets")
    p.add_argument("urn", type=int)
    p.add_argument("--on", type=iso_date, required=True, metavar="YYYY-MM-DD",
                   help="the date of the governors' meeting")
    p.add_argument("--year", type=academic_year, metavar="2026/27",
                   help="the academic year of visit 1 (default: this year)")
    p.set_defaults(handler=cmd_sanction)
