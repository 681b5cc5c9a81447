"""The ASGI app factory: both APIs, problem handlers, OpenAPI, and the built UI at `/`."""

from __future__ import annotations

import asyncio
import inspect
import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, Response
from fastapi.openapi.utils import get_openapi
from fastapi_offline import FastAPIOffline
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from command_api.idempotency import Idempotency
from command_api.routes import accounts as account_commands
from command_api.routes import auth, unsubscribe
from command_api.routes import calendar_feed as calendar_feed_commands
from command_api.routes import check_ins as check_in_commands
from command_api.routes import events as event_commands
from command_api.routes import notifications as notification_commands
from command_api.routes import ratings as rating_commands
from command_api.routes import registrations as registration_commands
from command_api.routes import series as series_commands
from eventconnect.bootstrap import bootstrap, build_reminders
from eventconnect.compression import CompressQueries
from eventconnect.container import Container
from eventconnect.frontend import serve_frontend
from eventconnect.headers import DOCS_ASSETS, install_browser_protections
from eventconnect.logs import install_request_log
from eventconnect.metrics import install_metrics
from eventconnect.projector import ProjectorProcess
from kernel.problems import install_problem_handlers, problem_response
from query_api import analytics_frame
from query_api.account_routes import router as account_query_router
from query_api.analytics import router as analytics_router
from query_api.calendar_feed import router as calendar_feed_router
from query_api.crawlers import router as crawlers_router
from query_api.health import router as health_router
from query_api.live import router as live_router
from query_api.live_hub import build_live_hub
from query_api.notifications import router as notification_query_router
from query_api.organizer_home import router as organizer_home_router
from query_api.ratings import router as rating_query_router
from query_api.registration_page import router as registration_page_router
from query_api.routes import router as query_router
from query_api.series import router as series_query_router
from query_api.tickets import router as tickets_router

MAX_BODY_BYTES = 1_000_000
# Newer FastAPI checks for OpenTelemetry providers on every request (an environment lookup in
# the profile of a rush); nothing here exports telemetry, so it is switched off where offered.
_NO_TELEMETRY: dict[str, Any] = (
    {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters else {})
# The built UI; EVENTCONNECT_FRONTEND_DIST points elsewhere (a second build checked side by side).
FRONTEND_DIST = Path(os.environ.get("EVENTCONNECT_FRONTEND_DIST")
                     or Path(__file__).resolve().parent.parent / "frontend" / "dist")

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details with a stable machine `code`.",
    "properties": {
        "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
        "detail": {"type": "string"}, "code": {"type": "string", "example": "event_full"},
        "errors": {"type": "array", "items": {"type": "object", "properties": {
            "loc": {"type": "array", "items": {}}, "msg": {"type": "string"},
            "type": {"type": "string", "example": "string_too_short"},
            "ctx": {"type": "object", "additionalProperties": True}}}},
    },
    "required": ["type", "title", "status", "detail", "code"],
}


Projections = Literal["thread", "process", "none"]


def create_app(container: Container | None = None, *,
               projections: Projections = "thread", reminders: bool = False,
               notifications: bool = False, warm_analytics: bool = False,
               frontend_dist: Path = FRONTEND_DIST) -> FastAPI:
    """Builds the app. `projections`: a runner thread in this process (tests, embedding), a child
    process (`eventconnect serve`, eventconnect/projector.py), or none (`eventconnect project`
    runs elsewhere). `reminders`: run the reminder scheduler's timer in this process (`serve`).
    `notifications`: run the notifier and the email delivery in threads here (`serve`; tests
    call their `catch_up`; `eventconnect notify` runs them alone). `warm_analytics`: load the
    analytics overview's in-memory copy in a thread at start (`serve`). `frontend_dist`: the
    built UI served at `/` (tests point it at a small one of their own)."""
    container = container or bootstrap()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if projections == "thread":
            container.runner.start()
        elif projections == "process":
            projector = ProjectorProcess()
            projector.start(wake_on_commit=not container.settings.is_postgres)
            container.write_model.after_commit.append(projector.wake)
            watchdog = asyncio.create_task(projector.watch())
        # The live hub after the projections: its first cycles wait on the read models.
        live = container.live = build_live_hub(app.state, container)
        await live.start()
        # The reminder scheduler (`serve`; tests call its sweep themselves on a fake clock).
        scheduled = build_reminders(container) if reminders else None
        if scheduled is not None:
            scheduled.start()
        if warm_analytics:
            threading.Thread(target=analytics_frame.warm, args=(container.read_engine,),
                             name="analytics-warm", daemon=True).start()
        reacting = [r for r in (container.notifier, container.delivery) if r] if notifications else []
        for reactor in reacting:
            reactor.start()
        try:
            yield
        finally:
            for reactor in reacting:
                await asyncio.to_thread(reactor.stop)
            if scheduled is not None:
                await asyncio.to_thread(scheduled.stop)  # waits for a sweep in progress
            await live.stop()
            container.live = None
            if projections == "thread":
                container.runner.stop()
            elif projections == "process":
                watchdog.cancel()
                container.write_model.after_commit.remove(projector.wake)
                projector.stop()

    # FastAPIOffline: Swagger UI's and ReDoc's scripts come from its package, not from a CDN, so
    # the docs work offline and their CSP names no other host (eventconnect/headers.py).
    app = FastAPIOffline(title="EventConnect API", version="0.1.0", lifespan=lifespan,
                         docs_url="/api/docs", redoc_url="/api/redoc",
                         openapi_url="/api/openapi.json", static_url=DOCS_ASSETS,
                         swagger_ui_oauth2_redirect_url="/api/docs/oauth2-redirect",
                         description="Event-sourced community events: commands append domain "
                                     "events; queries read projections. Errors are "
                                     "application/problem+json.",
                         **_NO_TELEMETRY)
    app.state.container = container
    install_problem_handlers(app)
    # Pure ASGI middleware (no BaseHTTPMiddleware: it costs a task group per request). The last
    # added is the outermost: the size check runs first, then the key is claimed.
    app.add_middleware(CompressQueries)
    app.add_middleware(Idempotency, container=container)
    app.add_middleware(BodySizeLimit)
    install_browser_protections(app, container.settings)
    install_metrics(app, container)  # times the whole request
    install_request_log(app)  # outermost: the id is set before anything inside logs
    for router in (auth.router, account_commands.router, event_commands.router,
                   registration_commands.router, rating_commands.router,
                   notification_commands.router, unsubscribe.router, account_query_router,
                   rating_query_router, notification_query_router, registration_page_router,
                   analytics_router, live_router, query_router, health_router,
                   series_commands.router, series_query_router, organizer_home_router,
                   calendar_feed_commands.router, calendar_feed_router, check_in_commands.router,
                   tickets_router, crawlers_router):
        app.include_router(router)
    _document_problems(app)
    serve_frontend(app, frontend_dist)
    return app


class BodyTooLarge(StarletteHTTPException):
    """Raised from `receive` once a body passes the limit; an HTTPException so FastAPI's body
    parsing lets it through (anything else it turns into a 400) and the problem handler answers it."""

    def __init__(self) -> None:
        super().__init__(413, f"Request bodies are limited to {MAX_BODY_BYTES} bytes.")


class BodySizeLimit:
    """Bounds request bodies however they are sent: a declared Content-Length over the limit is
    refused before reading; a chunked (or lying) body is counted as it is received and refused
    the moment it passes the limit, so it is never held in memory whole. Everything inside
    (the Idempotency middleware included) reads through the counting `receive`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = Headers(scope=scope).get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            await _too_large()(scope, receive, send)
            return
        received = 0
        started = False

        async def bounded_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > MAX_BODY_BYTES:
                    raise BodyTooLarge
            return message

        async def watched_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, bounded_receive, watched_send)
        except BodyTooLarge:
            # Raised outside the app's own handlers (by the Idempotency middleware's read).
            if started:
                raise
            await _too_large()(scope, receive, send)


def _too_large() -> Response:
    return problem_response(413, "payload_too_large",
                            f"Request bodies are limited to {MAX_BODY_BYTES} bytes.")


def _document_problems(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, routes=app.routes,
                                 description=app.description)
            schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
