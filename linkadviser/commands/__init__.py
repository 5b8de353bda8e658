"""Subcommands of the ``linkadviser`` command line, one module per area."""
