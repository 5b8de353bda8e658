"""``linkadviser central init / schools import / advisers / assign``: the centre sets itself up.

The order a new authority follows: make the central store for the authority, load its schools
from a GIAS extract, enrol its advisers, assign caseloads; then ``central export`` writes
each adviser's file. Every refusal changes nothing.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from linkadviser.cli import print_json
from linkadviser.commands.basics import iso_date, table

if TYPE_CHECKING:
    from collections.abc import Iterator

    from linkadviser.store.db import Store


@contextmanager
def _central(args: argparse.Namespace) -> Iterator[Store]:
    from linkadviser.authority.central import open_central

    store = open_central(args.db)
    try:
        yield store
    finally:
        store.close()


def academic_year(store: Store, given: str | None, today: date | None = None) -> int:
    """``--year 2026/27``, or the academic year today falls in by the programme's terms."""
    from linkadviser.calendar import term_of
    from linkadviser.data.years import parse_year
    from linkadviser.sync.programme_source import current_programme

    if given:
        return parse_year(given)
    return term_of(today or date.today(), current_programme(store).terms).academic_year


def cmd_init(args: argparse.Namespace) -> int:
    from linkadviser.authority.central import central_url
    from linkadviser.authority.profile import init_centre
    from linkadviser.store.urls import safe_url

    with _central(args) as store:
        info = init_centre(store, args.authority, args.la)
    print(f"Central store for {info.name} (LA {info.codes_text}) ready at "
          f"{safe_url(central_url(args.db))}. Next: `linkadviser central schools import "
          "edubasealldataYYYYMMDD.csv`.")
    return 0


def cmd_schools_import(args: argparse.Namespace) -> int:
    from linkadviser.authority.schools import import_schools

    with _central(args) as store:
        report = import_schools(store, args.file, args.links)
    print("\n".join(report.lines()))
    return 0


def revoking(args: argparse.Namespace, revoked: list[str]) -> Callable:
    """A retire hook withdrawing the adviser's certificate, if they have one, in the same
    transaction: a wrong passphrase retires nobody. The passphrase is asked only then."""
    from linkadviser.commands.signing import CENTRE_ENV, passphrase
    from linkadviser.signing.centre import revoke_in

    def hook(session: object, adviser: object) -> None:
        serial = revoke_in(session, adviser.id,  # type: ignore[attr-defined]
                           lambda: passphrase(args, CENTRE_ENV, "the authority's CA key"))
        if serial:
            revoked.append(serial)

    return hook


def cmd_advisers(args: argparse.Namespace) -> int:
    from linkadviser.authority import advisers

    with _central(args) as store:
        if args.action == "add":
            row = advisers.add_adviser(store, args.name, args.email)
            print(f"Enrolled {row.name} <{row.email}>.")
            return 0
        if args.action == "retire":
            year = academic_year(store, args.year, args.date)
            revoked: list[str] = []
            retired = advisers.retire_adviser(store, args.email, args.date or date.today(),
                                              year, [revoking(args, revoked)])
            print(f"Retired {retired.name} <{retired.email}> on {retired.retired_on:%d %B %Y};"
                  " their visits and records stay.")
            if revoked:
                print(f"Their signing certificate {revoked[0]} is withdrawn; the next centre "
                      "files carry the revocation list.")
            if retired.still_assigned:
                print(f"Still assigned to them for this year, to reassign with `central "
                      f"assign`: {', '.join(retired.still_assigned)}")
            return 0
        year = academic_year(store, args.year)
        rows = advisers.list_advisers(store, year)
    if args.json:
        print_json([{"name": r.name, "email": r.email, "schools": r.schools,
                     "retired_on": r.retired_on} for r in rows])
    else:
        print(table([[r.name, r.email, r.schools,
                      f"retired {r.retired_on:%d %b %Y}" if r.retired_on else ""]
                     for r in rows], ["Adviser", "Email", "Schools", ""]))
    return 0


def cmd_assign(args: argparse.Namespace) -> int:
    from linkadviser.authority.assignments import assign, read_sheet
    from linkadviser.authority.profile import SetupError

    if bool(args.sheet) == bool(args.adviser):
        raise SetupError("Give either --adviser EMAIL with the schools' URNs, or --from FILE "
                         "(a sheet of URN and adviser email). Nothing was changed.")
    if args.adviser and not args.urns:
        raise SetupError("Name the schools to assign: --adviser EMAIL URN [URN...]. Nothing "
                         "was changed.")
    if args.sheet and args.urns:
        raise SetupError("With --from FILE the sheet names the schools; give no URNs. "
                         "Nothing was changed.")
    pairs = read_sheet(args.sheet) if args.sheet else [(u, args.adviser) for u in args.urns]
    with _central(args) as store:
        report = assign(store, pairs, academic_year(store, args.year),
                        args.sheet.name if args.sheet else "")
    print("\n".join(report.lines()))
    return 0


def register_setup(commands: argparse._SubParsersAction, db: argparse.ArgumentParser) -> None:
    """The setup subcommands of ``central`` (``db`` is the shared --db option)."""
    p = commands.add_parser("init", parents=[db], help="make the central store for an "
                            "authority (name and LA codes)")
    p.add_argument("--authority", required=True, metavar="NAME",
                   help="e.g. 'Norfolk County Council': heads every document")
    p.add_argument("--la", required=True, action="append", metavar="CODE",
                   help="the authority's LA code as GIAS writes it (e.g. 926); repeat for more")
    p.set_defaults(handler=cmd_init)

    schools = commands.add_parser("schools", help="load the authority's schools from GIAS")
    actions = schools.add_subparsers(dest="schools_action", metavar="ACTION")
    schools.set_defaults(handler=lambda _args: schools.print_help() or 2)
    p = actions.add_parser("import", parents=[db], help="load or update the open "
                           "state-funded schools from a GIAS extract (edubasealldata*.csv)")
    p.add_argument("file", type=Path, metavar="GIAS.csv")
    p.add_argument("--links", type=Path, metavar="FILE", help="GIAS's links file (default: "
                   "links_<extract name> beside the extract, if there)")
    p.set_defaults(handler=cmd_schools_import)

    advisers = commands.add_parser("advisers", help="enrol, list or retire advisers")
    actions = advisers.add_subparsers(dest="action", metavar="ACTION")
    advisers.set_defaults(handler=lambda _args: advisers.print_help() or 2)
    p = actions.add_parser("add", parents=[db], help="enrol an adviser")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--email", required=True)
    p.set_defaults(handler=cmd_advisers)
    p = actions.add_parser("list", parents=[db], help="advisers and their schools this year")
    p.add_argument("--year", help="academic year, e.g. 2026/27 (default: the current one)")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_advisers)
    p = actions.add_parser("retire", parents=[db], help="an adviser leaves (history stays; "
                           "their signing certificate, if any, is withdrawn)")
    p.add_argument("email", metavar="EMAIL")
    p.add_argument("--passphrase-file", type=Path, metavar="FILE",
                   help="the CA key's passphrase, when the adviser has a certificate to withdraw")
    p.add_argument("--date", type=iso_date, default=None, help="the day (default today)")
    p.add_argument("--year", help="academic year whose schools to list for reassigning")
    p.set_defaults(handler=cmd_advisers)

    p = commands.add_parser("assign", parents=[db], help="assign schools to an adviser for "
                            "an academic year, by URN or from a sheet")
    p.add_argument("urns", nargs="*", type=int, metavar="URN")
    p.add_argument("--adviser", metavar="EMAIL")
    p.add_argument("--from", dest="sheet", type=Path, metavar="FILE",
                   help="CSV or Excel sheet with a URN column and an adviser email column")
    p.add_argument("--year", help="academic year, e.g. 2026/27 (default: the current one)")
    p.set_defaults(handler=cmd_assign)
