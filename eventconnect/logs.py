"""Logs: one JSON object a line (python-json-logger) for collectors, plain text for a terminal,
and one access line per HTTP request.

Every process (`serve`, its projector child, `project`, `rebuild`, ...) calls `configure_logging`
once. The access line carries ids only — the request id, the signed-in account's id, the route
*template* and the store position — never an email, a name, a token, a query string or a body:
guests' registration links and calendar feeds put secrets in paths, so raw paths stay out too.

A request id is kept in a context variable for the length of the request, so every other line
logged while it runs (a use case's warning, the 500 catch-all's traceback) names it as well.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar
from typing import Any, TextIO

from pythonjsonlogger.json import JsonFormatter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventconnect.metrics import COMMAND_METHODS, route_of
from eventconnect.settings import Settings

access = logging.getLogger("eventconnect.access")

REQUEST_ID_HEADER = b"x-request-id"
# A caller's (or a proxy's) id is kept only if it cannot smuggle anything into a log line.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the HTTP request being handled in this context, if any."""
    return _request_id.get()


class RequestIdFilter(logging.Filter):
    """Stamps every record with the current request id (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get()
        return True


class TextFormatter(logging.Formatter):
    """A terminal's line: time, level, logger, message, then the request id when there is one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def formatMessage(self, record: logging.LogRecord) -> str:
        line = super().formatMessage(record)
        request_id = getattr(record, "request_id", None)
        return f"{line} [request {request_id}]" if request_id else line


def json_formatter() -> JsonFormatter:
    """`ts` (UTC, ISO 8601), `level`, `logger`, `message`, then whatever the call passed as
    `extra` (the access line's fields) and `request_id`."""
    return JsonFormatter(["levelname", "name", "message"], timestamp="ts",
                         rename_fields={"levelname": "level", "name": "logger"})


def wants_json(log_format: str, stream: TextIO) -> bool:
    if log_format == "auto":  # a person at a terminal reads text; anything else gets JSON
        isatty = getattr(stream, "isatty", None)
        return not (callable(isatty) and isatty())
    return log_format == "json"


HANDLER_NAME = "eventconnect"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is when a line is written, not when logging was set up:
    a test that swaps stderr (pytest's capture) and closes it must not break later lines (the
    standard library's last-resort handler does the same)."""

    def __init__(self) -> None:
        super().__init__()

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def configure_logging(settings: Settings, stream: TextIO | None = None) -> logging.Handler:
    """One handler on the root logger, writing to stderr (or `stream`); replaces any earlier one
    so a second call (tests, a re-exec) does not print each line twice."""
    handler = logging.StreamHandler(stream) if stream is not None else _StderrHandler()
    handler.setFormatter(json_formatter() if wants_json(settings.log_format, handler.stream)
                         else TextFormatter())
    handler.addFilter(RequestIdFilter())
    handler.set_name(HANDLER_NAME)
    root = logging.getLogger()
    # Only our own earlier handler goes: others on the root (a test's log capture, a host
    # application's) stay.
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    level = logging.getLevelNamesMapping()[settings.log_level]
    root.setLevel(level)
    # APScheduler notes each reminder sweep (two lines every few seconds) at INFO: only on DEBUG.
    logging.getLogger("apscheduler").setLevel(level if level <= logging.DEBUG
                                              else max(level, logging.WARNING))
    logging.captureWarnings(True)  # Python's warnings too, so stderr holds nothing but log lines
    return handler


def _incoming_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == REQUEST_ID_HEADER:
            text = value.decode("latin-1")
            return text if SANE_REQUEST_ID.fullmatch(text) else None
    return None


def _position(headers: list[tuple[bytes, bytes]]) -> int | None:
    for name, value in headers:
        if name.lower() == b"x-position" and value.isdigit():
            return int(value)
    return None


class RequestLog:
    """Pure ASGI middleware, outermost: gives each HTTP request its id (the caller's, if sane),
    answers it as X-Request-ID, and logs one access line when the answer is done. The actor id
    is the one the auth dependency recorded in the request state (no token is decoded twice and
    no database is asked here: this runs on the registration rush path)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _incoming_id(scope) or uuid.uuid4().hex
        token = _request_id.set(request_id)
        state = scope.setdefault("state", {})  # shared with the request: the actor id lands here
        started = time.perf_counter()
        status = 500
        position: int | None = None

        async def send_with_id(message: Message) -> None:
            nonlocal status, position
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = [(n, v) for n, v in message.get("headers", [])
                           if n.lower() != REQUEST_ID_HEADER]
                position = _position(headers)
                headers.append((REQUEST_ID_HEADER, request_id.encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if access.isEnabledFor(logging.INFO):
                _log_access(scope, state, status, position, time.perf_counter() - started)
            _request_id.reset(token)


def _log_access(scope: Scope, state: dict[str, Any], status: int, position: int | None,
                seconds: float) -> None:
    method, route = scope["method"], route_of(scope)
    command = f"{method} {route}" if method in COMMAND_METHODS and route.startswith("/api/") else None
    duration_ms = round(seconds * 1000, 2)
    access.info("%s %s %s %.1f ms", method, route, status, duration_ms, extra={
        "method": method, "route": route, "status": status, "duration_ms": duration_ms,
        "actor_id": state.get("actor_id"), "command": command, "position": position})


def install_request_log(app: Any) -> None:
    """Call after every other middleware: the last added is the outermost, and this one must
    see the final status (the 500 catch-all's too) and set the id before anything inside logs."""
    app.add_middleware(RequestLog)
