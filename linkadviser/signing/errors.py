"""Signing errors: a message for people, never a key or a passphrase in it."""

from linkadviser.errors import LinkAdviserError


class SigningError(LinkAdviserError):
    """Keys, certificates or signatures cannot be used as asked: what is wrong, what to do."""
