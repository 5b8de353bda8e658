"""Booking visits and the term ahead: ``visits book``, ``visits back-to-planned``,
``visits --term`` and ``calendar export``."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from linkadviser.cli import print_json
from linkadviser.commands.basics import existing_services, iso_date, table
from linkadviser.words import plural

_YEAR = re.compile(r"(\d{4})(?:/(\d{2}))?")


def academic_year(text: str) -> int:
    """An argparse type for an academic year: 2026/27 (or 2026), the year it starts in."""
    match = _YEAR.fullmatch(text.strip())
    if match is None or (match[2] and int(match[2]) != (int(match[1]) + 1) % 100):
        raise argparse.ArgumentTypeError(f"{text!r} is not an academic year like 2026/27")
    return int(match[1])


def cmd_book(args: argparse.Namespace) -> int:
    from linkadviser.calendar import booking_text
    from linkadviser.visit.booking import Booking, parse_time, weekend_warning

    booking = Booking(args.date, parse_time(args.time), args.place or "")
    services = existing_services()
    try:
        school_id = services.caseload.school_by_urn(args.urn)
        services.bookings.book(school_id, args.visit, booking, args.year)
    finally:
        services.close()
    print(f"Booked visit {args.visit} at URN {args.urn}: "
          f"{booking_text(booking.on, booking.time_text, booking.place)}")
    if warning := weekend_warning(booking.on):
        print(warning)
    return 0


def cmd_back_to_planned(args: argparse.Namespace) -> int:
    services = existing_services()
    try:
        services.workflow.back_to_planned(args.visit_id)
    finally:
        services.close()
    print("The visit is planned again; its visit date is cleared.")
    return 0


def show_term(args: argparse.Namespace) -> int:
    """``visits --term``: this term's booked visits by week, deadlines, and those to book."""
    from linkadviser.caseload.term import term_title

    services = existing_services()
    try:
        plan = services.term.plan()
        today = services.today()
    finally:
        services.close()
    if args.json:
        print_json({
            "term": plan.term.label, "first": plan.first, "last": plan.last,
            "weeks": [{"week": w.starts,
                       "visits": [{"urn": v.urn, "school": v.school_name, "visit": v.number,
                                   "date": v.booked_on, "time": v.booked_time,
                                   "place": v.place, "id": v.visit_id} for v in w.visits],
                       "due": [{"due": d.deadline.due, "what": d.deadline.what,
                                "urn": d.visit.urn, "visit": d.visit.number,
                                "done": d.deadline.done} for d in w.due]}
                      for w in plan.weeks],
            "to_book": [{"urn": v.urn, "school": v.school_name, "visit": v.number,
                         "term": v.term} for v in plan.unbooked]})
        return 0
    lines = [term_title(plan)]
    for week in plan.weeks:
        lines += ["", week.label]
        rows = [[f"{v.booked_on:%a %d %b}", v.booked_time, v.school_name, v.label, v.place,
                 v.state_label] for v in week.visits]
        rows += [[f"{d.deadline.due:%a %d %b}", "due", d.visit.school_name, d.deadline.what,
                  "", "done" if d.deadline.done else
                  ("OVERDUE" if d.overdue(today) else "")] for d in week.due]
        lines.append(table(rows, ["Day", "Time", "School", "What", "Place", ""]))
    lines += ["", f"To book ({len(plan.unbooked)})"]
    lines.append(table([[v.urn, v.school_name, v.label, v.term] for v in plan.unbooked],
                       ["URN", "School", "Visit", "Term"]))
    print("\n".join(lines))
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from linkadviser.caseload.ics import adviser_zone, export_calendar, write_calendar
    from linkadviser.caseload.term import term_bounds

    services = existing_services()
    try:
        zone = adviser_zone(services.store, args.zone)
        since = args.since or term_bounds(services.caseload.current_term(),
                                          services.programme)[0]
        data, count = export_calendar(services.store, services.term, since, zone)
    finally:
        services.close()
    write_calendar(Path(args.file), data)
    print(f"Wrote {count} booked {plural(count, 'visit')} (from {since:%d %b %Y}) to {args.file}")
    return 0


def register_visit_actions(visits: argparse.ArgumentParser) -> None:
    """``visits book`` and ``visits back-to-planned``, under the ``visits`` command."""
    actions = visits.add_subparsers(dest="visit_action", metavar="ACTION")
    p = actions.add_parser("book", help="book (or re-book) a visit: date, time and place")
    p.add_argument("urn", type=int, metavar="URN")
    p.add_argument("--visit", type=int, required=True, metavar="N", help="visit number (1-4)")
    p.add_argument("--year", type=academic_year, metavar="YYYY/YY",
                   help="academic year, e.g. 2026/27 (default: this one)")
    p.add_argument("--date", type=iso_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--time", metavar="HH:MM", help="start time (24-hour), local time")
    p.add_argument("--place", metavar="TEXT", help="where, e.g. the school's meeting room")
    p.set_defaults(handler=cmd_book)
    p = actions.add_parser("back-to-planned",
                           help="undo starting a visit by mistake (nothing recorded yet)")
    p.add_argument("visit_id", metavar="VISIT_ID", help="from `visits --school URN`")
    p.set_defaults(handler=cmd_back_to_planned)


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("calendar", help="export booked visits as an iCalendar file")
    p.add_argument("action", choices=["export"])
    p.add_argument("file", metavar="FILE.ics")
    p.add_argument("--since", type=iso_date, metavar="YYYY-MM-DD",
                   help="visits booked from this day (default: the start of this term)")
    p.add_argument("--zone", metavar="ZONE",
                   help="the time zone booked times are in (default: Europe/London)")
    p.set_defaults(handler=cmd_calendar)

