"""Database URLs in messages: never with their password.

A central store on PostgreSQL is given as ``postgresql://user:password@host/db``; the
password must not reach a terminal, a log or a screenshot of an error. ``masked`` hides it in
any text (a URL, a driver's message, a connection string's ``password=``), so messages that
may carry a URL pass through it rather than each remembering to. Importing this module
imports no database library (the command line masks every error it prints).
"""

from __future__ import annotations

import re

HIDDEN = "***"
# scheme://user:password@ : the password runs to the last @ before the host
_IN_URL = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)(?P<secret>\S*)@")
# libpq's key=value connection strings, and query parameters: password=..., sslpassword=...
_AS_PARAMETER = re.compile(r"(?P<head>\b\w*password\s*=\s*)(?P<secret>'(?:[^'\\]|\\.)*'|[^\s&;]+)",
                           re.IGNORECASE)


def masked(text: str) -> str:
    """``text`` with every password in a URL or connection string replaced by ``***``."""
    text = _IN_URL.sub(lambda m: m["head"] + HIDDEN + "@", text)
    return _AS_PARAMETER.sub(lambda m: m["head"] + HIDDEN, text)


def safe_url(url: str) -> str:
    """The URL as it may be printed: never the password."""
    from sqlalchemy.engine import make_url  # here: ``masked`` is for the CLI's every error
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # not a URL SQLAlchemy can read (a bad port)
        return masked(url)


def without_password(location: str) -> str:
    """A database URL with its password taken out (a file path is returned as it is): what
    may be remembered in the preferences, where anyone with the store could read it."""
    if "://" not in location:
        return location
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(location)
    except (ArgumentError, ValueError):
        return _IN_URL.sub(lambda m: m["head"].removesuffix(":") + "@", location)
    # ``set(password=None)`` leaves the password as it was; the tuple's own replace drops it.
    return url._replace(password=None).render_as_string(hide_password=False)


def password_in(location: str) -> str | None:
    """The password written into a URL, if any."""
    if "://" not in location:
        return None
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(location).password
    except (ArgumentError, ValueError):
        return None


def with_password(location: str, password: str) -> str:
    """The URL to connect with: ``location`` with ``password`` put in (kept out of sight)."""
    if not password or "://" not in location:
        return location
    from sqlalchemy.engine import make_url

    return make_url(location).set(password=password).render_as_string(hide_password=False)
