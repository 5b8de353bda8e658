"""The error a sync file or a sync exchange can cause, always with what to do about it."""

from linkadviser.errors import LinkAdviserError


class SyncError(LinkAdviserError):
    """A sync file was refused, or an exchange could not be completed; the store is unchanged.

    The message is one line whatever the file held (a field name in a hostile file may
    contain line breaks), so the command line prints exactly one line.
    """

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))


def refused(problem: str) -> SyncError:
    """The whole file refused for ``problem`` (which names the member and what is wrong)."""
    return SyncError(f"The sync file was refused: {problem}. Nothing was changed.")
