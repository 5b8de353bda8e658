from datetime import date

import pytest

from linkadviser.authority.central import CentralStoreError, central_url, open_central
from linkadviser.cli import main
from linkadviser.store.db import open_store
from linkadviser.store.models_authority import GradeSnapshot
from tests.unit.authority.county import build_county


def test_db_argument_forms(home, tmp_path):
    assert central_url(None) == f"sqlite:///{home / 'central.sqlite3'}"
    assert central_url(str(tmp_path / "c.db")) == f"sqlite:///{tmp_path / 'c.db'}"
    assert central_url("postgresql://u:pw@127.0.0.1:5433/county") == \
        "postgresql+psycopg://u:pw@127.0.0.1:5433/county"
    with pytest.raises(CentralStoreError, match="SQLite or PostgreSQL, not mysql"):
        central_url("mysql://x/y")


@pytest.fixture
def central(tmp_path):
    path = tmp_path / "central.sqlite3"
    store = open_store(path)
    build_county(store)
    store.close()
    return str(path)


def test_report_prints_the_county_and_writes_pdf_and_csv(central, tmp_path, capsys):
    assert main(["central", "comparator", "--db", central, "--area", "England",
                 "--phase", "All schools", "--date", "2026-09-01",
                 "--counts", "20,60,18,2"]) == 0
    out = tmp_path / "out"
    assert main(["central", "report", "--db", central, "--date", "2026-11-26",
                 "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "20.0 points below England (80%)" in printed
    assert "Schools causing concern (1)" in printed and "Damson High" in printed
    assert "total 15,090.00 GBP; 1 extra still to be quoted" in printed
    assert (out / "county-report.pdf").stat().st_size > 1000
    assert (out / "invoice.csv").read_text(encoding="utf-8-sig").count("\n") == 8


@pytest.mark.parametrize("argv, message", [
    (["central", "comparator", "--area", "England", "--phase", "Primary",
      "--date", "2026-09-01", "--counts", "1,2"], "give four whole numbers"),
    (["central", "report", "--db", "oracle://x"], "not oracle"),
    (["central", "merge", "--db", "x.sqlite3", "missing.file"], "No such file: missing.file"),
])
def test_user_errors_are_one_line_on_stderr(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_same_report_on_postgresql_as_on_sqlite(pg_url, central, capsys):
    store = open_central(pg_url)
    assert store.engine.dialect.name == "postgresql"
    build_county(store)
    store.close()
    assert main(["central", "report", "--db", pg_url, "--date", "2026-11-26"]) == 0
    on_pg = capsys.readouterr().out
    assert main(["central", "report", "--db", central, "--date", "2026-11-26"]) == 0
    assert capsys.readouterr().out == on_pg
    store = open_central(pg_url)
    with store.session() as s:  # the snapshot was kept on the server
        assert s.query(GradeSnapshot).filter_by(taken_on=date(2026, 11, 26)).count() == 3
    store.close()


def test_ci_never_skips_postgresql(monkeypatch):
    from tests.pg import skip_or_fail

    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="required in CI"):
        skip_or_fail("no server")
