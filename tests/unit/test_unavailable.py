"""Which database errors are an outage (503 `unavailable`) and which are bugs (500)."""

from __future__ import annotations

import sqlite3

import psycopg
import psycopg_pool
import pytest
import sqlalchemy.exc
from eventsourcing import persistence

from kernel.unavailable import DatabaseUnavailable, is_unavailable


def wrapped(outer: type[Exception], cause: BaseException) -> Exception:
    """`outer` raised `from cause`, as the library and SQLAlchemy do."""
    error = outer(str(cause))
    error.__cause__ = cause
    return error


def sqlalchemy_wrapped(cls: type[sqlalchemy.exc.DBAPIError], orig: Exception) -> Exception:
    return cls("SELECT 1", {}, orig)


@pytest.mark.parametrize("error", [
    wrapped(persistence.OperationalError, sqlite3.OperationalError("database is locked")),
    sqlalchemy_wrapped(sqlalchemy.exc.OperationalError, sqlite3.OperationalError("database is locked")),
    wrapped(persistence.OperationalError, psycopg.OperationalError("connection refused")),
    wrapped(persistence.OperationalError, psycopg_pool.PoolTimeout("couldn't get a connection")),
    wrapped(persistence.OperationalError, psycopg.errors.LockNotAvailable("lock timeout")),
    sqlalchemy_wrapped(sqlalchemy.exc.OperationalError, psycopg.OperationalError("server closed")),
    sqlalchemy.exc.TimeoutError("QueuePool limit reached"),
    persistence.ConnectionUnavailableError("timed out waiting for a connection"),
    DatabaseUnavailable("queued past its budget"),
], ids=repr)
def test_outages_and_timed_out_waits_are_unavailable(error: Exception) -> None:
    assert is_unavailable(error)


@pytest.mark.parametrize("error", [
    # A version conflict is retried by the use case; if it escapes, it is not an outage.
    wrapped(persistence.IntegrityError, sqlite3.IntegrityError("UNIQUE constraint failed")),
    wrapped(persistence.IntegrityError, psycopg.errors.UniqueViolation("duplicate key")),
    wrapped(persistence.DataError, psycopg.errors.NumericValueOutOfRange("out of range")),
    wrapped(persistence.OperationalError, sqlite3.OperationalError("no such table: events")),
    sqlalchemy_wrapped(sqlalchemy.exc.ProgrammingError, psycopg.errors.UndefinedTable("nope")),
    persistence.OperationalError("no cause: cannot tell"),
    ValueError("database is locked"),
], ids=repr)
def test_bugs_are_not_unavailable(error: Exception) -> None:
    assert not is_unavailable(error)
