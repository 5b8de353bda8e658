"""The command line stays quick: building its parser loads none of the heavy libraries.

Each area imports its services inside its command handlers, so `linkadviser --help` or a
mistyped option does not wait for pandas, reportlab or the database layer.
"""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "reportlab", "sqlalchemy", "PySide6", "pypdf", "msgspec", "alembic")


def test_building_the_parser_imports_no_heavy_library():
    code = ("import sys\n"
            "from linkadviser.cli import build_parser\n"
            "build_parser()\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""
