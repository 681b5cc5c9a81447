"""`Idempotency-Key` for POST commands: a repeat with the same key and body returns the first
answer and changes nothing; the same key with another body is refused.

Done once, as middleware, so no command route can forget it. A key is claimed (inserted as
pending) *before* the command runs, so two concurrent requests with one key cannot both run it.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from fastapi import FastAPI, Request, Response
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

from eventconnect.problems import problem_response

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


def _finish(engine: Engine, key: str, response: Response | None, body: bytes) -> None:
    with engine.begin() as conn:
        if response is None or not 200 <= response.status_code < 300:
            # A refused or failed command changed nothing; the key may be used again.
            conn.execute(delete(idempotency_keys).where(idempotency_keys.c.key == key))
            return
        conn.execute(update(idempotency_keys).where(idempotency_keys.c.key == key).values(
            status_code=response.status_code, body=body.decode(),
            position=response.headers.get("X-Position")))


def _caller(request: Request) -> str:
    """The signed subject of the bearer token, or "anonymous" (validity is the route's business)."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return "anonymous"
    subject = request.app.state.container.accounts.tokens.subject(token.strip())
    return f"account:{subject}" if subject else "anonymous"


def install_idempotency(app: FastAPI) -> None:
    @app.middleware("http")
    async def idempotent(request: Request, call_next):  # type: ignore[no-untyped-def]
        key = request.headers.get("Idempotency-Key")
        path = request.url.path
        # Sign-in answers are secrets (tokens) and are never stored; they are not commands anyway.
        if (request.method != "POST" or key is None or not path.startswith("/api/")
                or path.startswith("/api/auth/")):
            return await call_next(request)
        if not 1 <= len(key) <= MAX_KEY_LENGTH:
            return problem_response(422, "validation_error",
                                    f"Idempotency-Key must be 1..{MAX_KEY_LENGTH} characters.")
        engine: Engine = request.app.state.container.read_engine
        raw = await request.body()
        # A key belongs to one caller: another account (or a guest) reusing it gets no replay of
        # someone else's answer, only `idempotency_key_reused`.
        caller = _caller(request).encode()
        fingerprint = hashlib.sha256(caller + b"\n" + path.encode() + b"\n" + raw).hexdigest()
        outcome, first = await run_in_threadpool(_claim, engine, key, fingerprint)
        if outcome == "replay":
            assert first is not None
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
        response = None
        body = b""
        try:
            response = await call_next(request)
            body = b"".join([chunk async for chunk in response.body_iterator])
        finally:
            await run_in_threadpool(_finish, engine, key, response, body)
        return Response(body, status_code=response.status_code, headers=dict(response.headers),
                        media_type=response.media_type)
