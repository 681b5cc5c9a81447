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
from collections.abc import Iterable, Sequence
from typing import Any

from eventsourcing.utils import resolve_topic
from sqlalchemy import Connection, Engine, bindparam, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from projections.base import Item, Projection
from projections.tables import tracking

log = logging.getLogger(__name__)

POLL_SECONDS = 0.01  # wait_for re-reads the tracking table this often (another process may project)
IDLE_SECONDS = 1.0  # the background thread catches up at least this often
MAX_BACKOFF_SECONDS = 30.0
# A catch-up that applied at least this many events was a bulk load (start-up on a backlog, a new
# projector): statistics taken on the tables before it mislead the planner (PostgreSQL scanned
# every listed event instead of the text index), so it ends with ANALYZE. Live catch-ups are far
# smaller and never pay for it.
ANALYZE_AFTER_EVENTS = 20_000


# Built once: the claim runs in every live catch-up (see projections.base on statement reuse).
CLAIM = (update(tracking)
         .where(tracking.c.name == bindparam("projection"),
                tracking.c.position == bindparam("expected"))
         .values(position=bindparam("to")))
CLAIM_ANY = (update(tracking).where(tracking.c.name == bindparam("projection"))
             .values(position=tracking.c.position))


class StaleTracking(Exception):
    """Another runner moved this projection's tracking position since we read it."""


class ProjectionRunner:
    """Keeps every read model up to date with the write model's notification log."""

    def __init__(self, write_model: Any, engine: Engine, projections: Sequence[Projection],
                 batch_size: int = 500, rebuild_batch_size: int = 5000) -> None:
        self.write_model = write_model
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
        self._reads = tuple({cls for p in projections for cls in p.reads})
        self._wakeup = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    # --- catching up ----------------------------------------------------------------------

    def catch_up(self, only: Iterable[str] | None = None) -> int:
        """Applies every pending notification (to `only` these projections, if given); returns
        the lowest position reached. A failing projection is logged and retried next time."""
        with self._lock:
            names = list(self.projections) if only is None else list(only)
            positions, self._positions = self._positions or self._read_positions(), None
            started = min(positions[n] for n in names) if names else 0
            failed: set[str] = set()
            while active := [n for n in names if n not in failed]:
                items = self._read(min(positions[n] for n in active), self.batch_size)
                if not items:
                    break
                batch = {name: pending for name in active
                         if (pending := [item for item in items if item[0] > positions[name]])}
                if self._commit_together(positions, batch):
                    for name, pending in batch.items():
                        positions[name] = pending[-1][0]
                        self.errors.pop(name, None)
                    batch = {}
                # Else one projection failed or another runner moved: isolate them one by one.
                for name, pending in batch.items():
                    try:
                        self._commit(name, positions[name], pending)
                    except StaleTracking:
                        # Another runner applied this batch first; nothing was written here.
                        log.info("projection %s advanced elsewhere; skipping", name)
                        positions[name] = self._read_positions()[name]
                        failed.add(name)
                        continue
                    except Exception as error:
                        log.exception("projection %s failed after position %s; will retry",
                                      name, positions[name])
                        self.errors[name] = f"{type(error).__name__}: {error}"
                        failed.add(name)
                        continue
                    positions[name] = pending[-1][0]
                    self.errors.pop(name, None)
                self._advanced(min(positions.values()))
            self._positions = positions
            reached = min(positions[n] for n in names) if names else self.position()
            if reached - started >= ANALYZE_AFTER_EVENTS:
                self._analyze()
            return reached

    def _read(self, after: int, limit: int) -> list[Item]:
        """The next notifications after `after`, decoded if some read model reads them."""
        notifications = self.write_model.recorder.select_notifications(after + 1, limit)
        to_domain_event = self.write_model.mapper.to_domain_event
        wanted = self._wanted
        items: list[Item] = []
        for n in notifications:
            read = wanted.get(n.topic)
            if read is None:
                read = wanted[n.topic] = issubclass(resolve_topic(n.topic), self._reads)
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

    def _commit(self, name: str, expected: int, items: Sequence[Item]) -> None:
        with self.engine.begin() as conn:
            self._claim(conn, name, expected, to=items[-1][0])
            self.projections[name].apply(conn, items)

    @staticmethod
    def _claim(conn: Connection, name: str, expected: int | None, to: int | None = None) -> None:
        """Locks this projection's tracking row for the transaction (creating it at 0) and moves
        it `to` the batch's last position (committed with the batch's rows, or not at all);
        raises StaleTracking if it is no longer at `expected` (None: any position, for
        rebuilds)."""
        if expected is None:
            claim, params = CLAIM_ANY, {"projection": name}
        else:
            claim, params = CLAIM, {"projection": name, "expected": expected,
                                    "to": expected if to is None else to}
        if conn.execute(claim, params).rowcount == 1:
            return  # the usual case: one statement
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        conn.execute(dialect.insert(tracking).values(name=name, position=0)
                     .on_conflict_do_nothing(index_elements=["name"]))
        if conn.execute(claim, params).rowcount != 1:
            raise StaleTracking(f"{name} is no longer at {expected}")

    @staticmethod
    def _set(conn: Connection, name: str, position: int) -> None:
        conn.execute(update(tracking).where(tracking.c.name == name).values(position=position))

    # --- positions and waiting ------------------------------------------------------------

    def _read_positions(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            stored = dict(conn.execute(select(tracking.c.name, tracking.c.position)).all())
        return {name: stored.get(name, 0) for name in self.projections}

    def position(self) -> int:
        """The lowest position every projection has committed, read from the database."""
        return min(self._read_positions().values(), default=0)

    def _advanced(self, position: int) -> None:
        with self._reached:
            if position > self._position:
                self._position = position
                self._reached.notify_all()

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

    def _loop(self) -> None:
        # A projection that keeps failing is retried with back-off, so a bug does not turn every
        # commit into a logged traceback; the healthy ones keep up meanwhile.
        failures: dict[str, int] = {}
        retry_at: dict[str, float] = {}
        while not self._stopping.is_set():
            self._wakeup.clear()
            now = time.monotonic()
            due = [n for n in self.projections if retry_at.get(n, 0.0) <= now]
            try:
                self.catch_up(only=due)
            except Exception:
                log.exception("projection catch-up failed; retrying")
            for name in due:
                if name in self.errors:
                    failures[name] = failures.get(name, 0) + 1
                    retry_at[name] = now + min(MAX_BACKOFF_SECONDS, 0.5 * 2 ** failures[name])
                else:
                    failures.pop(name, None)
                    retry_at.pop(name, None)
            self._wakeup.wait(IDLE_SECONDS)

    # --- rebuild and the separate projector process ----------------------------------------

    def rebuild(self, *names: str) -> int:
        """Rebuilds these read models (all of them if none is named) from the whole log in one
        transaction, reading and decoding the log once for all of them; readers see the old rows
        until it commits. Returns the position reached."""
        names = names or tuple(self.projections)
        for name in names:
            if name not in self.projections:
                raise KeyError(f"no read model {name!r}; known: {', '.join(self.projections)}")
        with self._lock, self.engine.begin() as conn:
            rebuilds = []
            for name in names:
                self._claim(conn, name, None)
                self.projections[name].clear(conn)
                rebuilds.append(self.projections[name].rebuild(conn))
            position = 0
            while items := self._read(position, self.rebuild_batch_size):
                for rebuild in rebuilds:
                    rebuild.apply(items)
                position = items[-1][0]
            for rebuild in rebuilds:
                rebuild.finish()
            for name in names:
                self._set(conn, name, position)
            self._positions = None
        self._analyze()
        for name in names:
            self.errors.pop(name, None)
        self._advanced(self.position())
        log.info("rebuilt %s up to position %s", ", ".join(names), position)
        return position

    def _analyze(self) -> None:
        """Refreshes the planner's statistics after a bulk load: without them SQLite picks the
        wrong index for searches (PostgreSQL's autovacuum would catch up, later)."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                for table in sorted({t.name for p in self.projections.values() for t in p.tables}):
                    conn.execute(text(f'ANALYZE "{table}"'))
            else:
                # Sampled (SQLite reads every index in full otherwise: seconds on a big file).
                conn.execute(text("PRAGMA analysis_limit=1000"))
                conn.execute(text("ANALYZE"))

    def run_forever_postgres(self, stop_event: threading.Event) -> None:
        """`eventconnect project`: LISTEN for new events, one live runner per projection."""
        from projections.listen import listen_and_project

        listen_and_project(self, stop_event)
