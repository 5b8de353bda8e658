"""``linkadviser central ...``: the authority's consolidation and reports, on the central store.

``--db`` is a file path (SQLite; the default is central.sqlite3 in the data folder) or a
``postgresql://`` URL; every subcommand runs the same code on either.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from linkadviser.authority.grades import GRADE_NAMES, GradeCounts
from linkadviser.commands.basics import iso_date, table
from linkadviser.errors import LinkAdviserError
from linkadviser.words import count

if TYPE_CHECKING:
    from linkadviser.authority import tables
    from linkadviser.authority.report import CountyReport


class CentralArgumentError(LinkAdviserError):
    """A central command was given a value it cannot use."""


def _print_table(t: tables.Table) -> None:
    print(f"\n{t.title}\n")
    print(table(t.rows, t.headings) if t.rows else "(none)")


def print_report(report: CountyReport) -> None:
    from linkadviser.authority import tables

    print(f"{report.authority}: county report as at {report.today:%d %B %Y}")
    _print_table(tables.picture_table(report.picture))
    _print_table(tables.kind_table(report.by_kind))
    print(f"\nGoal: {report.goal.goal.description} by {report.goal.goal.by:%d %B %Y}.")
    print(f"  {report.goal.text}")
    labels = {f.key: f.label for f in report.flags}
    for flag in report.flags:
        t = tables.risk_table(report.flagged(flag.key), labels, unknown=False)
        _print_table(tables.Table(f"{flag.label} ({len(t.rows)})", t.headings[:7],
                                  [row[:7] for row in t.rows]))
    at_risk = [r for r in report.risk if r.reasons]
    t = tables.risk_table(at_risk, labels, unknown=False)
    _print_table(tables.Table(f"Schools at risk, with reasons ({len(at_risk)} of "
                              f"{len(report.risk)})", t.headings[:7], [r[:7] for r in t.rows]))
    _print_table(tables.delivery_advisers_table(report.delivery))
    c = report.costs
    print(f"\nCosts {c.academic_year}: {count(len(c.schools), 'school')}, full service "
          f"{tables.money(c.full_service)}, extras {tables.money(c.extras)}, total "
          f"{tables.money(c.total)} {c.currency}"
          + (f"; {count(c.to_be_quoted, 'extra')} still to be quoted" if c.to_be_quoted else ""))


def cmd_report(args: argparse.Namespace) -> int:
    from linkadviser.authority.central import open_central
    from linkadviser.authority.export import check_output_folder
    from linkadviser.authority.report import build_report
    from linkadviser.programme import default_programme

    if args.output is not None:
        check_output_folder(args.output)
    store = open_central(args.db)
    try:
        report = build_report(store, default_programme(), args.date,
                              authority=args.authority, record_snapshot=not args.no_record)
    finally:
        store.close()
    print_report(report)
    if args.output:
        from linkadviser.authority.export import write_csvs, writing_to
        from linkadviser.authority.pdf import write_pdf

        with writing_to(args.output):
            pdf = write_pdf(report, args.output / "county-report.pdf")
        written = [pdf, *write_csvs(report, args.output)]
        print(f"\nWrote {len(written)} files to {args.output}: "
              + ", ".join(p.name for p in written))
    return 0


def cmd_comparator(args: argparse.Namespace) -> int:
    from linkadviser.authority import trajectory
    from linkadviser.authority.central import open_central

    cells = [n.strip() for n in args.counts.split(",")]
    percentages = all(c.endswith("%") for c in cells)
    try:
        numbers = [int(c.removesuffix("%")) for c in cells]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or min(numbers) < 0 or (percentages and sum(numbers) > 102):
        raise CentralArgumentError(
            f"--counts {args.counts!r}: give four whole numbers, "
            f"{', '.join(GRADE_NAMES.values())}: counts (120,410,90,12), or percentages as "
            "published, each with % (20%,46%,28%,6%), which are shown exactly as given")
    for what in ("area", "phase", "source"):  # before the store is even opened
        trajectory.check_comparator_text(what, getattr(args, what) or "by hand")
    store = open_central(args.db)
    try:
        with store.transaction() as session:
            trajectory.record_comparator(session, args.date, args.area, args.phase,
                                         GradeCounts(*numbers, published_percent=percentages),
                                         args.source or "recorded by hand")
    finally:
        store.close()
    print(f"Recorded {args.area}, {args.phase}, {args.date}: {args.counts}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from linkadviser.authority.central import (
        MergeRefused,
        central_url,
        merge_files,
        open_central,
    )
    from linkadviser.commands.sync import print_waiting
    from linkadviser.store.urls import safe_url

    missing = [str(p) for p in args.files if not p.is_file()]
    if missing:
        raise CentralArgumentError(f"No such file: {', '.join(missing)}. Nothing was merged.")
    store = open_central(args.db)
    try:
        print(f"Merging {count(len(args.files), 'file')} into {safe_url(central_url(args.db))}")
        try:
            lines = merge_files(store, args.files, waiting=print_waiting)
        except MergeRefused as refused:
            print("\n".join(refused.lines))  # what was merged; the refusal follows on stderr
            raise
        from linkadviser.commands.signing import issue_after_merge

        for line in lines + issue_after_merge(store, args):
            print(line)
    finally:
        store.close()
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from linkadviser.authority.central import export_for_advisers, open_central
    from linkadviser.commands.signing import centre_signer_for

    store = open_central(args.db)
    try:
        written = export_for_advisers(store, args.output, args.everything, args.adviser,
                                      log=print, signer=centre_signer_for(store, args))
    finally:
        store.close()
    print(f"{count(len(written), 'adviser file')} in {args.output}")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    central = subparsers.add_parser(
        "central", help="the authority's central store: set up, schools, advisers, assignments, "
        "exchange with advisers, county report")
    commands = central.add_subparsers(dest="central_command", metavar="COMMAND")
    central.set_defaults(handler=lambda _args: central.print_help() or 2)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="URL", help="central store: a file path (SQLite, the "
                    "default is central.sqlite3 in the data folder) or postgresql://...")

    from linkadviser.commands.centre_setup import register_setup

    register_setup(commands, db)
    p = commands.add_parser("report", parents=[db], help="county picture, risk, delivery, "
                            "costs; -o writes the PDF and CSV files")
    p.add_argument("-o", "--output", type=Path, metavar="DIR")
    p.add_argument("--authority", help="count only schools of this local authority "
                   "(default: every school in the store)")
    p.add_argument("--date", type=iso_date, default=None, help="as at this date (default today)")
    p.add_argument("--no-record", action="store_true",
                   help="do not keep today's picture for the trajectory")
    p.set_defaults(handler=cmd_report)

    p = commands.add_parser("merge", parents=[db], help="merge advisers' sync files")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--passphrase-file", type=Path, metavar="FILE", help="the certificate "
                   "authority's passphrase: certify the advisers' key requests at once")
    p.set_defaults(handler=cmd_merge)

    p = commands.add_parser("export", parents=[db],
                            help="write each adviser's file from the central store")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    p.add_argument("--adviser", help="only this adviser (email, name or id)")
    p.add_argument("--everything", action="store_true",
                   help="all records, not only those changed since the last exchange")
    p.add_argument("--passphrase-file", type=Path, metavar="FILE", help="the certificate "
                   "authority's passphrase (the centre's files are signed once it has one)")
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("comparator", parents=[db], help="record published Ofsted "
                            "figures for England or the region, for comparison")
    p.add_argument("--area", required=True, help="e.g. England, East of England")
    p.add_argument("--phase", required=True, help="Primary, Secondary, ... or 'All schools'")
    p.add_argument("--date", type=iso_date, required=True, help="the date the figures are for")
    p.add_argument("--counts", required=True, metavar="O,G,RI,I",
                   help="outstanding, good, requires improvement, inadequate: counts, or "
                   "published percentages with %% (shown as given)")
    p.add_argument("--source", help="where the figures come from")
    p.set_defaults(handler=cmd_comparator)

    from linkadviser.commands.signing import register_central

    register_central(commands, db)
