"""WebSocket `/api/live`: seat counts of subscribed events and the member's own inbox items.

The protocol (docs/live.md): the client sends `{"subscribe": "event:<id>"}` and gets the event's
`seats` message at once and after every change (within 1 s; `query_api/live_hub.py` finds the
changes); `{"unsubscribe": "event:<id>"}` stops it. `?token=<access token>` also delivers the
member's new inbox items. Bad messages get an `error` message with a stable `code` and the
connection stays open; a bad token closes with 4401.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Mapping
from typing import Any
from uuid import UUID

from fastapi import APIRouter, WebSocket
from fastapi.concurrency import run_in_threadpool
from starlette.websockets import WebSocketDisconnect, WebSocketState

from command_api.domain.errors import NotAuthenticated
from command_api.domain.vocabulary import EventStatus
from kernel.authz import ANONYMOUS, Action, Principal, Resource, may
from kernel.deps import MAX_TOKEN_LENGTH
from query_api.live_hub import CLOSE_TOO_SLOW, LiveConnection, LiveHub, dumps, seats_message

router = APIRouter()

MAX_SUBSCRIPTIONS = 100  # per connection
MAX_MESSAGE_CHARS = 1024  # a client message is a small JSON object
MESSAGES_PER_SECOND = 20.0  # sustained, per connection; bursts up to MESSAGE_BURST
MESSAGE_BURST = 50.0
CLOSE_BAD_TOKEN = 4401
CLOSE_UNAVAILABLE = 1013


class _Refused(Exception):
    """A client message we answer with an `error` message (and keep the connection)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


@router.websocket("/api/live")
async def live(websocket: WebSocket) -> None:
    """Live seat counts (`subscribe`/`unsubscribe` `event:<id>`) and, with `?token=`, inbox items."""
    container = websocket.app.state.container
    hub: LiveHub | None = getattr(container, "live", None)
    await websocket.accept()
    if hub is None or not hub.running:
        await websocket.close(CLOSE_UNAVAILABLE, "live updates are not running")
        return
    principal, expires_in = await _principal(container, websocket.query_params.get("token"))
    if principal is None:
        await websocket.close(CLOSE_BAD_TOKEN, "bad token")
        return
    connection = hub.connect(principal.id)
    sender = asyncio.create_task(_send(websocket, connection))
    try:
        await _receive(websocket, hub, connection, principal, expires_in)
    except WebSocketDisconnect:
        pass
    finally:
        hub.disconnect(connection)
        sender.cancel()


async def _principal(container: Any, token: str | None) -> tuple[Principal | None, float | None]:
    """The caller (anonymous without a token) and seconds until its token expires; None for a
    bad token. The account is checked as for HTTP (active, session version current)."""
    if token is None:
        return ANONYMOUS, None
    if len(token) > MAX_TOKEN_LENGTH:
        return None, None
    try:
        account = await run_in_threadpool(container.accounts.authenticate, token)
        claims = container.accounts.tokens.decode(token, kind="access")
    except NotAuthenticated:
        return None, None
    expires_in = float(claims["exp"]) - container.write_model.clock().timestamp()
    return Principal.of(account), expires_in


async def _send(websocket: WebSocket, connection: LiveConnection) -> None:
    """This connection's sender: it alone waits for the client, so a slow one delays itself."""
    try:
        while True:
            batch = await connection.next_batch()
            if connection.overflowed:
                await websocket.close(CLOSE_TOO_SLOW, "too slow to keep up")
                return
            for text in batch:
                await websocket.send_text(text)
    except (WebSocketDisconnect, RuntimeError, OSError):
        return  # the client left; the receive loop ends the connection


async def _receive(websocket: WebSocket, hub: LiveHub, connection: LiveConnection,
                   principal: Principal, expires_in: float | None) -> None:
    deadline = None if expires_in is None else time.monotonic() + expires_in
    allowance, last = MESSAGE_BURST, time.monotonic()
    while websocket.client_state == WebSocketState.CONNECTED:
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            await websocket.close(CLOSE_BAD_TOKEN, "token expired")  # reconnect with a new one
            return
        try:
            message = await asyncio.wait_for(websocket.receive(), remaining)
        except TimeoutError:
            continue
        if message["type"] == "websocket.disconnect":
            return
        now = time.monotonic()
        allowance = min(MESSAGE_BURST, allowance + (now - last) * MESSAGES_PER_SECOND)
        last = now
        try:
            if allowance < 1:
                raise _Refused("rate_limited", f"At most {MESSAGES_PER_SECOND:g} messages a second.")
            allowance -= 1
            await _handle(hub, connection, principal, _parse(message))
        except _Refused as refused:
            connection.offer(dumps({"type": "error", "code": refused.code,
                                         "detail": refused.detail}))


def _parse(message: Mapping[str, Any]) -> tuple[str, UUID]:
    """(`subscribe` | `unsubscribe`, event id) from a client message, or _Refused."""
    text = message.get("text")
    if text is None:
        raise _Refused("invalid_message", "Messages are JSON text, not binary.")
    if len(text) > MAX_MESSAGE_CHARS:
        raise _Refused("message_too_large", f"Messages are limited to {MAX_MESSAGE_CHARS} characters.")
    try:
        body = json.loads(text)
    except ValueError:
        raise _Refused("invalid_json", "The message is not JSON.") from None
    if not isinstance(body, dict) or len(body) != 1:
        raise _Refused("invalid_message", 'Send {"subscribe": "event:<id>"} or {"unsubscribe": ...}.')
    [(verb, topic)] = body.items()
    if verb not in ("subscribe", "unsubscribe"):
        raise _Refused("invalid_message", f"Unknown request {str(verb)[:40]!r}.")
    if not isinstance(topic, str) or not topic.startswith("event:"):
        raise _Refused("invalid_topic", 'Topics are "event:<event id>".')
    try:
        return verb, UUID(topic.removeprefix("event:"))
    except ValueError:
        raise _Refused("invalid_topic", 'Topics are "event:<event id>".') from None


async def _handle(hub: LiveHub, connection: LiveConnection, principal: Principal,
                  request: tuple[str, UUID]) -> None:
    verb, event_id = request
    topic = f"event:{event_id}"
    if verb == "unsubscribe":
        hub.unsubscribe(connection, event_id)
        connection.offer(dumps({"type": "unsubscribed", "topic": topic}))
        return
    if event_id not in connection.events and len(connection.events) >= MAX_SUBSCRIPTIONS:
        raise _Refused("too_many_subscriptions",
                       f"At most {MAX_SUBSCRIPTIONS} subscriptions per connection.")
    # Subscribed before the snapshot is read: a change committed meanwhile is pushed by the hub.
    hub.subscribe(connection, event_id)
    row, position = await hub.snapshot(event_id)
    if row is None or not _visible(row, principal):
        hub.unsubscribe(connection, event_id)
        raise _Refused("not_found", f"No event {event_id}.")
    hub.confirm(connection, event_id)
    connection.offer_seats(event_id, position, dumps(seats_message(row, position)))


def _visible(row: dict[str, Any], principal: Principal) -> bool:
    """As GET /api/events/{id}: deleted events are gone; a draft is its organizer's and admins'."""
    if row["status"] == EventStatus.DELETED:
        return False
    return row["status"] != EventStatus.DRAFT or may(
        principal, Action.AUDIT_EVENT, Resource(organizer_id=row["organizer_id"]))
