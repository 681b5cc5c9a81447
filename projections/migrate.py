"""Creates or upgrades the read-model schema with Alembic, programmatically (no alembic.ini).

On PostgreSQL the read models live in their own schema, `read_models` (the read engine's
`search_path`, eventconnect/database.py), apart from the event store's tables in `public`: an
analyst's role can then be given the read models and nothing else (docs/read-models.md). A
database migrated before that has its read-model tables in `public`; `upgrade` moves them first.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, text

from projections.tables import metadata

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Its own version table, so other Alembic histories can share the PostgreSQL database.
VERSION_TABLE = "read_models_alembic_version"
SCHEMA = "read_models"
# Several processes may run `upgrade` at once on PostgreSQL; they take turns on this lock.
MIGRATION_LOCK_KEY = 0x45435F524D  # "EC_RM"
# Every table the migration chain made before the read models had a schema of their own: the
# declared read models, the commands' idempotency answers (migration 0002) and Alembic's row.
CHAINED_TABLES = frozenset({*metadata.tables, "idempotency_keys", VERSION_TABLE})


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("version_table", VERSION_TABLE)
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the read-model tables of `engine`'s database to `revision` (idempotent)."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            prepare_schema(conn)
        # The engine asked for its default schema on its first connection, maybe before the
        # schema existed (then None); reflection and Alembic now see it by name.
        engine.dialect.default_schema_name = SCHEMA
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    command.downgrade(alembic_config(engine), revision)


def prepare_schema(conn: Connection) -> list[str]:
    """Creates the `read_models` schema if missing and moves into it the read-model tables a
    migration left in `public` before it existed, all in `conn`'s one transaction: a failure
    leaves every table where it was. Returns the tables moved (none on the second run)."""
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    # Looked up first: CREATE SCHEMA IF NOT EXISTS still asks for the CREATE privilege, which a
    # deployment whose administrator made the schema need not give the application's user.
    if not conn.execute(text("SELECT 1 FROM pg_namespace WHERE nspname = :schema"),
                        {"schema": SCHEMA}).first():
        conn.execute(text(f'CREATE SCHEMA "{SCHEMA}"'))
    public = _tables_in(conn, "public")
    if VERSION_TABLE not in public:  # nothing was migrated the old way
        return []
    moving = sorted(public & CHAINED_TABLES)
    clash = sorted(_tables_in(conn, SCHEMA) & set(moving))
    if clash:
        raise RuntimeError(
            f"read-model tables exist both in public and in {SCHEMA}: {', '.join(clash)}; "
            f"keep one copy of each (the read models can be rebuilt) and migrate again")
    for name in moving:
        # Indexes, constraints and the generated search column move with their table.
        conn.execute(text(f'ALTER TABLE public."{name}" SET SCHEMA "{SCHEMA}"'))
    return moving


def _tables_in(conn: Connection, schema: str) -> set[str]:
    return set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :schema"),
                            {"schema": schema}).scalars())
