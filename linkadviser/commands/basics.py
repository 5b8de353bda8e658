"""Everyday commands: set up a store, list the caseload and visits, check the programme."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from linkadviser.calendar import year_label
from linkadviser.cli import print_json
from linkadviser.errors import StoreError
from linkadviser.paths import database_path
from linkadviser.programme import default_programme
from linkadviser.programme.loader import load_programme
from linkadviser.programme.model import Programme
from linkadviser.words import count

if TYPE_CHECKING:
    from linkadviser.services import Services


def existing_services() -> Services:
    """Open the store for reading; a missing one is an error rather than silently created."""
    from linkadviser.services import open_services

    path = database_path()
    if not path.exists():
        raise StoreError(f"There is no linkadviser store at {path} yet. Run "
                         "`linkadviser init --demo` for the demo caseload, or start the app.")
    return open_services(path)


def iso_date(text: str) -> date:
    """An argparse type for dates written as on the command line everywhere: 2026-09-01."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-09-01") from exc


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=False)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    return "\n".join(line.rstrip() for line in lines)


@contextmanager
def services_or_none_left(keep_snapshot: bool = False) -> Iterator[Services]:
    """The adviser's services, creating the store if need be; if this run created it and the
    block then fails (a full disk, a refused file), the store is removed again, so no empty or
    half-filled store is left for the app to open as if it had been set up."""
    from linkadviser.services import open_services
    from linkadviser.store.db import remove_new_store

    path = database_path()
    fresh = not path.exists()
    done = False
    try:
        services = open_services()
        try:
            yield services
            done = True
        finally:
            services.close(keep_snapshot=done and keep_snapshot)
    finally:
        if fresh and not done:
            remove_new_store(path)


def cmd_init(args: argparse.Namespace) -> int:
    # keep_snapshot: the app's first start then shows the caseload at once
    with services_or_none_left(keep_snapshot=True) as services:
        message = _initialise(services, args)
    print(message)
    return 0


def _initialise(services: Services, args: argparse.Namespace) -> str:
    from linkadviser.demo.caseload import load_demo

    if args.demo and args.if_empty and services.caseload.rows():
        return f"Store at {database_path()} already has a caseload; left as it is."
    if args.demo:
        summary = load_demo(services.store, services.programme, services.today())
        return f"Created the demo caseload (invented data) in {database_path()}: {summary}"
    return f"Store ready at {database_path()}"


def cmd_schools(args: argparse.Namespace) -> int:
    services = existing_services()
    try:
        rows = services.caseload.rows(args.search or "")
    finally:
        services.close()
    if args.json:
        print_json([{"urn": r.urn, "name": r.name, "phase": r.phase,
                     "la_maintained": r.la_maintained, "ofsted_grade": r.ofsted_grade,
                     "ofsted": r.ofsted_label, "next_visit": r.next_visit_text,
                     "next_visit_status": r.next_visit.status if r.next_visit else "done",
                     "overdue_visits": r.overdue, "open_action_points": r.open_actions}
                    for r in rows])
        return 0
    print(table([[r.urn, r.name, r.phase, r.ofsted_label or "-", r.next_visit_text,
                  "OVERDUE" if r.overdue else "", r.open_actions] for r in rows],
                ["URN", "School", "Phase", "Ofsted", "Next visit", "", "Open action points"]))
    return 0


def cmd_visits(args: argparse.Namespace) -> int:
    if args.term:
        from linkadviser.commands.booking import show_term

        return show_term(args)
    services = existing_services()
    try:
        if args.school is not None:
            school_id = services.caseload.school_by_urn(args.school)
            history = services.caseload.overview(school_id).history
            items = [{"id": h.visit_id, "year": h.year_label, "visit": h.number,
                      "title": h.title, "state": h.state, "date": h.visit_date,
                      "booked": h.booked_on, "time": h.booked_time, "place": h.place}
                     for h in history]
            columns = [("ID", "id"), ("Year", "year"), ("Visit", "visit"), ("Title", "title"),
                       ("State", "state"), ("Date", "date"), ("Booked", "booked"),
                       ("Time", "time"), ("Place", "place")]
        else:
            term = services.caseload.current_term()
            items = [{"urn": row.urn, "school": row.name, "visit": v.number, "title": v.title,
                      "term": v.term, "status": v.status, "state": v.state,
                      "id": v.visit_id, "year": year_label(term.academic_year)}
                     for row, v in services.caseload.due()]
            columns = [("URN", "urn"), ("School", "school"), ("Visit", "visit"),
                       ("Title", "title"), ("Status", "status"), ("State", "state")]
    finally:
        services.close()
    if args.json:
        print_json(items)
        return 0
    print(table([[it[key] or "" for _, key in columns] for it in items],
                [header for header, _ in columns]))
    return 0


def _programme_lines(programme: Programme) -> list[str]:
    cost = programme.costs.full_service
    lines = [f"{programme.title} — {programme.service}, {programme.authority}",
             f"Programme {programme.id} version {programme.version}",
             f"Full service: £{cost.la_maintained:,.0f} per LA-maintained school, "
             f"£{cost.non_maintained:,.0f} per non-maintained school", ""]
    for visit in programme.visits:
        lines.append(f"Visit {visit.number}: {visit.title} ({visit.term} term)")
        produces = ", ".join(programme.document(d).title for d in visit.documents)
        lines.append(f"  Produces: {produces}"
                     + ("  [confidential to governors]" if visit.confidential else ""))
        if visit.participants:
            lines.append("  Takes part: " + "; ".join(visit.participants))
        lines += [f"  Signs the {programme.document(x.document).title.lower()}: "
                  + "; ".join(x.roles) for x in visit.signers]
        for heading, items in (("Agenda", visit.agenda), ("Role of school", visit.role_of_school),
                               ("Role of Link Adviser", visit.role_of_link_adviser),
                               ("QA functions", visit.qa_functions)):
            lines.append(f"  {heading}:")
            lines += [f"    - {item.text}" for item in items]
        lines.append("  Links: " + "; ".join(f"visit {x.visit}: {x.text}" for x in visit.links))
        lines.append("")
    if "{" in str(programme.visits):
        lines.append("Years in braces ({results_year}, {target_year}, {academic_year}) are "
                     "filled in from each visit's academic year.")
    lines.append("Chargeable services (key: title):")
    lines += [f"  - {c.key}: {c.title}" for c in programme.chargeable_services]
    return lines


def cmd_programme(args: argparse.Namespace) -> int:
    if args.action == "check":
        if not args.file:
            raise StoreError("Name the programme file to check: "
                             "`linkadviser programme check FILE`.")
        programme = load_programme(Path(args.file))
        print(f"{args.file}: OK — {programme.title}, version {programme.version}, "
              f"{count(len(programme.visits), 'visit')}")
        return 0
    programme = load_programme(Path(args.file)) if args.file else default_programme()
    if args.json:
        print_json(asdict(programme))
    else:
        print("\n".join(_programme_lines(programme)))
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("init", help="create the store (with --demo: the demo caseload)")
    p.add_argument("--demo", action="store_true",
                   help="fill an empty store with the invented demo county")
    p.add_argument("--if-empty", action="store_true",
                   help="with --demo: do nothing when the store already has schools")
    p.set_defaults(handler=cmd_init)

    p = subparsers.add_parser("visits", help="visits due this term, or one school's visits")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--due", action="store_true", help="visits due or overdue (default)")
    group.add_argument("--school", type=int, metavar="URN", help="this school's visits")
    group.add_argument("--term", action="store_true",
                       help="this term's booked visits by week, what falls due, what to book")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=cmd_visits)
    from linkadviser.commands.booking import register_visit_actions

    register_visit_actions(p)

    p = subparsers.add_parser("programme", help="check or show a programme file")
    p.add_argument("action", choices=["check", "show"])
    p.add_argument("file", nargs="?", help="programme file (show: the bundled one by default)")
    p.add_argument("--json", action="store_true", help="show: print as JSON")
    p.set_defaults(handler=cmd_programme)
