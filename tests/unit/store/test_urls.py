"""A database URL's password never reaches a message (it was printed on stderr when the
PostgreSQL server could not be reached)."""

from __future__ import annotations

import pytest

from linkadviser.cli import main
from linkadviser.store.urls import masked, safe_url

SECRET = "s3cret-pw"


@pytest.mark.parametrize(("text", "shown"), [
    (f"postgresql://ann:{SECRET}@db.example:5432/county",
     "postgresql://ann:***@db.example:5432/county"),
    (f"could not open postgresql+psycopg://ann:{SECRET}@h/db: refused",
     "could not open postgresql+psycopg://ann:***@h/db: refused"),
    (f"postgresql://ann:p@ss{SECRET}@h/db", "postgresql://ann:***@h/db"),  # @ in the password
    (f"host=h user=ann password={SECRET} dbname=x", "host=h user=ann password=*** dbname=x"),
    (f"host=h password='a b {SECRET}'", "host=h password=***"),
    (f"postgresql://h/db?sslpassword={SECRET}&x=1", "postgresql://h/db?sslpassword=***&x=1"),
    ("postgresql://ann@h/db", "postgresql://ann@h/db"),
    ("sqlite:////home/ann/a:b@c.sqlite3", "sqlite:////home/ann/a:b@c.sqlite3"),
])
def test_masked(text, shown):
    assert masked(text) == shown


def test_safe_url_of_a_url_sqlalchemy_cannot_read():
    assert safe_url(f"postgresql://ann:{SECRET}@h:notaport/db") == \
        "postgresql://ann:***@h:notaport/db"


@pytest.mark.parametrize("url", [
    f"postgresql://ann:{SECRET}@127.0.0.1:1/county",  # nothing listens on port 1
    f"postgresql+psycopg://ann:{SECRET}@127.0.0.1:1/county",
    f"postgresql://ann:{SECRET}@127.0.0.1:notaport/county",
    f"mysql://ann:{SECRET}@127.0.0.1/county",
])
@pytest.mark.parametrize("command", [["central", "report"], ["sync", "conflicts"]])
def test_no_command_prints_the_password(url, command, capsys):
    assert main([*command, "--db", url]) == 2
    out, err = capsys.readouterr()
    assert SECRET not in out + err and err.count("\n") == 1
    assert "ann:***@127.0.0.1" in err or "not mysql" in err


def test_the_log_never_holds_a_password():
    import logging

    from linkadviser.applog import ContentFreeFormatter

    record = logging.LogRecord("central", logging.INFO, __file__, 1,
                               "opening %s", (f"postgresql://ann:{SECRET}@h/db",), None)
    assert ContentFreeFormatter("%(message)s").format(record) == "opening postgresql://ann:***@h/db"


def test_what_is_remembered_has_no_password_and_the_password_can_be_put_back():
    from linkadviser.store.urls import password_in, with_password, without_password

    given = "postgresql://ann:p%40ss@db.example.gov.uk:5432/centre"
    kept = without_password(given)
    assert kept == "postgresql://ann@db.example.gov.uk:5432/centre"
    assert password_in(given) == "p@ss" and password_in(kept) is None
    assert with_password(kept, "p@ss") == given
    assert without_password("/srv/shared/central.sqlite3") == "/srv/shared/central.sqlite3"
    assert "secret" not in without_password("postgresql://ann:secret@host:port/db")
