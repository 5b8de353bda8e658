"""The error a sync file or a sync exchange can cause, always with what to do about it."""

from linkadviser.errors import LinkAdviserError


class SyncError(LinkAdviserError):
    """A sync file was refused, or an exchange could not be completed; the store is unchanged."""
