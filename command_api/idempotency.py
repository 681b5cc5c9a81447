"""`Idempotency-Key` for POST commands: a repeat with the same key and body returns the first
answer and changes nothing; the same key with another body is refused.

Done once, as (pure ASGI) middleware, so no command route can forget it. A key is claimed (inserted as
pending) *before* the command runs, so two concurrent requests with one key cannot both run it.
A pending claim older than the lease belongs to a request whose process died; a retry takes it
over and runs the command. A guest's `cancel_token` is never stored: a replay withholds it and
says so (`Idempotent-Replay-Withheld`), since anyone who guesses a key and body would get it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

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

from command_api.idempotency_backlog import Answer, Backlog
from kernel.deps import AppContainer as Container
from kernel.problems import problem_response, unavailable_response
from kernel.unavailable import is_unavailable

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


# Secrets in an answer that must not be stored (and so are not replayed).
SECRET_FIELDS = ("cancel_token",)
WITHHELD = "_withheld"  # where the stored body lists what it left out


def _claim(engine: Engine, key: str, fingerprint: str,
           lease: float) -> tuple[str, dict[str, Any] | None]:
    """Returns ("run", None) when this request owns the key, else what the first one left."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        try:
            conn.execute(insert(idempotency_keys).values(
                key=key, fingerprint=fingerprint, created_at=now))
            return "run", None
        except IntegrityError:
            pass
    with engine.begin() as conn:
        row = dict(conn.execute(
            select(idempotency_keys).where(idempotency_keys.c.key == key)).one()._mapping)
        claimed = row["created_at"]
        expired = _aware(claimed) < now - timedelta(seconds=lease)
        if row["status_code"] is None and row["fingerprint"] == fingerprint and expired:
            # Guarded by the old claim's time, so of two retries only one takes it over.
            taken = conn.execute(update(idempotency_keys).where(
                idempotency_keys.c.key == key, idempotency_keys.c.status_code.is_(None),
                idempotency_keys.c.created_at == claimed).values(created_at=now))
            if taken.rowcount == 1:
                return "run", None
    return "replay", row


def _aware(moment: datetime) -> datetime:
    # SQLite hands DateTime(timezone=True) back naive; it was stored as UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _finish(engine: Engine, key: str, answer: Answer) -> None:
    with engine.begin() as conn:
        if answer.status is None or not 200 <= answer.status < 300:
            # A refused or failed command changed nothing; the key may be used again.
            conn.execute(delete(idempotency_keys).where(idempotency_keys.c.key == key))
            return
        conn.execute(update(idempotency_keys).where(idempotency_keys.c.key == key).values(
            status_code=answer.status, body=_storable(answer), position=answer.position))


def _withhold(body: bytes) -> tuple[bytes, tuple[str, ...]]:
    """The body without its secrets, and the names of those it had."""
    try:
        parsed = json.loads(body)
    except ValueError:
        return body, ()
    if not isinstance(parsed, dict):
        return body, ()
    withheld = tuple(f for f in SECRET_FIELDS if parsed.get(f) is not None)
    for secret in withheld:
        parsed[secret] = None
    return (json.dumps(parsed).encode() if withheld else body), withheld


def _storable(answer: Answer) -> str:
    if not answer.withheld:
        return answer.body.decode()
    return json.dumps({**json.loads(answer.body), WITHHELD: list(answer.withheld)})


def request_fingerprint(caller: str, path: str, raw: bytes) -> str:
    return hashlib.sha256(caller.encode() + b"\n" + path.encode() + b"\n" + raw).hexdigest()


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
        self.backlog = Backlog(lambda key, answer: _finish(container.read_engine, key, answer))

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
        fingerprint = request_fingerprint(_caller(self.container, Headers(scope=scope)),
                                          scope["path"], raw)
        try:
            outcome, first = await run_in_threadpool(
                _claim, engine, key, fingerprint, self.container.settings.idempotency_lease_seconds)
        except Exception as failure:
            if not is_unavailable(failure):
                raise
            # Nothing ran and nothing is claimed: the client may simply retry.
            await unavailable_response()(scope, receive, send)
            return
        if outcome == "replay":
            assert first is not None
            await _replay(first, fingerprint, self.backlog.get(key))(scope, receive, send)
            return
        recorded = _Recorded()
        try:
            await self.app(scope, _replaying(raw), recorded.record)
        finally:
            await self._store(key, recorded)
        # Sent only once the answer is stored, so a retry sees it rather than "in progress".
        for message in recorded.messages:
            await send(message)

    async def _store(self, key: str, recorded: _Recorded) -> None:
        body, withheld = _withhold(recorded.body)
        answer = Answer(recorded.status, body, recorded.position, withheld)
        try:
            await run_in_threadpool(_finish, self.container.read_engine, key, answer)
        except Exception as failure:
            if not is_unavailable(failure):
                raise
            # The command's outcome stands (it may have committed): its answer goes to the
            # client now and into the table once the database is back.
            self.backlog.add(key, answer)


def _replay(first: dict[str, Any], fingerprint: str, waiting: Answer | None) -> Response:
    if first["fingerprint"] != fingerprint:
        return problem_response(422, "idempotency_key_reused",
                                "This Idempotency-Key was used with another request.")
    if first["status_code"] is None and waiting is not None and waiting.status is not None \
            and 200 <= waiting.status < 300:
        # Answered by this process but not stored yet (the database was away).
        first = {"status_code": waiting.status, "position": waiting.position,
                 "body": _storable(waiting)}
    if first["status_code"] is None:
        return problem_response(409, "idempotency_in_progress",
                                "The first request with this key is still running.",
                                headers={"Retry-After": "1"})
    headers = {"Idempotent-Replay": "true"}
    if first["position"]:
        headers["X-Position"] = first["position"]
    body: str = first["body"]
    if f'"{WITHHELD}":' in body:  # only bodies that withheld something are parsed again
        parsed = json.loads(body)
        headers["Idempotent-Replay-Withheld"] = ",".join(parsed.pop(WITHHELD))
        body = json.dumps(parsed)
    return Response(body, status_code=first["status_code"], headers=headers,
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
