"""`Idempotency-Key` for POST commands: a repeat with the same key and body returns the first
answer and changes nothing; the same key with another body is refused.

Done once, as (pure ASGI) middleware, so no command route can forget it. A key is claimed (inserted as
pending) *before* the command runs, so two concurrent requests with one key cannot both run it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fastapi import Response
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import (
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventconnect.problems import problem_response

if TYPE_CHECKING:
    from eventconnect.container import Container

MAX_KEY_LENGTH = 200
metadata = MetaData()
idempotency_keys = Table(
    "idempotency_keys", metadata,
    Column("key", String(MAX_KEY_LENGTH), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("status_code", Integer, nullable=True),  # null while the first request runs
    Column("body", Text, nullable=True),
    Column("position", String(20), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


def _claim(engine: Engine, key: str, fingerprint: str) -> tuple[str, dict | None]:
    """Returns ("run", None) when this request owns the key, else what the first one left."""
    with engine.begin() as conn:
        try:
            conn.execute(insert(idempotency_keys).values(
                key=key, fingerprint=fingerprint, created_at=datetime.now(UTC)))
            return "run", None
        except IntegrityError:
            pass
    with engine.connect() as conn:
        row = conn.execute(select(idempotency_keys).where(idempotency_keys.c.key == key)).one()
    return "replay", dict(row._mapping)


def _finish(engine: Engine, key: str, status: int | None, body: bytes,
            position: str | None) -> None:
    with engine.begin() as conn:
        if status is None or not 200 <= status < 300:
            # A refused or failed command changed nothing; the key may be used again.
            conn.execute(delete(idempotency_keys).where(idempotency_keys.c.key == key))
            return
        conn.execute(update(idempotency_keys).where(idempotency_keys.c.key == key).values(
            status_code=status, body=body.decode(), position=position))


def _caller(container: Container, headers: Headers) -> str:
    """The signed subject of the bearer token, or "anonymous" (validity is the route's business)."""
    scheme, _, token = headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return "anonymous"
    subject = container.accounts.tokens.subject(token.strip())
    return f"account:{subject}" if subject else "anonymous"


class Idempotency:
    """Pure ASGI middleware: requests without a key pass straight through at no cost (a
    `BaseHTTPMiddleware` would add a task group and memory streams to every request)."""

    def __init__(self, app: ASGIApp, container: Container) -> None:
        self.app = app
        self.container = container

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        key = Headers(scope=scope).get("idempotency-key")
        # Sign-in answers are secrets (tokens) and are never stored; they are not commands anyway.
        if key is None or not path.startswith("/api/") or path.startswith("/api/auth/"):
            await self.app(scope, receive, send)
            return
        if not 1 <= len(key) <= MAX_KEY_LENGTH:
            await problem_response(422, "validation_error",
                                   f"Idempotency-Key must be 1..{MAX_KEY_LENGTH} characters."
                                   )(scope, receive, send)
            return
        await self._keyed(scope, receive, send, key)

    async def _keyed(self, scope: Scope, receive: Receive, send: Send, key: str) -> None:
        raw = await _read_body(receive)
        engine = self.container.read_engine
        # A key belongs to one caller: another account (or a guest) reusing it gets no replay of
        # someone else's answer, only `idempotency_key_reused`.
        caller = _caller(self.container, Headers(scope=scope)).encode()
        fingerprint = hashlib.sha256(
            caller + b"\n" + scope["path"].encode() + b"\n" + raw).hexdigest()
        outcome, first = await run_in_threadpool(_claim, engine, key, fingerprint)
        if outcome == "replay":
            assert first is not None
            await _replay(first, fingerprint)(scope, receive, send)
            return
        answer = _Recorded()
        try:
            await self.app(scope, _replaying(raw), answer.record)
        finally:
            await run_in_threadpool(_finish, engine, key, answer.status, answer.body,
                                    answer.position)
        # Sent only once the answer is stored, so a retry sees it rather than "in progress".
        for message in answer.messages:
            await send(message)


def _replay(first: dict, fingerprint: str) -> Response:
    if first["fingerprint"] != fingerprint:
        return problem_response(422, "idempotency_key_reused",
                                "This Idempotency-Key was used with another request.")
    if first["status_code"] is None:
        return problem_response(409, "idempotency_in_progress",
                                "The first request with this key is still running.",
                                headers={"Retry-After": "1"})
    headers = {"Idempotent-Replay": "true"}
    if first["position"]:
        headers["X-Position"] = first["position"]
    return Response(first["body"], status_code=first["status_code"], headers=headers,
                    media_type="application/json")


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replaying(raw: bytes) -> Receive:
    """A `receive` that hands the already-read body to the app once."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": raw, "more_body": False}

    return receive


class _Recorded:
    """The app's answer, held back until it is stored."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.status: int | None = None
        self.position: str | None = None
        self.body = b""

    async def record(self, message: Message) -> None:
        self.messages.append(message)
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.position = Headers(raw=message["headers"]).get("x-position")
        elif message["type"] == "http.response.body":
            self.body += message.get("body", b"")
