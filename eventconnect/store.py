"""Builds the write model (event store) from settings: SQLite file or PostgreSQL."""

from __future__ import annotations

import math
from urllib.parse import unquote, urlsplit

from command_api.application import Clock, EventConnect, utc_now
from eventconnect.settings import Settings
from kernel.store_adapter import without_library_retries


def event_store_env(settings: Settings, *, create_tables: bool) -> dict[str, str]:
    """The `eventsourcing` library is configured through an env mapping; this is the one place
    that turns our settings into it."""
    env = {
        # Cached aggregates are fast-forwarded from the store on every get, so several API
        # processes can share one PostgreSQL store and still decide on fresh state.
        "AGGREGATE_CACHE_MAXSIZE": "5000",
        "IS_SNAPSHOTTING_ENABLED": "y",
        "CREATE_TABLE": "y" if create_tables else "n",
    }
    # The library takes whole seconds; rounding up never makes a wait shorter than asked.
    wait = str(math.ceil(settings.db_timeout))
    if settings.is_postgres:
        url = urlsplit(settings.database_url or "")
        env.update(
            PERSISTENCE_MODULE="eventsourcing.postgres",
            POSTGRES_DBNAME=url.path.lstrip("/"),
            POSTGRES_HOST=url.hostname or "127.0.0.1",
            POSTGRES_PORT=str(url.port or 5432),
            POSTGRES_USER=unquote(url.username or "postgres"),
            POSTGRES_PASSWORD=unquote(url.password or ""),
            POSTGRES_POOL_SIZE="10",
            POSTGRES_MAX_OVERFLOW="30",
            # The pool's wait for a free (or new) connection: without it a request queues for
            # 30 s while the server is away and may commit after its client gave up.
            POSTGRES_CONNECT_TIMEOUT=wait,
            POSTGRES_LOCK_TIMEOUT=wait,
            # Pooled connections die with the server; checking one before use lets the pool
            # replace it instead of failing the first requests after the server is back.
            POSTGRES_PRE_PING="y",
        )
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        env.update(
            PERSISTENCE_MODULE="eventsourcing.sqlite",
            SQLITE_DBNAME=str(settings.event_store_path),
            SQLITE_LOCK_TIMEOUT=wait,
        )
    return env


def build_write_model(settings: Settings, *, clock: Clock = utc_now,
                      create_tables: bool = False) -> EventConnect:
    # Embedded SQLite has no separate `migrate` step to forget, so it always creates its table.
    create = create_tables or not settings.is_postgres
    app = EventConnect(env=event_store_env(settings, create_tables=create), clock=clock)
    without_library_retries(app.recorder)
    return app
