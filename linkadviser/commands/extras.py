"""``linkadviser extras``: record and list the chargeable extra services schools take."""

from __future__ import annotations

import argparse

from linkadviser.cli import print_json
from linkadviser.commands.basics import existing_services, iso_date, table


def cmd_list(args: argparse.Namespace) -> int:
    from linkadviser.extras import price_text

    services = existing_services()
    try:
        rows = services.caseload.rows()
        if args.school is not None:
            wanted = services.caseload.school_by_urn(args.school)
            rows = [r for r in rows if r.school_id == wanted]
        items = [{"urn": r.urn, "school": r.name, "id": e.id, "service": e.service_key,
                  "title": e.title, "taken_on": e.taken_on, "cost": e.cost, "notes": e.notes}
                 for r in rows for e in services.extras.for_school(r.school_id)]
    finally:
        services.close()
    if args.json:
        print_json(items)
    else:
        print(table([[i["urn"], i["school"], i["service"], i["taken_on"] or "",
                      price_text(i["cost"])] for i in items],
                    ["URN", "School", "Service", "Taken on", "Price"]))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from linkadviser.extras import price_text

    services = existing_services()
    try:
        school_id = services.caseload.school_by_urn(args.urn)
        services.extras.add(school_id, args.service, args.date, args.cost, args.notes or "")
        title = services.extras.titles()[args.service]
    finally:
        services.close()
    print(f"Recorded for URN {args.urn}: {title} ({price_text(args.cost)})")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    extras = subparsers.add_parser("extras", help="chargeable extra services taken by schools")
    commands = extras.add_subparsers(dest="extras_command", metavar="COMMAND")
    p = commands.add_parser("list", help="extras recorded, per school")
    p.add_argument("--school", type=int, metavar="URN")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_list)
    p = commands.add_parser("add", help="record an extra a school has taken")
    p.add_argument("urn", type=int)
    p.add_argument("service", help="the programme's key, e.g. health-check "
                   "(`linkadviser programme show` lists them)")
    p.add_argument("--date", type=iso_date, help="when it was taken (default: today)")
    p.add_argument("--cost", type=float, help="the agreed price (omit: to be quoted)")
    p.add_argument("--notes")
    p.set_defaults(handler=cmd_add)
