"""The app's log file: small, rotated, and never holding what a visit records.

Advisers hand the log to support when something goes wrong, and visit 4's content is
confidential to governors; so the log holds events and, for unexpected errors, where in the code
they happened, but never an exception's message (which may quote a record) nor a record itself.
Call sites log events in fixed words; the formatter withholds every exception message.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path

from linkadviser.paths import data_dir
from linkadviser.store.urls import masked

MAX_BYTES = 1_000_000
KEPT_FILES = 3  # plus the current one: at most 4 MB of log


def log_path() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "linkadviser.log"


class ContentFreeFormatter(logging.Formatter):
    """Formats an exception as its type and stack, with its message withheld."""

    def format(self, record: logging.LogRecord) -> str:
        # Another handler may have cached the full text (with the message) on the record.
        cached, record.exc_text = record.exc_text, None
        try:
            return masked(super().format(record))  # no database password, should one be logged
        finally:
            record.exc_text = cached

    def formatException(self, ei) -> str:  # noqa: ANN001, N802 - logging's own signature
        _kind, exc, tb = ei
        frames = "".join(traceback.format_tb(tb))
        return (f"Traceback (most recent call last):\n{frames}{type(exc).__name__} "
                "(message withheld: it may quote a record)")


def configure_logging(path: Path | None = None) -> Path:
    """Send the app's log to the rotating file; once per process."""
    target = path or log_path()
    root = logging.getLogger()
    for handler in root.handlers:
        if getattr(handler, "baseFilename", None) == str(target):
            return target
    handler = logging.handlers.RotatingFileHandler(
        target, maxBytes=MAX_BYTES, backupCount=KEPT_FILES, encoding="utf-8")
    handler.setFormatter(ContentFreeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return target
