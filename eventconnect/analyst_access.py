"""`eventconnect grant-analyst <role>`: lets a PostgreSQL role read the analyst-facing read models
and nothing else (docs/read-models.md, "For analysts").

Granted table by table, not by `ALTER DEFAULT PRIVILEGES`: a default would also hand the analyst
every table a later migration adds, the withheld ones included. So the command is re-run after
each `eventconnect migrate`; it is idempotent, and it converges: a withheld table loses whatever
the role held on it, a granted one keeps SELECT alone.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from eventconnect.database import build_read_engine
from eventconnect.settings import Settings
from projections.migrate import SCHEMA, VERSION_TABLE

# Each table of the read-model schema is decided here; a test fails when a new one is not.
ANALYST_TABLES = (
    "events", "attendees", "users", "ratings", "reminders_sent", "reminder_marks",
    "analytics_events", "analytics_activity", "analytics_registrations", "analytics_ratings",
    "analytics_attendance", "analytics_people",
    "projection_tracking",  # how fresh each read model is
    VERSION_TABLE,  # which revision of this documented interface the database is at
)
WITHHELD_TABLES = {
    "idempotency_keys": "stored command answers, replayed to whoever repeats the request",
    "email_deliveries": "the email queue: recipients, rendered payloads with their links",
    "inbox": "members' private notifications, word for word",
    "projection_failures": "operators' table; an error may quote an event's data",
    "projection_skips": "operators' table (who skipped which event, and why)",
}
# NAMEDATALEN - 1: PostgreSQL silently truncates longer names, which could name another role.
MAX_ROLE_BYTES = 63


class AccessRefused(Exception):
    """The grant cannot be made as asked; the message says why and what to do."""


@dataclass
class Granted:
    role: str
    tables: list[str] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # not migrated yet
    unreviewed: list[str] = field(default_factory=list)  # in the schema, but decided nowhere
    warnings: list[str] = field(default_factory=list)


def grant_analyst(conn: Connection, role: str) -> Granted:
    """USAGE on the schema and SELECT on each analyst table, in `conn`'s transaction; revokes
    everything on the withheld tables. Never touches the event store's tables."""
    if not role or len(role.encode()) > MAX_ROLE_BYTES:
        raise AccessRefused(f"a role name has 1 to {MAX_ROLE_BYTES} bytes")
    found = conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = :role"),
                         {"role": role}).first()
    if found is None:
        raise AccessRefused(f"no role {role!r} in this PostgreSQL server; create it first, "
                            f"e.g. CREATE ROLE \"{role}\" LOGIN PASSWORD '...'")
    present = set(conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = :schema"),
                               {"schema": SCHEMA}).scalars())
    if not present:
        raise AccessRefused(f"no read-model schema {SCHEMA!r} yet: run `eventconnect migrate`")
    quote = conn.dialect.identifier_preparer.quote_identifier
    who, schema = quote(role), quote(SCHEMA)
    result = Granted(role)
    conn.execute(text(f"GRANT USAGE ON SCHEMA {schema} TO {who}"))
    for name in ANALYST_TABLES:
        if name not in present:
            result.missing.append(name)
            continue
        conn.execute(text(f"REVOKE ALL ON TABLE {schema}.{quote(name)} FROM {who}"))
        conn.execute(text(f"GRANT SELECT ON TABLE {schema}.{quote(name)} TO {who}"))
        result.tables.append(name)
    for name in sorted(WITHHELD_TABLES.keys() & present):
        conn.execute(text(f"REVOKE ALL ON TABLE {schema}.{quote(name)} FROM {who}"))
        result.withheld.append(name)
    result.unreviewed = sorted(present - set(ANALYST_TABLES) - WITHHELD_TABLES.keys())
    if found.rolsuper:
        result.warnings.append(f"{role} is a superuser: it reads every table, the event "
                               "store's included, whatever is granted")
    # Granted elsewhere (by hand, or to PUBLIC): said, not revoked; the store is not ours here.
    readable = conn.execute(text(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') "
        "AND has_table_privilege(:role, c.oid, 'SELECT') ORDER BY c.relname"),
        {"role": role}).scalars().all()
    result.warnings.extend(f"{role} can read the event store's table public.{name} (granted "
                           "outside this command)" for name in readable)
    return result


def _sqlite_advice(settings: Settings) -> str:
    path = settings.data_dir.resolve() / "read_models.sqlite"
    missing = "" if path.exists() else " (not there yet: `eventconnect migrate` or `serve` makes it)"
    return (
        "SQLite has no roles, so nothing was granted. An analyst opens the read-model file "
        "read-only; the event store is a separate file they need not touch.\n"
        f"  read models: {path}{missing}\n"
        f"  sqlite3 -readonly '{path}'\n"
        f"  URI for BI tools: file:{path}?mode=ro\n"
        "Give the analyst's account read permission on that file (and on its -wal and -shm "
        "files beside it), not write permission.")


def _run(args: argparse.Namespace) -> int:
    settings = Settings()
    if not settings.is_postgres:
        print(_sqlite_advice(settings))
        return 0
    engine = build_read_engine(settings)
    try:
        with engine.begin() as conn:
            granted = grant_analyst(conn, args.role)
    except AccessRefused as refused:
        print(f"refused: {refused}", file=sys.stderr)
        return 2
    finally:
        engine.dispose()
    print(f"{granted.role} may read schema {SCHEMA}: SELECT on {', '.join(granted.tables)}")
    print(f"withheld (nothing granted): {', '.join(granted.withheld) or '-'}")
    for name in granted.missing:
        print(f"not there yet: {name} (run `eventconnect migrate`, then this again)")
    for name in granted.unreviewed:
        print(f"not granted, not reviewed for analysts: {name}")
    for warning in granted.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print("Re-run this after every `eventconnect migrate`: a new table is granted to nobody.")
    return 0


def add_command(commands: Any) -> None:
    """Adds `grant-analyst` to `eventconnect`'s parser."""
    grant = commands.add_parser(
        "grant-analyst", help="let a PostgreSQL role read the analyst-facing read models",
        description="GRANT USAGE on the read-model schema and SELECT on each analyst-facing "
                    "table (docs/read-models.md); never the event store, idempotency answers, "
                    "the email queue or inboxes. Idempotent; re-run after each migrate.")
    grant.add_argument("role", help="an existing PostgreSQL role (exit status 2 otherwise)")
    grant.set_defaults(func=_run)
