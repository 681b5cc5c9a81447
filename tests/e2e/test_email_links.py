"""HTTP: the emailed links (verifying the address, a forgotten password), the notification
switches of the profile, and names that try to inject mail headers or markup."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from query_api.event_store import read_stream
from tests.conftest import FakeClock
from tests.e2e.conftest import PASSWORD, assert_problem, make_account
from tests.e2e.outbox import link_token, mails, text_of
from tests.mailbox import smtp_sink

NEW_PASSWORD = "a brand new passphrase"


def sign_up(client: TestClient, email: str, **extra: Any) -> dict[str, Any]:
    response = client.post("/api/auth/signup", json={
        "email": email, "password": PASSWORD, "name": "Asha Rao", **extra})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def tokens(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    response = client.post("/api/auth/token", data={"username": email, "password": password})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def auth(pair: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {pair['access_token']}"}


def me(client: TestClient, pair: dict[str, Any]) -> dict[str, Any]:
    response = client.get("/api/me", headers=auth(pair))
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


# --- verification ---------------------------------------------------------------------------------

def test_sign_up_emails_a_link_that_verifies_the_address(client: TestClient) -> None:
    created = sign_up(client, "Asha@Example.org", locale="de-DE")
    assert created["email_verified"] is False
    [message] = mails(client, kind="email_verification", to="asha@example.org")
    assert "Bestätigen Sie" in message["Subject"]  # German, as the account's locale asks
    base = client.app.state.container.settings.link_base  # type: ignore[attr-defined]
    assert f"{base}/verify-email?token=" in text_of(message)
    token = link_token(message, "verify-email")
    pair = tokens(client, "asha@example.org")
    assert me(client, pair)["email_verified"] is False

    response = client.post("/api/auth/verify", params={"token": token})
    assert response.status_code == 200, response.text
    assert response.json()["email_verified"] is True
    assert response.headers["X-Position"] == str(response.json()["position"])
    assert me(client, pair)["email_verified"] is True
    # Following the link again is harmless; an altered one is refused.
    assert client.post("/api/auth/verify", params={"token": token}).status_code == 200
    assert_problem(client.post("/api/auth/verify", params={"token": token[:-2] + "xx"}),
                   409, "invalid_token")

    # Only the token's hash was recorded: the store cannot verify anyone.
    stream = read_stream(client.app.state.container.write_model,  # type: ignore[attr-defined]
                         UUID(created["id"]))
    assert all(token.partition(".")[2] not in repr(r.event.__dict__) for r in stream)


@pytest.mark.parametrize("token", ["", "nodot", "not-hex.abc", "0" * 32 + ".abc", "a b", "x" * 201])
def test_a_malformed_or_unknown_verification_token_is_a_problem(client: TestClient,
                                                                token: str) -> None:
    response = client.post("/api/auth/verify", params={"token": token})
    assert response.status_code in (409, 422), response.text
    assert response.json()["code"] in ("invalid_token", "validation_error")


def test_a_new_link_replaces_the_old_and_a_verified_address_needs_none(client: TestClient) -> None:
    sign_up(client, "ben@example.org")
    pair = tokens(client, "ben@example.org")
    response = client.post("/api/auth/verify/resend", headers=auth(pair))
    assert response.status_code == 202, response.text
    first, second = mails(client, kind="email_verification", to="ben@example.org")
    assert_problem(client.post("/api/auth/verify",
                               params={"token": link_token(first, "verify-email")}),
                   409, "invalid_token")
    assert client.post("/api/auth/verify",
                       params={"token": link_token(second, "verify-email")}).status_code == 200
    assert_problem(client.post("/api/auth/verify/resend", headers=auth(pair)), 409,
                   "invalid_state")
    assert_problem(client.post("/api/auth/verify/resend"), 401, "unauthorized")


def test_the_cli_admin_is_verified_and_gets_no_link(client: TestClient) -> None:
    accounts = client.app.state.container.accounts  # type: ignore[attr-defined]
    account, created, _ = accounts.ensure_admin(email="root@example.org", password=PASSWORD,
                                                name="Root", actor="cli")
    assert created and account.email_verified
    assert mails(client, kind="email_verification", to="root@example.org") == []


def test_the_verification_email_goes_over_real_smtp(settings: Settings, clock: FakeClock) -> None:
    with smtp_sink() as sink:
        smtp = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": sink.port,
                                           "smtp_tls": "none"})
        with TestClient(create_app(bootstrap(smtp, clock=clock, migrate=True))) as client:
            sign_up(client, "cleo@example.org")
            [received] = sink.wait_for(1)
    assert received.recipients == ["cleo@example.org"]
    assert received.message["X-EventConnect-Kind"] == "email_verification"
    assert "/verify-email?token=" in text_of(received.message)


# --- a forgotten password -------------------------------------------------------------------------

def test_password_reset_answers_the_same_for_unknown_addresses(client: TestClient) -> None:
    make_account(client, email="dana@example.org")
    known = client.post("/api/auth/password-reset", json={"email": "dana@example.org"})
    unknown = client.post("/api/auth/password-reset", json={"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert len(mails(client, kind="password_reset", to="dana@example.org")) == 1
    assert mails(client, kind="password_reset", to="nobody@example.org") == []


def test_a_reset_ends_every_session_and_its_link_works_once(client: TestClient) -> None:
    make_account(client, email="eli@example.org")
    old = tokens(client, "eli@example.org")
    client.post("/api/auth/password-reset", json={"email": "ELI@example.org"})
    [message] = mails(client, kind="password_reset", to="eli@example.org")
    token = link_token(message, "reset-password")

    weak = client.post("/api/auth/password-reset/confirm",
                       json={"token": token, "new_password": "password"})
    assert_problem(weak, 422, "validation_error")
    done = client.post("/api/auth/password-reset/confirm",
                       json={"token": token, "new_password": NEW_PASSWORD})
    assert done.status_code == 200, done.text

    assert_problem(client.post("/api/auth/refresh", json={"refresh_token": old["refresh_token"]}),
                   401, "unauthorized")
    assert_problem(client.get("/api/me", headers=auth(old)), 401, "unauthorized")
    assert client.post("/api/auth/token", data={"username": "eli@example.org",
                                                "password": PASSWORD}).status_code == 401
    fresh = tokens(client, "eli@example.org", NEW_PASSWORD)
    assert me(client, fresh)["email_verified"] is True  # the link proved the address
    again = client.post("/api/auth/password-reset/confirm",
                        json={"token": token, "new_password": "yet another passphrase"})
    assert_problem(again, 409, "invalid_token")


def test_a_reset_link_expires_after_an_hour(client: TestClient, clock: FakeClock) -> None:
    make_account(client, email="fay@example.org")
    client.post("/api/auth/password-reset", json={"email": "fay@example.org"})
    token = link_token(mails(client, kind="password_reset", to="fay@example.org")[0],
                       "reset-password")
    clock.advance(hours=1)
    expired = client.post("/api/auth/password-reset/confirm",
                          json={"token": token, "new_password": NEW_PASSWORD})
    assert_problem(expired, 409, "invalid_token")
    tokens(client, "fay@example.org")  # the old password still works


@pytest.fixture
def strict_client(settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    tight = settings.model_copy(update={"password_resets_per_email_per_hour": 2,
                                        "password_resets_per_address_per_hour": 4})
    with TestClient(create_app(bootstrap(tight, clock=clock, migrate=True)),
                    raise_server_exceptions=False) as client:
        yield client


def test_reset_requests_are_limited_per_inbox_silently_and_per_client(
        strict_client: TestClient) -> None:
    make_account(strict_client, email="gus@example.org")
    answers = [strict_client.post("/api/auth/password-reset", json={"email": "gus@example.org"})
               for _ in range(3)]
    assert [a.status_code for a in answers] == [202, 202, 202]
    assert len(mails(strict_client, kind="password_reset", to="gus@example.org")) == 2
    strict_client.post("/api/auth/password-reset", json={"email": "other@example.org"})
    limited = strict_client.post("/api/auth/password-reset", json={"email": "x@example.org"})
    assert_problem(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) > 0


# --- notification switches ------------------------------------------------------------------------

def test_notification_switches_default_on_and_change_through_patch(client: TestClient) -> None:
    sign_up(client, "hana@example.org")
    pair = tokens(client, "hana@example.org")
    assert me(client, pair)["notifications"] == {"email": True, "reminders": True}
    response = client.patch("/api/me", headers=auth(pair),
                            json={"notifications": {"reminders": False}, "locale": "de"})
    assert response.status_code == 200, response.text
    assert response.json()["notifications"] == {"email": True, "reminders": False}
    profile = me(client, pair)
    assert profile["notifications"] == {"email": True, "reminders": False}
    assert profile["locale"] == "de"
    account = client.app.state.container.accounts.load(UUID(profile["id"]))  # type: ignore[attr-defined]
    assert (account.email_notifications, account.reminder_notifications) == (True, False)
    for bad in ({"notifications": {"email": "no"}}, {"notifications": {"sms": True}},
                {"notifications": {"email": 0}}):
        assert_problem(client.patch("/api/me", headers=auth(pair), json=bad), 422,
                       "validation_error")


# --- hostile names --------------------------------------------------------------------------------

def test_a_name_cannot_inject_mail_headers_or_markup(client: TestClient) -> None:
    injected = client.post("/api/auth/signup", json={
        "email": "ivy@example.org", "password": PASSWORD, "name": "Ivy\r\nBcc: all@evil.example"})
    assert_problem(injected, 422, "validation_error")
    assert mails(client, kind="email_verification", to="ivy@example.org") == []
    sign_up(client, "ivy@example.org", name='<script>alert("x")</script> Ivy')
    [message] = mails(client, kind="email_verification", to="ivy@example.org")
    assert message["Bcc"] is None and "evil" not in str(message)
    html = text_of(message, "html")
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- the users read model -------------------------------------------------------------------------

def test_the_users_read_model_follows_verification_and_switches(client: TestClient) -> None:
    from sqlalchemy import select

    from projections.tables import users

    container = client.app.state.container  # type: ignore[attr-defined]
    created = sign_up(client, "kim@example.org")

    def row() -> Any:
        with container.read_engine.connect() as conn:
            return conn.execute(select(users.c.email_verified, users.c.email_notifications,
                                       users.c.reminder_notifications)
                                .where(users.c.id == UUID(created["id"]))).one()

    assert container.runner.wait_for(created["position"], timeout=5)
    assert tuple(row()) == (False, True, True)
    [message] = mails(client, kind="email_verification", to="kim@example.org")
    client.post("/api/auth/verify", params={"token": link_token(message, "verify-email")})
    patched = client.patch("/api/me", headers=auth(tokens(client, "kim@example.org")),
                           json={"notifications": {"email": False}})
    assert container.runner.wait_for(patched.json()["position"], timeout=5)
    assert tuple(row()) == (True, False, True)
