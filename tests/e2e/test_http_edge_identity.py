"""The HTTP edge, who is calling: bad tokens on public GETs, drafts, look-alike emails, the
sign-in limits per (address, account), and which proxies may name the client's address."""

from __future__ import annotations

import argparse
import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient
from pydantic import ValidationError

from eventconnect import cli
from eventconnect.settings import Settings
from tests.conftest import FakeClock
from tests.e2e.conftest import (
    PASSWORD,
    as_organizer,
    assert_problem,
    create_event,
    login,
    make_account,
)

BAD_TOKEN = {"Authorization": "Bearer not.a.token"}


# --- a bad token is 401 everywhere ---------------------------------------------------------------


def test_a_bad_token_on_public_gets_is_401_and_no_token_is_anonymous(
        client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock)
    for path in ("/api/events", f"/api/events/{event_id}", f"/api/events/{event_id}/calendar.ics"):
        response = client.get(path, headers=BAD_TOKEN)
        assert_problem(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"] == "Bearer"
        assert client.get(path).status_code == 200


# --- drafts -----------------------------------------------------------------------------------


def test_a_draft_is_only_its_organizers_and_admins(client: TestClient, clock: FakeClock) -> None:
    draft = create_event(client, clock, publish=False)
    other_organizer = login(client, "organizer")
    for path in (f"/api/events/{draft}", f"/api/events/{draft}/calendar.ics"):
        assert_problem(client.get(path), 404, "not_found")
        assert_problem(client.get(path, headers=login(client, "member")), 404, "not_found")
        assert_problem(client.get(path, headers=other_organizer), 404, "not_found")
        assert client.get(path, headers=as_organizer(client)).status_code == 200
        assert client.get(path, headers=login(client, "admin")).status_code == 200
    assert client.get(f"/api/events/{draft}",
                      headers=as_organizer(client)).json()["status"] == "draft"


# --- look-alike emails ------------------------------------------------------------------------

MIXED = ["p\u0430ypal@example.org",  # Cyrillic a in a Latin local part
         "asha@p\u0430ypal.com",  # ... in a Latin domain label
         "asha@xn--pypal-4ve.com",  # the same label, as punycode
         "\u03bfmega@example.org"]  # Greek omicron before Latin letters
ONE_SCRIPT = ["\u0438\u0432\u0430\u043d@\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
              "user@\u03b5\u03bb\u03bb\u03ac\u03b4\u03b1.gr", "j\u00f6rg@m\u00fcnchen.de",
              "\u5c71\u7530\u305f\u308d\u3046@example.jp"]


def sign_up(client: TestClient, email: str) -> Any:
    return client.post("/api/auth/signup", json={"email": email, "password": "correct horse battery",
                                                 "name": "Look Alike"})


@pytest.mark.parametrize("email", MIXED)
def test_a_mixed_script_email_is_refused(client: TestClient, clock: FakeClock, email: str) -> None:
    body = assert_problem(sign_up(client, email), 422, "validation_error")
    assert "mixes letters of different scripts" in body["detail"]
    event_id = create_event(client, clock)
    guest = client.post(f"/api/events/{event_id}/registrations",
                        json={"name": "Look Alike", "email": email})
    assert_problem(guest, 422, "validation_error")


@pytest.mark.parametrize("email", ONE_SCRIPT)
def test_an_email_in_one_script_is_welcome(client: TestClient, email: str) -> None:
    assert sign_up(client, email).status_code == 201


# --- sign-in limits ---------------------------------------------------------------------------


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> Any:
    return client.post("/api/auth/token", data={"username": email, "password": password})


def test_failures_from_one_address_do_not_lock_out_the_others_behind_it(client: TestClient) -> None:
    for n in range(25):  # more than the per-(address, account) budget, on made-up accounts
        assert_problem(sign_in(client, f"victim{n}@example.org", "guess"), 401,
                       "invalid_credentials")
    made = make_account(client)
    assert sign_in(client, made["email"]).status_code == 200


def test_guessing_one_account_from_one_address_is_limited_there(client: TestClient) -> None:
    limits = client.app.state.container.limits  # type: ignore[attr-defined]
    limits.failures_per_account.limit = 1000  # only the per-(address, account) budget counts here
    made = make_account(client)
    for n in range(20):
        assert_problem(sign_in(client, made["email"], f"guess {n}"), 401, "invalid_credentials")
    assert_problem(sign_in(client, made["email"]), 429, "rate_limited")
    # The owner, signing in from elsewhere, is not locked by the guesses from that address.
    elsewhere = TestClient(client.app, client=("203.0.113.7", 50000))
    assert sign_in(elsewhere, made["email"]).status_code == 200  # type: ignore[arg-type]


def test_wrong_current_passwords_count_per_address_and_account(client: TestClient) -> None:
    limits = client.app.state.container.limits  # type: ignore[attr-defined]
    limits.failures_per_account.limit = 1000
    limits.failures_per_address_and_account.limit = 3
    made = make_account(client)
    headers = {"Authorization": f"Bearer {sign_in(client, made['email']).json()['access_token']}"}
    change = {"current_password": "wrong wrong wrong", "new_password": "a brand new passphrase"}
    for _ in range(3):
        assert_problem(client.put("/api/me/password", json=change, headers=headers), 401,
                       "invalid_credentials")
    assert_problem(client.put("/api/me/password", json=change, headers=headers), 429,
                   "rate_limited")


# --- trusted proxies --------------------------------------------------------------------------


async def echo_client(scope: Any, receive: Any, send: Any) -> None:
    """An ASGI app answering the client address uvicorn decided on."""
    if scope["type"] != "http":
        return
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": scope["client"][0].encode()})


def uvicorn_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict[str, Any]:
    """The proxy options `eventconnect serve` gives uvicorn, with uvicorn.run caught."""
    captured: dict[str, Any] = {}
    monkeypatch.setenv("EVENTCONNECT_DATA_DIR", str(tmp_path))
    store = SimpleNamespace(recorder=SimpleNamespace(max_notification_id=lambda: 1))
    monkeypatch.setattr(cli, "bootstrap", lambda settings: SimpleNamespace(write_model=store))
    monkeypatch.setattr("eventconnect.app.create_app", lambda container, **_: echo_client)
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: captured.update(options))
    cli._serve(argparse.Namespace(no_demo=True, no_projections=True, projector="thread",
                                  no_scheduler=True, no_notifier=True, host="127.0.0.1", port=0))
    return {k: v for k, v in captured.items() if k in ("proxy_headers", "forwarded_allow_ips")}


def running(options: dict[str, Any]) -> Iterator[str]:
    server = uvicorn.Server(uvicorn.Config(echo_client, host="127.0.0.1", port=0,
                                           log_level="warning", lifespan="off", **options))
    thread = threading.Thread(target=asyncio.run, args=(server.serve(),), daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(20)


@pytest.mark.parametrize(("trusted", "seen"), [
    (None, "127.0.0.1"),  # by default even loopback may not name another address
    ("10.0.0.0/8", "127.0.0.1"),  # a configured proxy elsewhere does not make loopback one
    ("127.0.0.0/8, ::1", "198.51.100.9"),
])
def test_forwarded_for_is_believed_only_from_trusted_proxies(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, trusted: str | None, seen: str) -> None:
    if trusted is None:
        monkeypatch.delenv("EVENTCONNECT_TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("EVENTCONNECT_TRUSTED_PROXIES", trusted)
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "*")  # uvicorn's own knob must not widen it
    for url in running(uvicorn_options(monkeypatch, tmp_path)):
        answer = httpx.get(url, headers={"X-Forwarded-For": "198.51.100.9"})
        assert answer.text == seen


def test_a_bad_trusted_proxy_entry_is_refused_at_start() -> None:
    with pytest.raises(ValidationError, match="not-an-address"):
        Settings(trusted_proxies="10.0.0.1, not-an-address")
    assert Settings(trusted_proxies="10.0.0.1, 192.168.0.0/16").trusted_proxies == [
        "10.0.0.1", "192.168.0.0/16"]
