"""A process that follows the write model's OWN log and appends new domain events, exactly once.

Each batch it reads from its tracking position is decided (`decide`) and saved (`save`) with the
position of the batch's last item in ONE event-store transaction (docs/decisions/0005). A crash
before that commit loses nothing: the batch is read and decided again. Two processes cannot both
commit: the store only moves a tracking position forward, and what they append has deterministic
ids (the second creation of the same stream is refused).

A batch that decides nothing moves the position in memory only, written out now and then
(`PERSIST_IDLE_SECONDS`): otherwise every command would cost a second write transaction. After a
restart those events are read again and decide nothing again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from eventsourcing.persistence import IntegrityError
from eventsourcing.utils import resolve_topic

from command_api.application import EventConnect

log = logging.getLogger(__name__)

Item = tuple[int, Any]  # (position, decoded domain event)
IDLE_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
PERSIST_IDLE_SECONDS = 10.0


class Reactor:
    """Subclasses set `name` and `reads` and implement `decide` and `save`."""

    name: ClassVar[str]
    reads: ClassVar[tuple[type, ...]]

    def __init__(self, write_model: EventConnect, *, batch_size: int = 500,
                 transient: Callable[[BaseException], bool] = lambda _: False) -> None:
        self.write_model = write_model
        self.batch_size = batch_size
        self.transient = transient
        self._position: int | None = None  # in memory; may be ahead of the stored position
        self._stored = 0
        self._stored_at = time.monotonic()
        self._wanted: dict[str, bool] = {}
        self._lock = threading.Lock()
        self._wakeup = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.last_error: str | None = None

    # --- what a subclass decides --------------------------------------------------------------

    def decide(self, items: Sequence[Item]) -> list[Any]:
        """What to append for these events (those of `reads`, in log order)."""
        raise NotImplementedError

    def save(self, position: int, decided: list[Any]) -> int:
        """Appends `decided` with tracking `position` in one transaction; returns the highest
        new position."""
        raise NotImplementedError

    # --- reading and committing ---------------------------------------------------------------

    def position(self) -> int:
        if self._position is None:
            self._stored = self._position = self.write_model.tracking_position(self.name)
        return self._position

    def _read(self, after: int) -> tuple[int, list[Item]]:
        """(the last position read, the items of classes we read, decoded)."""
        notifications = self.write_model.recorder.select_notifications(after + 1, self.batch_size)
        to_domain_event = self.write_model.mapper.to_domain_event
        items: list[Item] = []
        for n in notifications:
            wanted = self._wanted.get(n.topic)
            if wanted is None:
                wanted = self._wanted[n.topic] = issubclass(resolve_topic(n.topic), self.reads)
            if wanted:
                items.append((n.id, to_domain_event(n)))
        return (notifications[-1].id if notifications else after), items

    def run_once(self) -> bool:
        """Decides and saves the next batch; False when there was nothing to read."""
        with self._lock:
            start = self.position()
            last, items = self._read(start)
            if last == start:
                self._persist_idle(force=False)
                return False
            decided = self.decide(items) if items else []
            if not decided:
                self._position = last
                return True
            try:
                self.save(last, decided)
            except IntegrityError:
                # Another process issued some of these or moved past `last` first: nothing of
                # this batch was saved. Resume from where the store says we (all) are.
                stored = self.write_model.tracking_position(self.name)
                log.info("%s: batch up to %d already taken (stored %d)", self.name, last, stored)
                self._stored = stored
                self._position = max(stored, start)
                return True
            self._stored = self._position = last
            self._stored_at = time.monotonic()
            return True

    def _persist_idle(self, *, force: bool) -> None:
        """Writes out a position moved in memory only (a tracking-only commit)."""
        position = self._position or 0
        due = force or time.monotonic() - self._stored_at >= PERSIST_IDLE_SECONDS
        if position <= self._stored or not due:
            return
        try:
            self.write_model.commit_tracked(self.name, position)
            self._stored = position
        except IntegrityError:
            self._stored = self.write_model.tracking_position(self.name)
        self._stored_at = time.monotonic()

    def catch_up(self) -> int:
        """Runs batches until the log is read to its end; returns the position reached."""
        while self.run_once():
            pass
        return self.position()

    def flush(self) -> None:
        """Stores the in-memory position now (before a shutdown)."""
        with self._lock:
            self._persist_idle(force=True)

    # --- background thread ---------------------------------------------------------------------

    def wake(self, position: int = 0) -> None:
        self._wakeup.set()

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        self._wakeup.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        try:
            self.flush()
        except Exception:
            log.exception("%s: could not store its position at shutdown", self.name)

    def run_forever(self, stop: threading.Event) -> None:
        """`eventconnect notify`: the loop on the calling thread until `stop` is set."""
        self._stopping = stop
        self._loop()
        self.flush()

    def _loop(self) -> None:
        backoff = 0.0
        while not self._stopping.is_set():
            self._wakeup.clear()
            try:
                self.catch_up()
                backoff, self.last_error = 0.0, None
            except Exception as error:
                # The batch is decided again next time; back off so a failing one (the
                # database away, a read model behind) does not spin.
                self.last_error = f"{type(error).__name__}: {error}"
                backoff = min(MAX_BACKOFF_SECONDS, max(0.5, backoff * 2))
                if self.transient(error):
                    log.warning("%s waits for the database: %s", self.name, error)
                else:
                    log.exception("%s failed; retrying in %.1f s", self.name, backoff)
                self._stopping.wait(backoff)
                continue
            self._wakeup.wait(IDLE_SECONDS)
