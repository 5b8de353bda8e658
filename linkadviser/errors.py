"""Errors a user can cause, each carrying a message written for people.

Anything raised as a ``LinkAdviserError`` is shown as its message (one line on the command line,
a message box in the app), never as a traceback; anything else is a bug.
"""


class LinkAdviserError(Exception):
    """Base for every error the user can cause and act on."""


class ProgrammeError(LinkAdviserError):
    """The programme file is missing, malformed or does not match the schema."""


class StoreError(LinkAdviserError):
    """The database file cannot be opened, is corrupt, or is newer than this app."""


class NotFoundError(LinkAdviserError):
    """A school, visit or other record named by the user does not exist."""


class WorkflowError(LinkAdviserError):
    """A visit was asked to do something its state does not allow."""


class ReadOnlyError(WorkflowError):
    """A signed visit was edited without first being opened for amendment."""


class QANotMetError(WorkflowError):
    """A visit cannot be made ready to sign while QA criteria are unmet."""

    def __init__(self, message: str, unmet: list) -> None:
        super().__init__(message)
        self.unmet = unmet
