"""Which errors mean "the database is not there or did not answer in time" (503, retry later),
as opposed to a bug (500). The problem handler and the idempotency middleware both ask here."""

from __future__ import annotations

import sqlite3

import psycopg
import psycopg_pool
import sqlalchemy.exc
from eventsourcing.persistence import ConnectionUnavailableError, PersistenceError

# SQLite's answers when another connection holds the file (or it cannot be opened at all). Other
# sqlite3.OperationalErrors ("no such table", syntax) are bugs.
_SQLITE_AWAY = ("database is locked", "database table is locked", "database is busy",
                "unable to open database file", "disk i/o error")


class DatabaseUnavailable(Exception):
    """Raised by our own code when a database step did not finish within its budget."""


def is_unavailable(error: BaseException) -> bool:
    """True if `error`, or what it wraps, is an outage or a timed-out wait. Follows the
    library's and SQLAlchemy's wrappers to the driver's error, which alone says which it was."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DatabaseUnavailable | ConnectionUnavailableError
                      | psycopg_pool.PoolTimeout | psycopg_pool.TooManyRequests
                      | sqlalchemy.exc.TimeoutError | sqlalchemy.exc.DisconnectionError):
            return True
        if isinstance(current, sqlalchemy.exc.DBAPIError) and current.connection_invalidated:
            return True
        if isinstance(current, psycopg.OperationalError):
            # Lost or refused connections, lock and statement timeouts, admin shutdown: all
            # transient. (IntegrityError and DataError are not OperationalErrors.)
            return True
        if isinstance(current, sqlite3.OperationalError):
            return str(current).lower().startswith(_SQLITE_AWAY)
        orig = getattr(current, "orig", None)  # SQLAlchemy's DBAPIError keeps the driver's here
        current = orig if isinstance(orig, BaseException) else current.__cause__
    return False


RETRY_AFTER_SECONDS = 2
# The exception families a database error arrives in, for handler registration.
DATABASE_ERRORS: tuple[type[Exception], ...] = (
    DatabaseUnavailable, PersistenceError, sqlalchemy.exc.SQLAlchemyError, psycopg.Error,
    sqlite3.Error)


class TooMuchContention(Exception):
    """A command lost the version race MAX_ATTEMPTS times in a row (raised by the write model's
    retry; here so the problem handlers can answer it without importing the write side)."""
