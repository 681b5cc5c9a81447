"""The separate projector process on PostgreSQL (`eventconnect project`).

Woken by LISTEN/NOTIFY on the event store's channel (the library NOTIFYs in every insert
transaction), and catching up every few seconds anyway in case a notification was missed.
A session-level advisory lock per projection keeps exactly one live runner for each across
processes; a standby process takes over a projection as soon as its holder's session ends.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

if TYPE_CHECKING:
    from projections.runner import ProjectionRunner

log = logging.getLogger(__name__)

DEFAULT_CHANNEL = "eventconnect_events"
IDLE_SECONDS = 2.0
RECONNECT_SECONDS = 2.0


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory lock key for a projection name."""
    digest = hashlib.sha256(f"eventconnect.projection:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def conninfo(runner: ProjectionRunner) -> str:
    return runner.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def listen_and_project(runner: ProjectionRunner, stop_event: threading.Event, *,
                       idle: float = IDLE_SECONDS) -> None:
    """Projects until `stop_event` is set; reconnects after a lost connection."""
    channel = getattr(runner.write_model.recorder, "channel_name", DEFAULT_CHANNEL)
    while not stop_event.is_set():
        try:
            _session(runner, stop_event, channel, idle)
        except psycopg.OperationalError:
            log.exception("lost the PostgreSQL connection; reconnecting")
            stop_event.wait(RECONNECT_SECONDS)


def _session(runner: ProjectionRunner, stop_event: threading.Event, channel: str,
             idle: float) -> None:
    with psycopg.connect(conninfo(runner), autocommit=True) as conn:
        conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        owned: set[str] = set()
        while not stop_event.is_set():
            for name in runner.projections.keys() - owned:
                row = conn.execute("SELECT pg_try_advisory_lock(%s)", (lock_key(name),)).fetchone()
                if row and row[0]:
                    log.info("this process now runs projection %s", name)
                    owned.add(name)
            if owned:
                runner.catch_up_due(only=sorted(owned))
            # Wait for a NOTIFY (or the idle timeout), then drain any others queued meanwhile.
            for _ in conn.notifies(timeout=idle, stop_after=1):
                pass
        # Closing the session releases the advisory locks for a standby process.
