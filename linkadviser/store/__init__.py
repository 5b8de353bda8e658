"""The SQLite store: SQLAlchemy models, the engine, migrations and backups. Nothing else here."""
