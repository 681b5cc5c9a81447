"""Browser-facing protections on every response: security headers and CORS.

The UI is a built Vite app that loads only its own files, so its Content Security Policy allows
nothing but 'self'. Swagger UI and ReDoc load their scripts and styles from this server (not a CDN)
but start with an inline script, so their two pages get a policy widened for exactly that.
"""

from __future__ import annotations

import logging
import uuid

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventconnect.logs import current_request_id
from eventconnect.metrics import route_of
from eventconnect.settings import Settings
from kernel.problems import problem_response

log = logging.getLogger(__name__)

UI_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
          "form-action 'self'; frame-ancestors 'none'")
# Swagger UI's and ReDoc's files, served from the fastapi-offline package (eventconnect/app.py).
DOCS_ASSETS = "/api/docs/assets"
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; font-src 'self'; img-src 'self' data:; "
            "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            "frame-ancestors 'none'")
DOCS_PATHS = frozenset({"/api/docs", "/api/docs/oauth2-redirect", "/api/redoc"})

COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]


class SecurityHeaders:
    """Adds the headers to every HTTP response (errors, 413s and replays included), and turns an
    exception nothing else handled into a problem+json 500 (Starlette's outermost handler, outside
    this one, answers plain text without these headers). The client learns only a request id;
    the traceback goes to the log under the same id."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope["path"] in DOCS_PATHS else UI_CSP
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in COMMON if n not in present]
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", csp.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            # The access log's id (eventconnect/logs.py), so a user's report matches its line;
            # the route template, not the path: paths can hold guests' tokens.
            request_id = current_request_id() or uuid.uuid4().hex
            log.exception("unhandled error in %s %s (request %s)", scope.get("method"),
                          route_of(scope), request_id)
            if started:
                raise  # half an answer is out: only closing the connection tells the client
            await problem_response(
                500, "internal_error", f"Something went wrong on our side (request {request_id}).",
                request_id=request_id)(scope, receive, send_with_headers)


def install_browser_protections(app: FastAPI, settings: Settings) -> None:
    """CORS (only for the configured origins; none by default) inside the security headers, so
    every answer, a refused preflight too, carries them. Call last: the last added is outermost."""
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_credentials=False,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key",
                           "X-Consistent-With", "X-Request-ID"],
            expose_headers=["X-Position", "Location", "Retry-After", "Idempotent-Replay",
                            "X-Request-ID"],
            max_age=600)
    app.add_middleware(SecurityHeaders)
