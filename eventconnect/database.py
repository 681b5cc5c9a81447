"""SQLAlchemy engine for the read models (SQLite file or PostgreSQL)."""

from __future__ import annotations

import math
from functools import partial
from typing import Any

from sqlalchemy import Engine, create_engine, event

from eventconnect.settings import Settings
from projections.migrate import SCHEMA


def _sqlite_pragmas(dbapi_connection: Any, _record: Any, *, busy_ms: int) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets queries read while the projection runner writes.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.close()


def build_read_engine(settings: Settings) -> Engine:
    """Every wait is bounded by `db_timeout` (a pooled connection, a new connection, a lock, a
    stalled socket), so a request fails fast with 503 while the database is away."""
    url = settings.read_model_url
    timeout = settings.db_timeout
    if url.startswith("sqlite"):
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # hide_parameters: a failed statement's rows (guests' names and emails) stay out of
        # error texts and so out of the logs (docs/operations.md, Logs).
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": timeout},
                               pool_size=20, max_overflow=40, pool_timeout=timeout,
                               hide_parameters=True)
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_ms=int(timeout * 1000)))
        return engine
    connect_args: dict[str, Any] = {
        "connect_timeout": math.ceil(timeout),
        # Unacknowledged writes to a vanished server (cable pulled, VM frozen) fail, instead of
        # waiting for the kernel's minutes-long TCP retransmission limit. No lock or statement
        # timeout: queries do not wait on locks (MVCC), and the projection runner shares this
        # engine, whose rebuild may rightly hold its tracking row longer than one request.
        "tcp_user_timeout": int(timeout * 1000),
        # The read models' own schema (projections/migrate.py) and nothing else: an unqualified
        # name is a read-model table, never one of the event store's (in `public`). Set at
        # connection start, so it is the session's default (a RESET keeps it).
        "options": f"-csearch_path={SCHEMA}",
    }
    return create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True,
                         pool_timeout=timeout, connect_args=connect_args, hide_parameters=True)
