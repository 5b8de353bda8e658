"""A throwaway PostgreSQL server for tests, started from the machine's server binaries.

The server lives in a temporary folder, listens on a free loopback port only, trusts local
connections and is stopped at the end of the session (each pytest-xdist worker has its own).
Where no server can be started the tests that need one are skipped with the reason; under CI
(``CI=true``) they fail instead, because CI must install PostgreSQL (see ``.ci/run``) and a
skip there would hide that it did not.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


class PostgresUnavailable(RuntimeError):
    pass


def _bindir() -> Path:
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).parent
    raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) on this machine; "
                              "install Debian's postgresql package")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl in a temporary folder; as root, run as the ``postgres`` user."""

    def __init__(self) -> None:
        self.bindir = _bindir()
        self.base = Path(tempfile.mkdtemp(prefix="linkadviser-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise PostgresUnavailable("running as root without runuser to drop to postgres")
            try:
                shutil.chown(self.base, "postgres", "postgres")
            except (LookupError, PermissionError) as exc:
                raise PostgresUnavailable(f"no postgres user to run the server as ({exc})") \
                    from exc
            self.prefix = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self.prefix, *args], capture_output=True, text=True,
                                timeout=120)
        if result.returncode:
            raise PostgresUnavailable(f"{Path(args[0]).name} failed: "
                                      f"{(result.stderr or result.stdout).strip()[-400:]}")

    def start(self) -> PostgresServer:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "postgres",
                  "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C")
        for attempt in range(3):
            # Another process (a second pytest-xdist worker) may take the free port first.
            if attempt:
                self.port = _free_port()
            options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-o", options,
                          "-l", str(self.base / "server.log"), "-w", "-t", "60", "start")
                return self
            except PostgresUnavailable:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run([*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data),
                            "-m", "immediate", "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.base, ignore_errors=True)


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is required in CI but could not be started: {reason}")
    pytest.skip(f"no PostgreSQL server could be started here: {reason}")


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = PostgresServer()
    except PostgresUnavailable as exc:
        skip_or_fail(str(exc))
    try:
        server.start()
    except (PostgresUnavailable, OSError, subprocess.SubprocessError) as exc:
        server.stop()
        skip_or_fail(str(exc))
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A URL to a fresh, empty database on the throwaway server, dropped afterwards."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)
