"""``linkadviser sync ...``: exchange files with the centre from the command line.

``--db`` names a store other than this adviser's own (a file path or database URL), which is
how the centre runs ``export-central`` and how a test or script works on a copy.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from linkadviser.paths import database_path
from linkadviser.words import count

if TYPE_CHECKING:
    from linkadviser.store.db import Store


def _open(db: str | None) -> Store:
    from linkadviser.store.db import open_url

    if not db:
        return open_url(f"sqlite:///{database_path()}")
    if "://" in db:
        return open_url(db)
    return open_url(f"sqlite:///{Path(db).expanduser().resolve()}")


def _progress(args: argparse.Namespace):  # noqa: ANN202 - a small callback factory
    if not args.verbose:
        return None
    return lambda done, total, text: print(f"  [{done}/{total}] {text}")


def print_waiting(seconds: int) -> None:
    """Say on stderr that the command waits for another writer (at once, then every 10 s)."""
    from linkadviser.sync.importer import waiting_text

    if seconds <= 1 or seconds % 10 == 0:
        print(waiting_text(seconds), file=sys.stderr, flush=True)


def _run(args: argparse.Namespace, work: Callable[[Store], list[str]]) -> int:
    store = _open(args.db)
    try:
        lines = work(store)
    finally:
        store.close()
    print("\n".join(lines))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from linkadviser.commands.signing import adviser_signer_for
    from linkadviser.sync.export import export_adviser

    return _run(args, lambda store: export_adviser(
        store, args.file, everything=args.all, progress=_progress(args),
        signer=adviser_signer_for(store, args)).lines())


def cmd_export_central(args: argparse.Namespace) -> int:
    from linkadviser.commands.signing import centre_signer_for
    from linkadviser.sync.export import export_central

    return _run(args, lambda store: export_central(
        store, args.file, args.adviser, everything=args.all, progress=_progress(args),
        signer=centre_signer_for(store, args)).lines())


def cmd_import(args: argparse.Namespace) -> int:
    from linkadviser.sync.importer import import_file

    return _run(args, lambda store: import_file(
        store, args.file, progress=_progress(args), waiting=print_waiting).lines())


def _short(text: str, most: int = 70) -> str:
    return text if len(text) <= most else text[:most - 1] + "…"


def cmd_conflicts(args: argparse.Namespace) -> int:
    from linkadviser.sync.conflicts import SHORT, mark_reviewed
    from linkadviser.sync.review import ConflictReview

    def lines(store: Store) -> list[str]:
        if args.reviewed:
            return [f"Marked {count(mark_reviewed(store, args.reviewed), 'conflict')} reviewed."]
        out = []
        for c in ConflictReview(store).conflicts(include_reviewed=args.all):
            where = f", {c.where}" if c.where else ""
            out.append(f"{c.id[:SHORT]}  {c.detected_at:%d %b %Y %H:%M}  {c.record}{where}, "
                       f"from {c.partner}" + ("  [reviewed]" if c.reviewed else ""))
            out.append(f"    {c.message}. {c.kept}")
            out += [f"    {d.field}: here {_short(d.here)!r}; arrived {_short(d.arrived)!r}"
                    for d in c.differences]
        return out or ["No conflicts to review."]

    return _run(args, lines)


def register(subparsers: argparse._SubParsersAction) -> None:
    from linkadviser.commands.signing import passphrase_option

    sync = subparsers.add_parser("sync", help="exchange sync files with the centre")
    commands = sync.add_subparsers(dest="sync_command", metavar="COMMAND")
    sync.set_defaults(handler=lambda _args: sync.print_help() or 2)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL",
                        help="the store to use (default: this adviser's own store)")
    common.add_argument("-v", "--verbose", action="store_true", help="show progress")

    p = commands.add_parser("export", parents=[common],
                            help="write your work for the centre to FILE")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--all", action="store_true",
                   help="everything, not only what changed since the last exchange")
    passphrase_option(p)
    p.set_defaults(handler=cmd_export)

    p = commands.add_parser("import", parents=[common],
                            help="read a sync file (from the centre, or at the centre an "
                                 "adviser's) into the store, all or nothing")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_import)

    p = commands.add_parser("export-central", parents=[common],
                            help="at the centre: write one adviser's schools, assignments, "
                                 "programme and data to FILE")
    p.add_argument("--adviser", required=True, help="the adviser's email, exact name or id")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--all", action="store_true",
                   help="everything, not only what changed since the last exchange")
    passphrase_option(p)
    p.set_defaults(handler=cmd_export_central)

    p = commands.add_parser("conflicts", parents=[common],
                            help="list conflicts kept from earlier imports for review")
    p.add_argument("--all", action="store_true", help="include ones already reviewed")
    p.add_argument("--reviewed", nargs="+", metavar="ID",
                   help="mark these conflicts (ids as listed) reviewed")
    p.set_defaults(handler=cmd_conflicts)
