"""Structured logs (eventconnect/logs.py): what a real `eventconnect serve` writes to stderr during
a sign-up, a member's and a guest's registration and the guest's cancel; the 500 answer and its
log lines under one request id; plain text when asked."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.logs import configure_logging, wants_json
from eventconnect.settings import Settings
from tests.conftest import FakeClock, make_settings
from tests.serving import ROOT, _free_port, _wait, kill_tree, migrate, open_event, server_env

ACCESS_FIELDS = {"ts", "level", "logger", "message", "request_id", "method", "route", "status",
                 "duration_ms", "actor_id", "command", "position"}
EMAIL_LIKE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
PASSWORD = "correct horse battery staple"
slow = pytest.mark.slow  # a real server per database (~15 s each)


def _http(url: str, method: str = "GET", *, body: dict[str, Any] | None = None,
          form: dict[str, str] | None = None,
          headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], Any]:
    data, kind = None, "application/json"
    if form is not None:
        data, kind = urllib.parse.urlencode(form).encode(), "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,  # noqa: S310 - loopback
                                     headers={"Content-Type": kind, **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310 - loopback
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, \
                json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as refused:
        return refused.code, {k.lower(): v for k, v in refused.headers.items()}, \
            json.loads(refused.read() or b"null")


@dataclass
class Flow:
    """What the flow did (its secrets and ids) and every line the server wrote to stderr."""

    text: str = ""
    lines: list[dict[str, Any]] = field(default_factory=list)
    secrets: list[str] = field(default_factory=list)  # emails, names, password, tokens
    facts: dict[str, Any] = field(default_factory=dict)

    def access(self, request_id: str) -> dict[str, Any]:
        [line] = [x for x in self.lines
                  if x["logger"] == "eventconnect.access" and x["request_id"] == request_id]
        return line


def _run_flow(url: str, flow: Flow) -> None:
    event_id = open_event(url, seats=2)
    tag = uuid.uuid4().hex[:8]
    member_email, member_name = f"zelda.{tag}@example.org", f"Zelda Quartermain{tag}"
    guest_email, guest_name = f"guinevere.{tag}@example.org", f"Guinevere Logtest{tag}"
    flow.secrets += [member_email, member_name, guest_email, guest_name, PASSWORD]

    status, _, account = _http(f"{url}/api/auth/signup", "POST", body={
        "email": member_email, "password": PASSWORD, "name": member_name})
    assert status == 201, account
    status, _, tokens = _http(f"{url}/api/auth/token", "POST",
                              form={"username": member_email, "password": PASSWORD})
    assert status == 200, tokens
    access_token = tokens["access_token"]
    flow.secrets += [access_token, tokens["refresh_token"]]

    status, headers, admitted = _http(f"{url}/api/events/{event_id}/registrations", "POST",
                                      body={}, headers={"Authorization": f"Bearer {access_token}"})
    assert status == 201, admitted
    flow.facts["member"] = {"account_id": account["id"], "request_id": headers["x-request-id"],
                            "position": admitted["position"], "x_position": headers["x-position"]}

    status, _, guest = _http(f"{url}/api/events/{event_id}/registrations", "POST",
                             body={"name": guest_name, "email": guest_email})
    assert status == 201, guest
    flow.secrets.append(guest["cancel_token"])
    rid = guest["registration_id"]
    status, headers, cancelled = _http(
        f"{url}/api/events/{event_id}/registrations/{rid}?token={guest['cancel_token']}", "DELETE")
    assert status == 200, cancelled
    flow.facts["cancel"] = {"request_id": headers["x-request-id"], "event_id": event_id,
                            "registration_id": rid, "position": cancelled["position"]}

    status, headers, _ = _http(f"{url}/api/events/{event_id}", headers={"X-Request-ID": "report-42.a_b"})
    flow.facts["kept_id"] = headers["x-request-id"]
    status, headers, _ = _http(f"{url}/api/events/{event_id}",
                               headers={"X-Request-ID": "two words; " + "x" * 70})
    flow.facts["replaced_id"] = headers["x-request-id"]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def flow(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flow]:
    """One `eventconnect serve` (its projector child included) per database, run through the flow
    with JSON logs; the server is stopped before its stderr is read, so every line is in."""
    tmp = tmp_path_factory.mktemp(f"logs-{request.param}")
    for settings in make_settings(request.param, tmp):
        env = server_env(settings, EVENTCONNECT_LOG_FORMAT="json")
        if settings.database_url:
            migrate(env)
        stderr_path = tmp / "stderr.log"
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        with stderr_path.open("w") as stderr:
            process = subprocess.Popen(  # demo data on the first start: events to register for
                [sys.executable, "-m", "eventconnect.cli", "serve", "--port", str(port)],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr, text=True)
        recorded = Flow(facts={"kind": request.param})
        try:
            _wait(lambda url=url, process=process: _answers(url, process), 40)
            _run_flow(url, recorded)
            _child_started(stderr_path)
        finally:
            kill_tree(process, 15)
        recorded.text = stderr_path.read_text()
        recorded.lines = [json.loads(line) for line in recorded.text.splitlines() if line.strip()]
        yield recorded


def _child_started(stderr: Path, seconds: float = 40) -> None:
    """Gives the projector child (slow to import on a busy machine) time to log its start-up
    before the server is stopped; the test then says whether it did."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if stderr.read_text().count('"logger": "eventconnect.bootstrap"') >= 2:
            return
        time.sleep(0.2)


def _answers(url: str, process: subprocess.Popen[str]) -> bool:
    if process.poll() is not None:
        pytest.fail(f"server exited with {process.returncode}")
    try:
        return _http(f"{url}/api/health")[0] == 200
    except OSError:
        return False


@slow
def test_every_line_of_serve_is_a_json_object_with_the_common_fields(flow: Flow) -> None:
    assert len(flow.lines) >= 8  # start-up lines and one access line per request of the flow
    for line in flow.lines:
        assert {"ts", "level", "logger", "message", "request_id"} <= line.keys(), line
        assert line["ts"].endswith("+00:00") and line["level"] in {"DEBUG", "INFO", "WARNING"}
    # The projector child logs through the same configuration: its own start-up warning (test
    # bcrypt cost) is the second one, and on PostgreSQL it says which projections it took.
    assert sum(x["logger"] == "eventconnect.bootstrap" for x in flow.lines) >= 2
    if flow.facts["kind"] == "postgres":
        assert any(x["logger"] == "projections.listen" for x in flow.lines)


@slow
def test_each_request_has_one_access_line_with_every_field(flow: Flow) -> None:
    line = flow.access(flow.facts["kept_id"])
    assert line.keys() == ACCESS_FIELDS
    assert (line["method"], line["route"], line["status"]) == ("GET", "/api/events/{event_id}", 200)
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] > 0
    assert line["command"] is None and line["position"] is None and line["actor_id"] is None


@slow
def test_a_sane_request_id_is_kept_and_another_is_replaced(flow: Flow) -> None:
    assert flow.facts["kept_id"] == "report-42.a_b"
    assert flow.access("report-42.a_b")["status"] == 200
    replaced = flow.facts["replaced_id"]
    assert re.fullmatch(r"[0-9a-f]{32}", replaced)
    assert flow.access(replaced)["route"] == "/api/events/{event_id}"
    assert "two words" not in flow.text


@slow
def test_a_signed_in_command_names_its_actor_command_and_position(flow: Flow) -> None:
    member = flow.facts["member"]
    line = flow.access(member["request_id"])
    assert line["actor_id"] == member["account_id"]
    assert line["command"] == "POST /api/events/{event_id}/registrations"
    assert line["status"] == 201
    assert line["position"] == member["position"] == int(member["x_position"])


@slow
def test_the_route_is_the_template_never_the_raw_path(flow: Flow) -> None:
    cancel = flow.facts["cancel"]
    line = flow.access(cancel["request_id"])
    assert line["route"] == "/api/events/{event_id}/registrations/{registration_id}"
    assert line["command"] == "DELETE /api/events/{event_id}/registrations/{registration_id}"
    assert line["actor_id"] is None and line["position"] == cancel["position"]
    assert cancel["registration_id"] not in json.dumps([x.get("route") for x in flow.lines])
    assert "token=" not in flow.text and "?" not in "".join(str(x.get("route")) for x in flow.lines)


@slow
def test_no_email_name_password_or_token_is_logged(flow: Flow) -> None:
    for secret in flow.secrets:
        assert secret not in flow.text, secret
    assert not EMAIL_LIKE.search(flow.text), EMAIL_LIKE.search(flow.text)


# --- in this process: the handler's stream -----------------------------------------------------


@pytest.fixture
def log_stream() -> Iterator[Any]:
    """Configures logging like the CLI does, onto a string; gives the root logger back after."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level

    def configure(**options: Any) -> io.StringIO:
        stream = io.StringIO()
        configure_logging(Settings(**options), stream=stream)
        return stream

    yield configure
    for handler in list(root.handlers):
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(False)


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    container = bootstrap(settings, clock=FakeClock(), migrate=True)
    with TestClient(create_app(container), raise_server_exceptions=False) as test_client:
        yield test_client
    container.write_model.close()
    container.read_engine.dispose()


def _explode() -> None:
    raise RuntimeError("secret detail")


def test_a_500_answer_and_its_log_lines_share_the_request_id(
        client: TestClient, log_stream: Any) -> None:
    client.app.add_api_route("/api/test-explode/{thing}", _explode, methods=["POST"])  # type: ignore[attr-defined]
    stream = log_stream(log_format="json")
    reported = client.post("/api/test-explode/guest-token-1", headers={"X-Request-ID": "user-report-7"})
    generated = client.post("/api/test-explode/guest-token-2")

    assert reported.status_code == generated.status_code == 500
    assert reported.json()["request_id"] == reported.headers["x-request-id"] == "user-report-7"
    request_id = generated.json()["request_id"]
    assert generated.headers["x-request-id"] == request_id and request_id != "user-report-7"
    # The test's own HTTP client (httpx) logs the URLs it calls; the server's lines are checked.
    lines = [x for x in map(json.loads, stream.getvalue().splitlines()) if x["logger"] != "httpx"]
    for rid in ("user-report-7", request_id):
        mine = {x["logger"]: x for x in lines if x["request_id"] == rid}
        assert mine.keys() == {"eventconnect.headers", "eventconnect.access"}
        assert "RuntimeError: secret detail" in mine["eventconnect.headers"]["exc_info"]
        assert mine["eventconnect.access"]["status"] == 500
        assert mine["eventconnect.access"]["route"] == "/api/test-explode/{thing}"
    assert "guest-token" not in json.dumps(lines)


def test_text_format_when_asked(client: TestClient, log_stream: Any) -> None:
    stream = log_stream(log_format="text")
    answer = client.get("/api/health")
    [line] = [x for x in stream.getvalue().splitlines() if "eventconnect.access" in x]
    assert not line.startswith("{")
    assert "INFO eventconnect.access GET /api/health 200 " in line
    assert line.endswith(f"[request {answer.headers['x-request-id']}]")


def test_auto_is_text_on_a_terminal_and_json_otherwise() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert not wants_json("auto", Terminal()) and wants_json("auto", io.StringIO())
    assert wants_json("json", Terminal()) and not wants_json("text", io.StringIO())


def test_the_log_settings_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCONNECT_LOG_FORMAT", " JSON ")
    monkeypatch.setenv("EVENTCONNECT_LOG_LEVEL", "warning")
    assert (Settings().log_format, Settings().log_level) == ("json", "WARNING")
    monkeypatch.setenv("EVENTCONNECT_LOG_FORMAT", "xml")
    with pytest.raises(ValidationError, match="EVENTCONNECT_LOG_FORMAT"):
        Settings()


def test_a_cli_command_logs_plain_text_when_asked(tmp_path: Path) -> None:
    env = server_env(Settings(data_dir=tmp_path / "var", database_url=None),
                     EVENTCONNECT_LOG_FORMAT="text")
    done = subprocess.run([sys.executable, "-m", "eventconnect.cli", "migrate"], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60, check=True)
    lines = done.stderr.splitlines()
    assert any(" INFO alembic.runtime.migration Running upgrade" in x for x in lines), done.stderr
    assert not any(x.startswith("{") for x in lines)
