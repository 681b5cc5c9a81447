"""RFC 9457 problem+json: the one place where errors become HTTP answers."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from command_api.domain.errors import DomainError
from kernel.routing import allowed_methods
from kernel.unavailable import DATABASE_ERRORS, RETRY_AFTER_SECONDS, TooMuchContention, is_unavailable

PROBLEM_JSON = "application/problem+json"
# How routes document their error answers in OpenAPI (the schema is added by the app factory).
PROBLEM_CONTENT = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}

# Domain error code -> HTTP status. Codes not listed are rules of the domain: 409.
STATUS_BY_CODE = {
    "validation_error": 422,
    "not_found": 404,
    "forbidden": 403,
    "not_owner": 403,
    "unauthorized": 401,
    "invalid_credentials": 401,
    "token_reused": 401,
    "rate_limited": 429,
    "not_attendee": 403,  # ratings: only confirmed registrants rate
    # recurring series: the rule itself is invalid input
    "invalid_recurrence": 422,
    "count_or_until": 422,
    "too_many_occurrences": 422,
    "start_not_in_rule": 422,
    "not_in_series": 422,
    # the door: a code that is no ticket of the event; an offline scan's impossible time
    "ticket_not_found": 404,
    "checked_in_at_out_of_range": 422,
}

TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found",
          405: "Method not allowed", 409: "Conflict", 413: "Payload too large",
          422: "Invalid input", 429: "Too many requests", 500: "Internal error",
          503: "Service unavailable"}


class Problem(Exception):
    """Raised by routes and dependencies for an error that is not a domain rule."""

    def __init__(self, status: int, code: str, detail: str, *,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail = status, code, detail
        self.headers = headers or {}
        self.extra = extra


def problem_response(status: int, code: str, detail: str, *,
                     headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": f"https://eventconnect.example/problems/{code}",
            "title": TITLES.get(status, "Error"), "status": status, "detail": detail,
            "code": code, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _loc(loc: Any) -> list[str | int]:
    return [part if isinstance(part, int) else str(part) for part in loc]


def _field_error(error: Any) -> dict[str, Any]:
    """One validation error: where, the English message, and the rule (`type`, with its limits in
    `ctx`) so that a client can say it in the person's language."""
    out: dict[str, Any] = {"loc": _loc(error.get("loc", ())), "msg": str(error.get("msg", "")),
                           "type": str(error.get("type", "value_error"))}
    # Only plain limits (min_length, ge, expected, ...): ctx may also hold the raised exception.
    ctx = {key: value for key, value in (error.get("ctx") or {}).items()
           if isinstance(value, (str, int, float, bool))}
    if ctx:
        out["ctx"] = ctx
    return out


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(_: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.code, exc.detail, headers=exc.headers,
                                **exc.extra)

    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        status = STATUS_BY_CODE.get(exc.code, 409)
        extra: dict[str, Any] = {}
        if exc.field:
            # `type` names the rule, so a client can say it in the person's language.
            extra["errors"] = [{"loc": ["body", exc.field], "msg": exc.detail, "type": exc.code}]
        # RFC 6750: a 401 names the scheme the client should authenticate with.
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return problem_response(status, exc.code, exc.detail, headers=headers, **extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [_field_error(e) for e in exc.errors()]
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)[:1000]
        return problem_response(422, "validation_error", detail or "Invalid input.",
                                errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # Only body parsing raises these (a malformed multipart or form body): it is
            # invalid input like malformed JSON, which FastAPI already answers 422.
            return problem_response(422, "validation_error", str(exc.detail),
                                    errors=[{"loc": ["body"], "msg": str(exc.detail),
                                             "type": "malformed_body"}])
        headers = dict(getattr(exc, "headers", None) or {})
        if exc.status_code == 405:
            methods = allowed_methods(request.app.routes, request.scope)
            if not methods:
                return problem_response(404, "not_found", f"No route {request.url.path}.")
            headers["Allow"] = ", ".join(methods)
        code = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized",
                403: "forbidden", 413: "payload_too_large"}.get(exc.status_code, "error")
        return problem_response(exc.status_code, code, str(exc.detail), headers=headers or None)

    @app.exception_handler(TooMuchContention)
    async def _contention(_: Request, exc: TooMuchContention) -> JSONResponse:
        return problem_response(503, "busy", "Too many simultaneous changes; try again.",
                                headers={"Retry-After": "1"})

    # --- database away (brief C) ---
    # Registered for the families a database error comes in; anything that is not an outage or
    # a timed-out wait is re-raised, to be answered as the bug it is (500).
    async def _database(_: Request, exc: Exception) -> JSONResponse:
        if not is_unavailable(exc):
            raise exc
        return unavailable_response()

    for family in DATABASE_ERRORS:
        app.add_exception_handler(family, _database)


def unavailable_response() -> JSONResponse:
    return problem_response(503, "unavailable",
                            "The database is not reachable right now; try again shortly.",
                            headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
