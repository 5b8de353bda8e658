from tests.pg import pg_server, pg_url  # noqa: F401 - fixtures for the PostgreSQL tests
