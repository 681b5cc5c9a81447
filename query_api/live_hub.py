"""The live hub: ONE task per API process follows the store's positions and pushes seat counts
and inbox items to the WebSocket connections of `query_api/live.py`.

How it learns of new positions: this process's commits (the write model's `after_commit`); on
PostgreSQL every other process's too, by LISTEN on the store's channel (the library NOTIFYs in
each insert transaction); and a slow poll of the store's head as a safety net (a lost NOTIFY, a
policy that saves without telling the listeners). For each batch of new positions it reads the
log's originator ids and topics once (no decoding), waits until the read models reached the
batch's head (the consistency waiter: woken by this process's runner, or polling the tracking
table when projections run in another process), reads the `events` rows of the subscribed events
that changed and the `inbox` rows of connected members, and serialises one message per event per
batch: a burst coalesces into its latest state. Cycles start at least `coalesce_seconds` apart,
and further apart the more messages the last one sent (SENDS_PER_SECOND):
fan-out shares the API process's core with the commands, so a rush watched by 1,000 subscribers
gets a few updates a second, each within the 1 s promise, instead of slowing the rush.

Fan-out never waits for a client: each connection has its own sender task and a bounded outbox
(`LiveConnection`), so a slow client delays only itself.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import deque
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from uuid import UUID

from anyio import to_thread
from sqlalchemy import Engine, select

from projections import tables

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0  # safety net: the store's head is read at least this often
COALESCE_SECONDS = 0.1  # at most one push per event per this interval
# Messages a second the hub aims to stay under in a burst (each send costs tens of microseconds
# of the API process's core): a cycle that sent n waits n / SENDS_PER_SECOND before the next,
# at most MAX_SPACING_SECONDS, so the latency promise holds whatever the crowd.
SENDS_PER_SECOND = 2500.0
MAX_SPACING_SECONDS = 0.5
WAIT_SECONDS = 5.0  # a read model that lags longer than this gets a warning, and more waiting
READ_LIMIT = 1000  # notifications read per query while catching up with a batch
MAX_PENDING_MESSAGES = 200  # per connection: notifications and replies a client has not taken yet
ISSUED_SUFFIX = "Notification.Issued"  # the inbox item's domain event (command_api.domain.notification)
CLOSE_TOO_SLOW = 1013  # "try again later": the client could not keep up with its messages

Waiter = Callable[[int, float], Awaitable[bool]]


def dumps(message: dict[str, Any]) -> str:
    """Compact JSON, serialised once per message however many receive it."""
    return json.dumps(message, separators=(",", ":"), default=str)


class LiveConnection:
    """One WebSocket client as the hub sees it: its subscriptions and a bounded outbox.

    Seat updates are kept as the latest per event (a client that reads slowly gets fewer, newer
    updates, never a growing queue); other messages (inbox items, replies) queue in order up to
    MAX_PENDING_MESSAGES, past which the client is closed with 1013 — it reconnects and
    resubscribes, and losing inbox items silently would be worse."""

    def __init__(self, member_id: str | None) -> None:
        self.member_id = member_id
        self.events: set[UUID] = set()
        # Subscribed but not yet allowed (the visibility check awaits the snapshot): the hub's
        # pushes for them are held here, never sent, until `LiveHub.confirm` (a draft's counts
        # must not reach a stranger who asked for it in the meantime).
        self.pending: set[UUID] = set()
        self._seats: dict[UUID, tuple[int, str]] = {}
        self._messages: deque[str] = deque()
        self._sent_positions: dict[UUID, int] = {}
        self._ready = asyncio.Event()
        self.overflowed = False

    def offer_seats(self, event_id: UUID, position: int, text: str) -> None:
        # Never an older state after a newer one (a subscribe snapshot may overtake a batch).
        if position < self._sent_positions.get(event_id, -1) or (
                event_id not in self.events and event_id not in self.pending):
            return
        held = self._seats.get(event_id)
        if held is None or held[0] <= position:
            self._seats[event_id] = (position, text)
        if event_id in self.events:
            self._ready.set()

    def offer(self, text: str) -> None:
        if len(self._messages) >= MAX_PENDING_MESSAGES:
            self.overflowed = True
        else:
            self._messages.append(text)
        self._ready.set()

    def forget(self, event_id: UUID) -> None:
        self.events.discard(event_id)
        self.pending.discard(event_id)
        self._seats.pop(event_id, None)
        self._sent_positions.pop(event_id, None)

    async def next_batch(self) -> list[str]:
        """Waits for messages; returns them in order (queued first, then the latest seats)."""
        await self._ready.wait()
        self._ready.clear()
        batch = list(self._messages)
        self._messages.clear()
        for event_id, (position, text) in list(self._seats.items()):
            if event_id in self.events:  # a pending subscription's update stays held
                self._sent_positions[event_id] = position
                batch.append(text)
                del self._seats[event_id]
        return batch


class LiveHub:
    """Follows the store's positions for this process's live connections (see module doc)."""

    def __init__(self, write_model: Any, runner: Any, read_engine: Engine, *,
                 waiter: Waiter, postgres: bool, poll_seconds: float = POLL_SECONDS,
                 coalesce_seconds: float = COALESCE_SECONDS) -> None:
        self.write_model = write_model
        self.runner = runner
        self.read_engine = read_engine
        self.wait_for = waiter
        self.postgres = postgres
        self.poll_seconds = poll_seconds
        self.coalesce_seconds = coalesce_seconds
        self.sent = 0  # messages the last cycle handed to connections
        self.connections: set[LiveConnection] = set()  # the live-connections gauge is its len
        self._by_event: dict[UUID, set[LiveConnection]] = {}
        self._by_member: dict[str, set[LiveConnection]] = {}
        self._cursor: int | None = None  # last store position looked at (None: not yet)
        # Events subscribed since the last cycle: their snapshot may predate a change the cycle
        # did not look for (not yet subscribed then), so the next cycle pushes them regardless.
        self._fresh: set[UUID] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None

    # --- life cycle ------------------------------------------------------------------------------

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._stop.clear()
        self.write_model.after_commit.append(self._committed)
        self._wake.set()  # the first cycle finds the head now
        self._task = asyncio.create_task(self._run(), name="live-hub")
        if self.postgres:
            self._listener = threading.Thread(target=self._listen, name="live-hub-listen",
                                              daemon=True)
            self._listener.start()

    async def stop(self) -> None:
        self._stop.set()
        if self._committed in self.write_model.after_commit:
            self.write_model.after_commit.remove(self._committed)
        if self._task is not None:
            # Python 3.11's `asyncio.wait_for` can swallow a cancellation that arrives as its
            # inner wait completes; the task would then run on and a plain `await` of it hang
            # the shutdown for good (seen: 1 in ~60 test-app shutdowns). The loop also checks
            # `_stop`, and the cancellation is repeated until the task has ended.
            self._wake.set()
            while not self._task.done():
                self._task.cancel()
                await asyncio.wait({self._task}, timeout=1.0)
            self._task = None
        if self._listener is not None:
            await to_thread.run_sync(self._listener.join, 5.0)
            self._listener = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    # --- connections (on the event loop) ----------------------------------------------------------

    def connect(self, member_id: str | None) -> LiveConnection:
        connection = LiveConnection(member_id)
        self.connections.add(connection)
        if member_id is not None:
            self._by_member.setdefault(member_id, set()).add(connection)
        return connection

    def disconnect(self, connection: LiveConnection) -> None:
        self.connections.discard(connection)
        for event_id in list(connection.events | connection.pending):
            self.unsubscribe(connection, event_id)
        if connection.member_id is not None:
            self._discard(self._by_member, connection.member_id, connection)

    def subscribe(self, connection: LiveConnection, event_id: UUID) -> None:
        """Starts following the event for this connection, held until `confirm`."""
        if event_id not in connection.events:
            connection.pending.add(event_id)
        self._by_event.setdefault(event_id, set()).add(connection)
        self._fresh.add(event_id)

    def confirm(self, connection: LiveConnection, event_id: UUID) -> None:
        """The caller may see the event: what was held for it may go out."""
        connection.pending.discard(event_id)
        connection.events.add(event_id)

    def unsubscribe(self, connection: LiveConnection, event_id: UUID) -> None:
        connection.forget(event_id)
        self._discard(self._by_event, event_id, connection)

    @staticmethod
    def _discard(index: dict[Any, set[LiveConnection]], key: Any,
                 connection: LiveConnection) -> None:
        members = index.get(key)
        if members is not None:
            members.discard(connection)
            if not members:
                del index[key]

    async def snapshot(self, event_id: UUID) -> tuple[dict[str, Any] | None, int]:
        """The event's row (None if unknown) and a position it reflects at least."""
        return await to_thread.run_sync(self._read_snapshot, event_id)

    def _read_snapshot(self, event_id: UUID) -> tuple[dict[str, Any] | None, int]:
        position = self.runner.position()  # read first: the row is at least this new
        rows = self._read_events([event_id])
        return rows.get(event_id), position

    # --- learning of new positions ----------------------------------------------------------------

    def _committed(self, _position: int) -> None:
        """After-commit listener (on the committing thread)."""
        self._nudge()

    def _nudge(self) -> None:
        loop = self._loop
        if loop is None:
            return
        try:
            loop.call_soon_threadsafe(self._wake.set)
        except RuntimeError:  # the loop closed: the server stopped
            pass

    def _listen(self) -> None:
        """PostgreSQL: a NOTIFY from any process's commit wakes the hub (own thread, blocking)."""
        import psycopg
        from psycopg import sql

        from projections.listen import DEFAULT_CHANNEL, conninfo

        channel = getattr(self.write_model.recorder, "channel_name", DEFAULT_CHANNEL)
        while not self._stop.is_set():
            try:
                with psycopg.connect(conninfo(self.runner), autocommit=True) as conn:
                    conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=0.5, stop_after=1):
                            self._nudge()
            except psycopg.Error:
                log.warning("live hub lost its LISTEN connection; the poll covers meanwhile",
                            exc_info=True)
                self._stop.wait(self.poll_seconds)

    async def _run(self) -> None:
        failing = False
        while not self._stop.is_set():
            try:
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)
            except TimeoutError:
                pass
            self._wake.clear()
            started = asyncio.get_running_loop().time()
            try:
                await self._cycle()
                failing = False
            except asyncio.CancelledError:
                raise
            except Exception:  # the database is away: the next cycle tries again
                if not failing:
                    log.warning("live hub cycle failed; retrying", exc_info=True)
                failing = True
            # Cycle STARTS are spaced: the time spent waiting for the read models counts
            # towards the spacing instead of adding to every update's delay.
            await asyncio.sleep(started + self.spacing() - asyncio.get_running_loop().time())

    def spacing(self) -> float:
        """Seconds between cycle starts, after one that handed out `self.sent` messages."""
        return max(self.coalesce_seconds, min(MAX_SPACING_SECONDS, self.sent / SENDS_PER_SECOND))

    async def _cycle(self) -> None:
        self.sent = 0
        # The cursor follows the head even while nobody is connected (one cheap query per
        # wake-up), so a member who connects hears of every commit after their connection.
        head = await to_thread.run_sync(self.write_model.recorder.max_notification_id) or 0
        fresh, self._fresh = self._fresh, set()
        changed: set[UUID] = set()
        issued: set[UUID] = set()
        if self.connections and self._cursor is not None and head > self._cursor:
            changed, issued = await to_thread.run_sync(
                self._changes, self._cursor, head, set(self._by_event), bool(self._by_member))
        self._cursor = head
        changed |= fresh & self._by_event.keys()
        if not changed and not issued:
            return
        while not await self.wait_for(head, WAIT_SECONDS):
            log.warning("live hub waits for the read models to reach position %d", head)
        members = set(self._by_member)
        rows, items = await to_thread.run_sync(self._read_rows, changed, issued, members)
        for event_id, row in rows.items():
            text = dumps(seats_message(row, head))  # once, for every subscriber
            crowd = self._by_event.get(event_id, ())
            for connection in list(crowd):
                connection.offer_seats(event_id, head, text)
            self.sent += len(crowd)
        for item in items:
            text = dumps(notification_message(item))
            for connection in list(self._by_member.get(str(item["member_id"]), ())):
                connection.offer(text)

    def _changes(self, after: int, head: int, subscribed: set[UUID],
                 want_issued: bool) -> tuple[set[UUID], set[UUID]]:
        """Which subscribed events' streams changed, and which notifications were issued, in
        (after, head]. Reads ids and topics only; nothing is decoded."""
        changed: set[UUID] = set()
        issued: set[UUID] = set()
        start = after + 1
        while start <= head:
            page = self.write_model.recorder.select_notifications(start, READ_LIMIT, stop=head)
            if not page:
                break
            for notification in page:
                originator = notification.originator_id
                if originator in subscribed:
                    changed.add(originator)
                elif want_issued and notification.topic.endswith(ISSUED_SUFFIX):
                    issued.add(originator)
            start = page[-1].id + 1
        return changed, issued

    def _read_rows(self, changed: Iterable[UUID], issued: Iterable[UUID], members: set[str]
                   ) -> tuple[dict[UUID, dict[str, Any]], list[dict[str, Any]]]:
        rows = self._read_events(changed)
        inbox = getattr(tables, "inbox", None)  # the inbox read model (helper H2's)
        items: list[dict[str, Any]] = []
        issued = list(issued)
        if inbox is not None and issued and members:
            with self.read_engine.connect() as conn:
                items = [dict(r._mapping) for r in conn.execute(
                    select(inbox).where(inbox.c.id.in_(issued), inbox.c.member_id.in_(members))
                    .order_by(inbox.c.position))]
        return rows, items

    def _read_events(self, event_ids: Iterable[UUID]) -> dict[UUID, dict[str, Any]]:
        ids = list(event_ids)
        if not ids:
            return {}
        e = tables.events
        with self.read_engine.connect() as conn:
            found = conn.execute(select(
                e.c.id, e.c.status, e.c.organizer_id, e.c.capacity, e.c.confirmed_count,
                e.c.waitlist_length).where(e.c.id.in_(ids)))
            return {row.id: dict(row._mapping) for row in found}


def seats_message(row: dict[str, Any], position: int) -> dict[str, Any]:
    """The `seats` message of an `events` row, as of a store position it reflects."""
    return {"type": "seats", "event_id": str(row["id"]), "status": row["status"],
            "confirmed_count": row["confirmed_count"], "capacity": row["capacity"],
            "seats_left": max(0, row["capacity"] - row["confirmed_count"]),
            "waitlist_length": row["waitlist_length"], "position": position}


def notification_message(item: dict[str, Any]) -> dict[str, Any]:
    """The `notification` message of an `inbox` row (as GET /api/me/notifications shows it)."""
    created = item["created_at"]
    return {"type": "notification", "id": str(item["id"]), "kind": item["kind"],
            "event_id": str(item["event_id"]) if item["event_id"] is not None else None,
            "title": item["title"], "body": item["body"],
            "created_at": created.isoformat() if hasattr(created, "isoformat") else created,
            "read": bool(item["read"])}


def build_live_hub(state: Any, container: Any) -> LiveHub:
    """The app's hub, waiting on the app's one consistency waiter (query_api/consistency.py):
    woken by this process's runner, polling the tracking table for a runner elsewhere."""
    from query_api.consistency import consistency_waiter

    waiter = consistency_waiter(state, container)
    return LiveHub(container.write_model, container.runner, container.read_engine,
                   waiter=waiter.wait_for, postgres=container.settings.is_postgres,
                   poll_seconds=container.settings.live_poll_seconds)
