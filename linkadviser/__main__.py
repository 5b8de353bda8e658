"""Allows ``python -m linkadviser`` as well as the ``linkadviser`` entry point."""

from linkadviser.cli import main

raise SystemExit(main())
