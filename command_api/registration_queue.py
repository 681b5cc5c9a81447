"""Group commit for registrations: requests queue up while a batch is being written, and the
next batch decides all of them on one load of each event and saves them in one transaction.

This is a commit pipeline, not a lock: no request waits for another request's decision to
finish before queueing, nothing is held in the database between batches, and several processes
may each run their own queue against one store — their batches meet at the store's optimistic
version check, and a batch that loses reruns on fresh state (`EventConnect.register_many`).
Why and what it buys: docs/decisions/0003-group-commit.md.

Nothing waits in the queue past its budget: while a batch is stuck on a database that went away,
those queued behind it fail with `unavailable` instead of being written long after their
clients gave up.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from anyio import to_thread

from command_api.application import Admission, Applicant, EventConnect
from kernel.unavailable import DatabaseUnavailable

# Bounds one transaction (and so one batch's latency); a rush of 64 clients never reaches it.
MAX_BATCH = 256


@dataclass
class _Line:
    """The applicants of one event loop (each loop gets its own, e.g. one per test client)."""

    # (applicant, its answer, the monotonic time past which it must not be written)
    waiting: list[tuple[Applicant, asyncio.Future[Admission], float]] = field(default_factory=list)
    writer: asyncio.Task[None] | None = None


class RegistrationQueue:
    def __init__(self, write_model: EventConnect, *, budget: float = 3.0) -> None:
        self.write_model = write_model
        self.budget = budget  # longest wait in the queue before the batch is written
        self._lines: dict[asyncio.AbstractEventLoop, _Line] = {}

    async def register(self, applicant: Applicant) -> Admission:
        """Joins the queue and returns this applicant's admission, or raises its refusal."""
        loop = asyncio.get_running_loop()
        line = self._lines.get(loop)
        if line is None:
            self._forget_closed_loops()
            line = self._lines[loop] = _Line()
        answer: asyncio.Future[Admission] = loop.create_future()
        entry = (applicant, answer, time.monotonic() + self.budget)
        line.waiting.append(entry)
        # Fails it at its deadline if it is still queued (a batch stuck on the database ahead
        # of it); once in a batch, it waits for that batch, whose every step is bounded.
        expiry = loop.call_later(self.budget, _expire, line, entry)
        if line.writer is None or line.writer.done():
            line.writer = loop.create_task(self._write(line))
        try:
            return await answer
        finally:
            expiry.cancel()

    async def _write(self, line: _Line) -> None:
        """Writes batch after batch until nobody is waiting; one batch is in flight at a time,
        and whoever arrives meanwhile goes into the next one."""
        while line.waiting:
            await _let_arrivals_queue(line)
            batch, line.waiting = _due(line.waiting[:MAX_BATCH]), line.waiting[MAX_BATCH:]
            if not batch:
                continue
            applicants = [applicant for applicant, _, _ in batch]
            try:
                outcomes = await to_thread.run_sync(self.write_model.register_many, applicants)
            except Exception as failure:
                outcomes = [failure] * len(batch)
            for (_, answer, _), outcome in zip(batch, outcomes, strict=True):
                if answer.done():  # the client went away; its registration stands regardless
                    continue
                if isinstance(outcome, Exception):
                    answer.set_exception(outcome)
                else:
                    answer.set_result(outcome)

    def _forget_closed_loops(self) -> None:
        for loop in [loop for loop in self._lines if loop.is_closed()]:
            del self._lines[loop]


def _expire(line: _Line, entry: tuple[Applicant, asyncio.Future[Admission], float]) -> None:
    if any(queued is entry for queued in line.waiting):
        line.waiting = [queued for queued in line.waiting if queued is not entry]
        if not entry[1].done():
            entry[1].set_exception(DatabaseUnavailable("queued past its budget"))


def _due(batch: list[tuple[Applicant, asyncio.Future[Admission], float]]
         ) -> list[tuple[Applicant, asyncio.Future[Admission], float]]:
    """The batch without those whose client is gone (cancelled) or whose budget ran out while
    they queued; the latter are told so now and are never written."""
    now = time.monotonic()
    kept = []
    for entry in batch:
        _, answer, deadline = entry
        if answer.done():
            continue
        if now > deadline:
            answer.set_exception(DatabaseUnavailable("queued past its budget"))
            continue
        kept.append(entry)
    return kept


async def _let_arrivals_queue(line: _Line) -> None:
    """Yields to the event loop until no more requests join, so the batch takes everyone whose
    request has already arrived instead of starting with the first one alone."""
    while True:
        waiting = len(line.waiting)
        await asyncio.sleep(0)
        if len(line.waiting) == waiting:
            return
