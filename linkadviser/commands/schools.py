"""``linkadviser schools``: the caseload, and (for an adviser without a centre) building it.

``schools`` lists the caseload; ``schools add URN...`` takes each school's details from the
last GIAS import (or ``--name`` and ``--phase``); ``schools remove URN`` takes a school out
and keeps its history.
"""

from __future__ import annotations

import argparse

from linkadviser.commands.basics import cmd_schools, existing_services


def cmd_add(args: argparse.Namespace) -> int:
    from linkadviser.caseload.schools import add_schools

    services = existing_services()
    try:
        change = add_schools(services.store, args.urns, args.name, args.phase)
    finally:
        services.close(keep_snapshot=True)
    print("\n".join(change.lines()))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from linkadviser.caseload.schools import remove_school

    services = existing_services()
    try:
        print(remove_school(services.store, args.urn))
    finally:
        services.close(keep_snapshot=True)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("schools", help="list the caseload; add or remove schools")
    p.add_argument("--search", help="part of a school's name, or the start of its URN")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_schools)
    actions = p.add_subparsers(dest="schools_action", metavar="ACTION")
    add = actions.add_parser("add", help="add schools to your caseload by URN (details from "
                             "the last GIAS import, or --name and --phase)")
    add.add_argument("urns", nargs="+", type=int, metavar="URN")
    add.add_argument("--name", help="the school's name, when GIAS has not been imported")
    add.add_argument("--phase", help="with --name: Primary, Secondary, All-through, Special, "
                     "Nursery or 16 plus")
    add.set_defaults(handler=cmd_add)
    remove = actions.add_parser("remove", help="take a school out of your caseload (its "
                                "visits and records stay)")
    remove.add_argument("urn", type=int, metavar="URN")
    remove.set_defaults(handler=cmd_remove)
