"""The HTTP edge: bodies bounded however they are sent, no bare 500s, 405 with every allowed
method, unparseable bodies are 422."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.types import Message

from eventconnect.app import MAX_BODY_BYTES
from eventconnect.headers import SecurityHeaders
from tests.conftest import FakeClock
from tests.e2e.conftest import as_organizer, event_body

CHUNK = 64 * 1024


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    return body


# --- bodies ------------------------------------------------------------------------------------


def send_endless_chunks(app: FastAPI, headers: dict[str, str]) -> tuple[list[Message], int]:
    """POSTs a chunked body that never ends straight into the ASGI app (no Content-Length, as
    uvicorn passes `Transfer-Encoding: chunked` on); returns the answer and the bytes it read."""
    read = 0
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/api/events", "raw_path": b"/api/events", "query_string": b"",
             "root_path": "", "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 80),
             "headers": [(k.lower().encode(), v.encode()) for k, v in
                         {**headers, "Content-Type": "application/json",
                          "Transfer-Encoding": "chunked"}.items()]}

    async def receive() -> Message:
        nonlocal read
        read += CHUNK
        assert read < 20 * MAX_BODY_BYTES, "the whole endless body was read"
        return {"type": "http.request", "body": b" " * CHUNK, "more_body": True}

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    return sent, read


@pytest.mark.parametrize("keyed", [False, True], ids=["plain", "idempotency-key"])
def test_a_chunked_body_is_cut_off_at_the_limit(client: TestClient, keyed: bool) -> None:
    headers = as_organizer(client)
    if keyed:  # read by the Idempotency middleware before the route
        headers["Idempotency-Key"] = "chunked-1"
    sent, read = send_endless_chunks(client.app, headers)  # type: ignore[arg-type]
    start = next(m for m in sent if m["type"] == "http.response.start")
    assert start["status"] == 413
    names = dict(start["headers"])
    assert names[b"content-type"] == b"application/problem+json"
    assert b"x-content-type-options" in names
    assert b'"code":"payload_too_large"' in b"".join(m.get("body", b"") for m in sent)
    assert read <= MAX_BODY_BYTES + CHUNK  # refused as soon as the count passed the limit


def test_a_declared_length_over_the_limit_is_refused_unread(client: TestClient) -> None:
    response = client.post("/api/events", content=b"x" * (MAX_BODY_BYTES + 1),
                           headers={**as_organizer(client), "Content-Type": "application/json"})
    assert_problem(response, 413, "payload_too_large")


def test_a_body_under_the_limit_still_goes_through(client: TestClient) -> None:
    def chunks() -> Any:
        yield b'{"email": "chunky@example.org", '
        yield b'"password": "correct horse battery", "name": "Chunky"}'

    response = client.post("/api/auth/signup", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 201, response.text


# --- 500s --------------------------------------------------------------------------------------


def test_an_unhandled_error_is_a_problem_with_the_security_headers(
        client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    def explode() -> None:
        raise RuntimeError("secret detail /etc/passwd")

    client.app.add_api_route("/api/test-explode", explode, methods=["POST"])  # type: ignore[attr-defined]
    with caplog.at_level(logging.ERROR, logger="eventconnect.headers"):
        response = client.post("/api/test-explode")
    body = assert_problem(response, 500, "internal_error")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "content-security-policy" in response.headers
    assert "secret" not in response.text and "RuntimeError" not in response.text
    assert "Traceback" not in response.text
    logged = [r for r in caplog.records if body["request_id"] in r.getMessage()]
    assert logged and logged[0].exc_info is not None  # the traceback is in the log, by id


def test_an_error_after_the_answer_started_still_closes_the_connection() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise RuntimeError("mid-stream")

    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.disconnect"}

    scope = {"type": "http", "path": "/x", "method": "GET", "headers": []}
    with pytest.raises(RuntimeError):  # the server then resets the half-sent answer
        asyncio.run(SecurityHeaders(app)(scope, receive, send))
    assert [m["type"] for m in sent] == ["http.response.start"]


@pytest.mark.parametrize("path", ["/favicon.svg%00.html", "/%00", "/assets/%00/x.js"])
def test_a_nul_in_a_ui_path_is_no_500(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 404), response.text
    assert response.headers["x-frame-options"] == "DENY"


# --- methods -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("method", "path", "allow"), [
    ("GET", "/api/auth/signup", "POST"),
    ("GET", "/api/events/3fa85f64-5717-4562-b3fc-2c963f66afa6/publish", "POST"),
    ("PUT", "/api/events", "GET, POST"),
    ("DELETE", "/api/me", "GET, PATCH"),
])
def test_a_wrong_method_is_405_with_every_allowed_one(client: TestClient, method: str, path: str,
                                                       allow: str) -> None:
    response = client.request(method, path)
    assert_problem(response, 405, "method_not_allowed")
    assert response.headers["allow"] == allow


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_an_unknown_api_path_stays_404(client: TestClient, method: str) -> None:
    assert_problem(client.request(method, "/api/no/such/thing"), 404, "not_found")


# --- unparseable bodies ------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "content_type"), [
    (b"username=a", "multipart/form-data"),  # no boundary
    (b'--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--\r\n',
     "multipart/form-data; boundary=x"),  # a part without a name
    (b'{"email": ', "application/json"),
])
def test_an_unparseable_body_is_a_validation_error(client: TestClient, content: bytes,
                                                   content_type: str) -> None:
    response = client.post("/api/auth/token", content=content,
                           headers={"Content-Type": content_type})
    body = assert_problem(response, 422, "validation_error")
    assert body["errors"]


# --- field errors a client can translate ---------------------------------------------------------


def test_a_field_error_names_its_rule_and_limits(client: TestClient) -> None:
    # `type` and `ctx` let the UI say "at least 1 character" in the person's language instead
    # of showing the English `msg`.
    response = client.post("/api/events", json={"title": ""}, headers=as_organizer(client))
    body = assert_problem(response, 422, "validation_error")
    by_field = {tuple(e["loc"]): e for e in body["errors"]}
    title = by_field[("body", "title")]
    assert title["type"] == "string_too_short"
    assert title["ctx"] == {"min_length": 1}
    assert by_field[("body", "starts_at")]["type"] == "missing"


def test_a_domain_rule_on_a_field_carries_its_code_as_type(client: TestClient,
                                                           clock: FakeClock) -> None:
    response = client.post("/api/events", headers=as_organizer(client), json=event_body(
        clock, starts_at="2000-01-01T10:00:00Z", ends_at="2000-01-01T12:00:00Z"))
    body = assert_problem(response, 422, "validation_error")
    assert body["errors"] == [{"loc": ["body", "starts_at"], "msg": body["detail"],
                               "type": "validation_error"}]
