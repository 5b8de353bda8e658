"""The ``linkadviser`` command: the app with no arguments, and subcommands for the rest.

Each area of the app registers its own subcommands (``COMMAND_MODULES``); this module only
parses, dispatches, and turns our errors into one line on stderr with a non-zero exit.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import json
import os
import sys
from collections.abc import Sequence

from linkadviser import __version__
from linkadviser.errors import LinkAdviserError
from linkadviser.store.urls import masked

# Modules with a ``register(subparsers)`` function adding their subcommands.
COMMAND_MODULES = [
    "linkadviser.commands.basics",
    "linkadviser.commands.schools",
    "linkadviser.commands.documents",
    "linkadviser.commands.data",
    "linkadviser.commands.central",
    "linkadviser.commands.sync",
    "linkadviser.commands.extras",
    "linkadviser.commands.school",
    "linkadviser.commands.signing",
    "linkadviser.commands.backups",
    "linkadviser.commands.booking",
]

EXIT_USER_ERROR = 2
EXIT_BROKEN_PIPE = 141  # as a shell reports a command whose reader went away (128 + SIGPIPE)
# A file the user named (or the data folder) could not be written: their disk, not our bug.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="linkadviser",
        description="The Link Adviser's tool for the School Improvement Partnership Programme. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"linkadviser {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def print_json(rows: object) -> None:
    json.dump(rows, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        from linkadviser.ui.app import run_app

        return run_app()
    parser = build_parser()
    args = parser.parse_args(args_list)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        code = int(args.handler(args) or 0)
        sys.stdout.flush()  # a reader that went away is found here, not at exit
        return code
    except LinkAdviserError as exc:
        print(f"linkadviser: {masked(str(exc))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        # `linkadviser schools | head -1`: the reader has what it wanted. Nothing more can be
        # written; point stdout at nothing so Python's exit does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS:
            raise
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"linkadviser: cannot write{where}: {exc.strerror}. "
              "Free some space or choose a folder you can write to.", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("linkadviser: interrupted; nothing half-done was kept.", file=sys.stderr)
        return 130
