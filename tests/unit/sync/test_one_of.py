"""``one_of`` sends its values in one parameter: whatever the text, it must match itself."""

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, insert, select

from linkadviser.authority.central import central_url
from linkadviser.sync.incoming import one_of
from tests.pg import pg_server, pg_url  # noqa: F401 - fixtures for the PostgreSQL case

AWKWARD = ['plain', '', 'a,b', '{braces}', 'say "hi"', 'back\\slash', "it's", 'NULL',
           ' spaced ', 'naïve — ünïcode', '\\"', 'line\nbreak']


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    url = (f"sqlite:///{tmp_path / 'one_of.sqlite3'}" if request.param == "sqlite"
           else central_url(request.getfixturevalue("pg_url")))
    engine = create_engine(url)
    yield engine
    engine.dispose()


def test_any_text_and_integers_match_themselves(engine):
    table = Table("things", MetaData(), Column("n", Integer, primary_key=True),
                  Column("name", String(40)))
    table.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(table), [{"n": i, "name": v} for i, v in enumerate(AWKWARD)]
                     + [{"n": 100, "name": "not asked for"}])
        for value in AWKWARD:
            assert conn.execute(select(table.c.name).where(
                one_of(conn, table.c.name, [value, "absent"]))).scalars().all() == [value]
        found = conn.execute(select(table.c.name).where(one_of(conn, table.c.name, AWKWARD)))
        assert sorted(found.scalars()) == sorted(AWKWARD)
        numbers = conn.execute(select(table.c.n).where(one_of(conn, table.c.n, [1, 3, 999])))
        assert sorted(numbers.scalars()) == [1, 3]
