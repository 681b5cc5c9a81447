"""The reminder scheduler: finds due reminders and feedback requests in a read model and sends
them as commands (`ReminderUseCases.send_due`), batch by batch.

`sweep(now)` is the whole logic and needs no timer (tests call it on a fake clock). APScheduler
(3.x `BackgroundScheduler`, one interval job) calls it every `EVENTCONNECT_REMINDER_SWEEP_SECONDS`
inside `eventconnect serve`, or in `eventconnect schedule` alone. On PostgreSQL one scheduler at a
time leads, by a session-level advisory lock; a standby takes over as soon as the leader's
session ends. Exactly once does not rest on the lock: the Registration aggregate refuses a
second reminder of an offset, and two schedulers deciding on the same version conflict.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from uuid import UUID

import psycopg
from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy import Engine

from command_api.domain.errors import DomainError
from command_api.use_cases.reminders import FEEDBACK_WINDOW, Due
from projections.reminder_schedule import Candidate, Page, due_feedback, due_reminders

log = logging.getLogger(__name__)

PAGE_ROWS = 2_000  # candidates read per query
BATCH = 250  # registrations decided and saved per commit
# A refused candidate (an opted-out member, a read model behind its aggregate) is not asked
# again for this long: without it every sweep would reload the same aggregates.
RECHECK = timedelta(seconds=60)
LOCK_NAME = "eventconnect.reminder_scheduler"


class Sender(Protocol):
    def send_due(self, work: Sequence[Due]) -> list[int | DomainError]: ...


@dataclass
class SweepCounts:
    reminders: int = 0
    feedback_requests: int = 0
    refused: int = 0
    position: int = 0  # the highest store position reached

    def add(self, outcomes: list[int | DomainError], *, feedback: bool) -> None:
        sent = [o for o in outcomes if not isinstance(o, DomainError)]
        if feedback:
            self.feedback_requests += len(sent)
        else:
            self.reminders += len(sent)
        self.refused += len(outcomes) - len(sent)
        self.position = max([self.position, *sent])


@dataclass
class ReminderScheduler:
    """Sends what is due. `offsets`: seconds before the start (EVENTCONNECT_REMINDER_OFFSETS)."""

    sender: Sender
    read_engine: Engine
    offsets: Sequence[int]
    clock: Callable[[], datetime]
    feedback_window: timedelta = FEEDBACK_WINDOW
    batch: int = BATCH
    # (registration, offset or None for feedback) -> when it was last decided by this process
    _decided: dict[tuple[UUID, int | None], datetime] = field(default_factory=dict)

    def sweep(self, now: datetime | None = None) -> SweepCounts:
        """One pass over everything due at `now` (default: the clock)."""
        now = now or self.clock()
        self._forget_before(now - RECHECK)
        counts = SweepCounts()
        for offset in self.offsets:
            self._walk(counts, now, offset, functools.partial(
                due_reminders, now=now, offset_seconds=offset, limit=PAGE_ROWS))
        self._walk(counts, now, None, functools.partial(
            due_feedback, now=now, window=self.feedback_window, limit=PAGE_ROWS))
        if counts.reminders or counts.feedback_requests or counts.refused:
            log.info("reminder sweep at %s: %s", now.isoformat(), counts)
        return counts

    def _walk(self, counts: SweepCounts, now: datetime, offset: int | None,
              query: Callable[..., list[Candidate]]) -> None:
        after: Page = None
        while True:
            with self.read_engine.connect() as conn:
                page = query(conn, after=after)
            fresh = [c for c in page if (c.registration_id, offset) not in self._decided]
            for start in range(0, len(fresh), self.batch):
                part = fresh[start:start + self.batch]
                outcomes = self.sender.send_due([Due(c.registration_id, offset) for c in part])
                counts.add(outcomes, feedback=offset is None)
                for candidate, outcome in zip(part, outcomes, strict=True):
                    if isinstance(outcome, DomainError):
                        log.debug("not sent to %s: %s", candidate.registration_id, outcome.detail)
                    self._decided[(candidate.registration_id, offset)] = now
            if len(page) < PAGE_ROWS:
                return
            after = page[-1].after

    def _forget_before(self, cutoff: datetime) -> None:
        self._decided = {k: at for k, at in self._decided.items() if at > cutoff}


# --- leadership and the timer ---------------------------------------------------------------------


def lock_key(name: str = LOCK_NAME) -> int:
    digest = hashlib.sha256(name.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class Leadership:
    """On PostgreSQL: leads while it holds the advisory lock on its own session (the lock goes
    with the session, so a crashed leader frees it). Elsewhere (embedded SQLite, one process):
    always leads."""

    def __init__(self, engine: Engine) -> None:
        self.postgres = engine.dialect.name == "postgresql"
        self.conninfo = engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False)
        self._conn: psycopg.Connection[Any] | None = None
        self._leading = False

    def held(self) -> bool:
        if not self.postgres:
            return True
        try:
            if self._conn is None or self._conn.closed:
                self._conn = psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5)
                self._leading = False
            if not self._leading:
                row = self._conn.execute("SELECT pg_try_advisory_lock(%s)", (lock_key(),)).fetchone()
                self._leading = bool(row and row[0])
                if self._leading:
                    log.info("this process now leads the reminder scheduler")
            else:
                self._conn.execute("SELECT 1")  # still our session (the lock lives with it)
            return self._leading
        except psycopg.Error:
            log.exception("reminder scheduler lost its database session")
            self.release()
            return False

    def release(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn, self._leading = None, False


class ScheduledReminders:
    """The scheduler on a timer: APScheduler's BackgroundScheduler runs `tick` every
    `interval` seconds in its thread; only the leader sweeps."""

    def __init__(self, scheduler: ReminderScheduler, *, interval: float,
                 before_sweep: Callable[[], None] | None = None) -> None:
        self.scheduler = scheduler
        self.interval = interval
        self.leadership = Leadership(scheduler.read_engine)
        self.before_sweep = before_sweep
        self._timer: BackgroundScheduler | None = None
        self._lock = threading.Lock()

    def tick(self) -> SweepCounts | None:
        """One turn: the counts of a sweep if this process leads, None otherwise."""
        with self._lock:
            if not self.leadership.held():
                return None
            try:
                if self.before_sweep is not None:
                    self.before_sweep()
                return self.scheduler.sweep()
            except Exception:
                # The next turn tries again; the timer must outlive a database outage.
                log.exception("reminder sweep failed")
                return None

    def start(self) -> None:
        timer = BackgroundScheduler(timezone="UTC")
        timer.add_job(self.tick, "interval", seconds=self.interval, id="reminders",
                      max_instances=1, coalesce=True, misfire_grace_time=None)
        timer.start()
        self._timer = timer

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.shutdown(wait=True)
            self._timer = None
        with self._lock:
            self.leadership.release()
