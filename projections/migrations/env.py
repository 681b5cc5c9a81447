"""Alembic environment for the read-model tables only (the event store makes its own)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import text

from projections.migrate import MIGRATION_LOCK_KEY
from projections.tables import metadata


def run_migrations_online() -> None:
    config = context.config
    engine = config.attributes["engine"]
    version_table = config.get_main_option("version_table")
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
            connection.commit()
        try:
            context.configure(connection=connection, target_metadata=metadata,
                              version_table=version_table, transaction_per_migration=True)
            with context.begin_transaction():
                context.run_migrations()
            connection.commit()
        finally:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                                   {"key": MIGRATION_LOCK_KEY})
                connection.commit()


if context.is_offline_mode():
    raise SystemExit("offline (SQL script) migrations are not supported for the read models")
run_migrations_online()
