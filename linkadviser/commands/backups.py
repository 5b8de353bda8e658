"""Backups the adviser owns: take one to a file, restore one, list those the app kept."""

from __future__ import annotations

import argparse
from pathlib import Path

from linkadviser.cli import print_json
from linkadviser.paths import database_path
from linkadviser.store.backups import backup_to, backups_in, restore_backup


def known_revisions() -> set[str]:
    """The schemas this version can open (imported here: building the parser stays light)."""
    from linkadviser.store.migrate import known_revisions as known

    return known()


def cmd_backup(args: argparse.Namespace) -> int:
    target = Path(args.file)
    info = backup_to(database_path(), target, known_revisions())
    print(f"Backed up to {target}: {info.summary()}.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    store_path = database_path()
    source = Path(args.file)
    info, kept = restore_backup(source, store_path, known_revisions())
    print(f"Restored {source}: {info.summary()}.")
    if kept is not None:
        print(f"The store it replaced is kept as {kept}.")
    # Open once so that a backup from an older release is brought up to date now (with its
    # own backup first), not at the adviser's next start.
    from linkadviser.services import open_services

    open_services(store_path).close()
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    found = backups_in(database_path())
    if args.json:
        print_json([{"file": str(p), "bytes": p.stat().st_size} for p in found])
        return 0
    if not found:
        print(f"No backups yet in {database_path().parent / 'backups'}.")
    for path in found:
        print(f"{path}  ({path.stat().st_size // 1024:,} KB)")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the store to FILE (consistent even while the app is open)")
    backup.add_argument("file", metavar="FILE")
    backup.set_defaults(handler=cmd_backup)
    restore = subparsers.add_parser(
        "restore", help="replace the store with a backup; the replaced store is kept as a backup")
    restore.add_argument("file", metavar="FILE")
    restore.set_defaults(handler=cmd_restore)
    listing = subparsers.add_parser("backups", help="list the backups the app has kept")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=cmd_backups)
