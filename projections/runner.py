"""Runs projections over the event store's notification log, exactly once, resumably.

Each batch of a projection is one read-model transaction holding its rows *and* its tracking
row, so a crash or an exception leaves both as they were before the batch. The transaction starts
by claiming the tracking row (an UPDATE guarded by the expected position): that takes the write
lock on SQLite and the row lock on PostgreSQL, so two runners can never apply the same batch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from eventsourcing.utils import resolve_topic
from sqlalchemy import Engine, select

from projections import blue_green, rebuilding
from projections.base import Item, Projection
from projections.claims import StaleTracking, claim, set_position
from projections.failures import FailureLog
from projections.tables import tracking

__all__ = ["ProjectionRunner", "StaleTracking"]  # StaleTracking: its former home

log = logging.getLogger(__name__)

POLL_SECONDS = 0.01  # wait_for re-reads the tracking table this often (another process may project)
IDLE_SECONDS = 1.0  # the background thread catches up at least this often
MAX_BACKOFF_SECONDS = 30.0
# A catch-up that applied at least this many events was a bulk load (start-up on a backlog, a new
# projector): statistics taken on the tables before it mislead the planner (PostgreSQL scanned
# every listed event instead of the text index), so it ends with ANALYZE. Live catch-ups are far
# smaller and never pay for it.
ANALYZE_AFTER_EVENTS = 20_000


class ProjectionRunner:
    """Keeps every read model up to date with the write model's notification log."""

    def __init__(self, write_model: Any, engine: Engine, projections: Sequence[Projection],
                 batch_size: int = 500, rebuild_batch_size: int = 5000,
                 transient: Callable[[BaseException], bool] = lambda _: False) -> None:
        self.write_model = write_model
        # Tells an outage (the database is away: retry the batch later, as it is) from an event
        # the read model cannot apply (pin it down and record it). Injected by the composition
        # root, which knows the drivers' errors; without it every error counts as the event's.
        self.transient = transient
        self._outage = False  # logged once per outage by the background loop
        self.engine = engine
        self.projections = {p.name: p for p in projections}
        self.batch_size = batch_size
        self.rebuild_batch_size = rebuild_batch_size
        self.errors: dict[str, str] = {}  # last failure per projection, cleared on success
        self._lock = threading.Lock()  # one catch-up or rebuild at a time in this process
        self._reached = threading.Condition()
        self._position = 0  # lowest committed position known in this process
        # Tracking positions as this runner last committed them, so a live catch-up need not
        # read them first; a claim that finds them moved (another runner) re-reads them.
        self._positions: dict[str, int] | None = None
        # Topic -> whether any read model reads events of that class (decoding is most of the cost
        # of reading the log; the others only move the tracking positions).
        self._wanted: dict[str, bool] = {}
        self._wanted_by: dict[tuple[str, ...], dict[str, bool]] = {}  # the same, per rebuild set
        self._reads = tuple({cls for p in projections for cls in p.reads})
        self._wakeup = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.failures = FailureLog(engine, log, MAX_BACKOFF_SECONDS)

    # --- catching up ----------------------------------------------------------------------

    def catch_up(self, only: Iterable[str] | None = None) -> int:
        """Applies every pending notification (to `only` these projections, if given); returns
        the lowest position reached. A projection that cannot apply an event stops right before
        it (the events before it are committed), records the failure (projections.failures) and
        is retried next time, unless an operator skipped that event."""
        with self._lock:
            names = list(self.projections) if only is None else list(only)
            self.failures.refresh(names)
            positions, self._positions = self._positions or self._read_positions(), None
            started = min(positions[n] for n in names) if names else 0
            failed: set[str] = set()
            while active := [n for n in names if n not in failed]:
                items = self._read(min(positions[n] for n in active), self.batch_size)
                if not items:
                    break
                batch = {name: self.failures.mask(name, pending) for name in active
                         if (pending := [item for item in items if item[0] > positions[name]])}
                if self._commit_together(positions, batch):
                    for name, pending in batch.items():
                        positions[name] = pending[-1][0]
                        self._succeeded(name, positions[name])
                    batch = {}
                # Else one projection failed or another runner moved: isolate them one by one.
                for name, pending in batch.items():
                    try:
                        positions[name], error = self._commit_up_to_failure(
                            name, positions[name], pending)
                    except StaleTracking:
                        # Another runner applied this batch first; nothing was written here.
                        log.info("projection %s advanced elsewhere; skipping", name)
                        positions[name] = self._read_positions()[name]
                        failed.add(name)
                        continue
                    if error is not None:
                        self.errors[name] = self.failures.failed(name, *error)
                        failed.add(name)
                        continue
                    self._succeeded(name, positions[name])
                self._advanced(min(positions.values()))
            self._positions = positions
            reached = min(positions[n] for n in names) if names else self.position()
            if reached - started >= ANALYZE_AFTER_EVENTS:
                self._analyze()
            return reached

    def head(self) -> int:
        """The store's last position."""
        return int(self.write_model.recorder.max_notification_id() or 0)

    def _read(self, after: int, limit: int, only: Sequence[str] | None = None) -> list[Item]:
        """The next notifications after `after`, decoded if some read model reads them (of
        `only` these: a rebuild of one read model decodes only what that one reads — decoding
        is most of a rebuild's cost)."""
        notifications = self.write_model.recorder.select_notifications(after + 1, limit)
        to_domain_event = self.write_model.mapper.to_domain_event
        if only is None:
            wanted, reads = self._wanted, self._reads
        else:
            key = tuple(sorted(only))
            wanted = self._wanted_by.setdefault(key, {})
            reads = tuple({cls for name in key for cls in self.projections[name].reads})
        items: list[Item] = []
        for n in notifications:
            read = wanted.get(n.topic)
            if read is None:
                read = wanted[n.topic] = issubclass(resolve_topic(n.topic), reads)
            items.append((n.id, to_domain_event(n) if read else None))
        return items

    def _commit_together(self, positions: dict[str, int],
                         batch: dict[str, list[Item]]) -> bool:
        """Applies a batch to every projection in ONE transaction (one commit instead of one per
        read model: the per-commit cost dominates live catch-up). False, with nothing written,
        if any of them fails or was moved by another runner; the caller then retries them one
        by one so a failing projection cannot hold the healthy ones back."""
        if len(batch) < 2:
            return False
        try:
            with self.engine.begin() as conn:
                for name in sorted(batch):  # one lock order for every runner (PostgreSQL)
                    self._claim(conn, name, positions[name], to=batch[name][-1][0])
                    self.projections[name].apply(conn, batch[name])
        except Exception:  # the one-by-one path below logs and records the error
            return False
        return True

    def _commit_up_to_failure(self, name: str, expected: int, items: Sequence[Item]
                              ) -> tuple[int, tuple[Item, Exception] | None]:
        """Commits as much of the batch as applies: all of it, or every event before the first
        one that fails (found by halving, so a poison event costs a few transactions, not one
        per event). Returns the position reached and (the failing item, its error) or None."""
        if len(items) > 1 and (self.failures.failing or {}).get(name) == items[0][0]:
            # A retry of the event that failed last time: alone first, one transaction.
            reached, failure = self._commit_up_to_failure(name, expected, items[:1])
            if failure is not None:
                return reached, failure
            return self._commit_up_to_failure(name, reached, items[1:])
        try:
            self._commit(name, expected, items)
            return items[-1][0], None
        except StaleTracking:
            raise
        except Exception as error:
            if self.transient(error):
                raise  # no event is to blame: the whole catch-up waits for the database
            if len(items) == 1:
                return expected, (items[0], error)
        middle = len(items) // 2
        reached, failure = self._commit_up_to_failure(name, expected, items[:middle])
        if failure is not None:
            return reached, failure
        return self._commit_up_to_failure(name, reached, items[middle:])

    def _succeeded(self, name: str, position: int) -> None:
        self.errors.pop(name, None)
        self.failures.succeeded(name, position)

    def _commit(self, name: str, expected: int, items: Sequence[Item]) -> None:
        with self.engine.begin() as conn:
            self._claim(conn, name, expected, to=items[-1][0])
            self.projections[name].apply(conn, items)

    # The tracking row's claim and move (projections.claims), kept as methods for callers.
    _claim = staticmethod(claim)
    _set = staticmethod(set_position)

    # --- positions and waiting ------------------------------------------------------------

    def _read_positions(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            stored = dict(conn.execute(select(tracking.c.name, tracking.c.position)).all())
        return {name: stored.get(name, 0) for name in self.projections}

    def position(self) -> int:
        """The lowest position every projection has committed, read from the database."""
        return min(self._read_positions().values(), default=0)

    # Told (on the runner's thread) each time this process's runner commits further: the API's
    # async waiters (query_api/consistency.py) wake at once instead of at their next poll. A tuple
    # on the class so adding one never shares a mutable default between runners.
    _advance_listeners: tuple[Callable[[int], None], ...] = ()

    def on_advance(self, listener: Callable[[int], None]) -> None:
        self._advance_listeners = (*self._advance_listeners, listener)

    def _advanced(self, position: int) -> None:
        with self._reached:
            if position <= self._position:
                return
            self._position = position
            self._reached.notify_all()
        for listener in self._advance_listeners:
            listener(position)

    def wait_for(self, position: int, timeout: float) -> bool:
        """True once every read model has processed `position`; False after `timeout` seconds.

        Woken at once by this process's commits, and re-reads the tracking table every ~10 ms
        for runners in other processes."""
        deadline = time.monotonic() + timeout
        while True:
            with self._reached:
                if self._position >= position:
                    return True
            reached = self.position()
            if reached >= position:
                self._advanced(reached)
                return True
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            with self._reached:
                if self._position < position:
                    self._reached.wait(min(POLL_SECONDS, remaining))

    # --- background thread ------------------------------------------------------------------

    def wake(self, position: int) -> None:
        """Called after each commit of the write model: nudges the background thread."""
        self._wakeup.set()

    def start(self) -> None:
        """Starts the daemon thread that catches up when woken (or every second)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="projection-runner", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def catch_up_due(self, only: Iterable[str] | None = None) -> int:
        """`catch_up` for background loops: a projection that keeps failing is retried with
        back-off (0.5 s doubling to MAX_BACKOFF_SECONDS), so a poison event does not cost a
        failed transaction per commit; the healthy ones keep up meanwhile."""
        now = time.monotonic()
        due = self.failures.due(list(self.projections) if only is None else list(only), now)
        reached = self.catch_up(only=due)
        self.failures.schedule(due, self.errors, now)
        return reached

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wakeup.clear()
            try:
                self.catch_up_due()
                if self._outage:
                    log.warning("the database answers again; projections resume")
                self._outage = False
            except Exception as error:
                if not self.transient(error):
                    log.exception("projection catch-up failed; retrying")
                elif not self._outage:  # once per outage, not once a second
                    log.warning("projections wait for the database: %s", error)
                self._outage = self.transient(error)
            self._wakeup.wait(IDLE_SECONDS)

    # --- rebuild and the separate projector process ----------------------------------------

    def rebuild(self, *names: str) -> int:
        """Rebuilds these read models (all of them if none is named), reading and decoding the
        log once for all of them: beside the live tables and switched in (projections/
        blue_green.py), or in place in one transaction for those that cannot be (readers see
        their old rows until it commits). Returns the position reached."""
        names = names or tuple(self.projections)
        for name in names:
            if name not in self.projections:
                raise KeyError(f"no read model {name!r}; known: {', '.join(self.projections)}")
        beside = tuple(n for n in names if self.projections[n].blue_green)
        in_place = tuple(n for n in names if n not in beside)
        position = blue_green.rebuild_beside(self, beside) if beside else 0
        if in_place:
            with self._lock:
                position = max(position, rebuilding.rebuild(self, in_place))
                self._positions = None
        self._analyze()
        for name in names:
            self._succeeded(name, position)
        self._advanced(self.position())
        log.info("rebuilt %s up to position %s", ", ".join(names), position)
        return position

    def _analyze(self) -> None:
        rebuilding.analyze(self.engine, list(self.projections.values()))

    def run_forever_postgres(self, stop_event: threading.Event) -> None:
        """`eventconnect project`: LISTEN for new events, one live runner per projection."""
        from projections.listen import listen_and_project

        listen_and_project(self, stop_event)
