"""Read-your-writes without a thread per waiting request.

A GET with `X-Consistent-With` waits on an asyncio future. ONE poller task per process (started
when the first request waits, gone when the last one is answered) reads the read models' lowest
tracking position every ~10 ms, in a worker thread for the length of one query, and wakes every
waiter whose position is reached. This process's own runner wakes them at once when it commits
(`ProjectionRunner.on_advance`); the poll finds the work of runners in other processes.

Before, each waiter held a thread-pool thread for the whole wait: ~40 clients waiting for a
position that never came took every thread, and commands queued behind them for seconds.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from anyio import to_thread

log = logging.getLogger(__name__)

POLL_SECONDS = 0.01


class ConsistencyWaiter:
    """Waits, on the event loop, until the read models have processed a store position."""

    def __init__(self, runner: Any, write_model: Any, *, poll_seconds: float = POLL_SECONDS) -> None:
        self.runner = runner
        self.write_model = write_model
        self.poll_seconds = poll_seconds
        self._reached = 0  # highest position the read models are known to have processed
        self._head = 0  # highest position the store is known to hold
        self._loop: asyncio.AbstractEventLoop | None = None
        self._waiters: dict[asyncio.Future[None], int] = {}
        self._poller: asyncio.Task[None] | None = None
        self._head_read: asyncio.Future[int | None] | None = None
        self._nudge = asyncio.Event()
        runner.on_advance(self._advanced_elsewhere)
        write_model.after_commit.append(self._committed)

    # --- called from other threads ---------------------------------------------------------------

    def _committed(self, position: int) -> None:
        # A racing smaller value may win; the only cost is one more read of the store's head.
        self._head = max(self._head, position)

    def _advanced_elsewhere(self, position: int) -> None:
        loop = self._loop
        if loop is None:
            return
        try:
            loop.call_soon_threadsafe(self._resolve, position)
        except RuntimeError:  # the loop closed (the server stopped): nobody waits any more
            pass

    # --- on the event loop -----------------------------------------------------------------------

    async def exists(self, position: int) -> bool:
        """Whether the store has produced `position` (a larger one was never a command's)."""
        if position <= max(self._head, self._reached):
            return True
        self._bind()
        # One read of the head at a time, shared by every request that needs it: a hundred
        # waiters arriving together must not each take a thread for the same question.
        if self._head_read is None or self._head_read.done():
            self._head_read = asyncio.ensure_future(
                to_thread.run_sync(self.write_model.recorder.max_notification_id))
        head = await asyncio.shield(self._head_read) or 0
        self._head = max(self._head, head)
        return position <= head

    async def wait_for(self, position: int, timeout: float) -> bool:
        """True once every read model has processed `position`; False after `timeout` seconds."""
        if position <= self._reached:
            return True
        self._bind()
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters[future] = position
        if self._poller is None:
            self._poller = asyncio.create_task(self._poll())
        else:
            self._nudge.set()  # a new waiter may already be satisfied by the tracking table
        try:
            await asyncio.wait_for(future, timeout)
            return True
        except TimeoutError:
            return False
        finally:
            self._waiters.pop(future, None)

    def _bind(self) -> None:
        """Waiters belong to the running loop; a new loop (a new test client) starts afresh."""
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            self._loop, self._waiters, self._poller = loop, {}, None
            self._head_read = None
            self._nudge = asyncio.Event()

    def _resolve(self, reached: int) -> None:
        self._reached = max(self._reached, reached)
        for future, position in list(self._waiters.items()):
            if position <= self._reached and not future.done():
                future.set_result(None)

    def _pending(self) -> bool:
        return any(not future.done() for future in self._waiters)

    async def _poll(self) -> None:
        failing = False
        try:
            while self._pending():
                try:
                    self._resolve(await to_thread.run_sync(self.runner.position))
                    failing = False
                except Exception:  # the database is away: the waiters time out with a 503
                    if not failing:  # once per outage, not 100 times a second
                        log.warning("reading the read models' position failed", exc_info=True)
                    failing = True
                if not self._pending():
                    break
                self._nudge.clear()
                try:
                    await asyncio.wait_for(self._nudge.wait(), self.poll_seconds)
                except TimeoutError:
                    pass
        finally:
            if self._poller is asyncio.current_task():
                self._poller = None


def consistency_waiter(state: Any, container: Any) -> ConsistencyWaiter:
    """The app's one waiter (in `app.state`), made on first use: any app serving the query
    routes gets one, however it was assembled."""
    waiter: ConsistencyWaiter | None = getattr(state, "consistency", None)
    if waiter is None:  # no await since the look-up: no other request can make a second one
        waiter = state.consistency = ConsistencyWaiter(container.runner, container.write_model)
    return waiter
