"""Errors a user can cause when importing data or editing the data rules."""

from linkadviser.errors import LinkAdviserError


class DataImportError(LinkAdviserError):
    """A file to import is of an unknown kind, malformed, or clashes with data already held."""


class DataConfigError(LinkAdviserError):
    """A mapping, catalogue, question-rule or target file in resources/data is wrong."""


class AlreadyImportedError(DataImportError):
    """The file's kind and year are already held; the user must choose to replace or keep."""
