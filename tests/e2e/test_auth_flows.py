"""HTTP: sign-up, sign-in, refresh rotation and reuse, sign-out, password change, deactivation,
token attacks and sign-in rate limits."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jose import jwt

from tests.conftest import FakeClock
from tests.e2e.conftest import PASSWORD, assert_problem, event_body, login, make_account

NEW_PASSWORD = "a brand new passphrase"


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> Any:
    return client.post("/api/auth/token", data={"username": email, "password": password})


def tokens_for(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, Any]:
    response = sign_in(client, email, password)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def auth(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


# --- signing up -----------------------------------------------------------------------------------

def test_sign_up_then_sign_in_and_see_the_profile(client: TestClient) -> None:
    response = client.post("/api/auth/signup", json={
        "email": " Asha@Example.org", "password": "correct horse battery", "name": "Asha Rao",
        "timezone": "Asia/Kolkata", "locale": "en-IN"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert {k: body[k] for k in ("email", "name", "role")} == {
        "email": "asha@example.org", "name": "Asha Rao", "role": "member"}
    pair = tokens_for(client, "ASHA@example.org", "correct horse battery")
    assert pair["token_type"] == "bearer" and pair["expires_in"] == 15 * 60
    me = client.get("/api/me", headers=auth(pair["access_token"])).json()
    assert me == {"id": body["id"], "email": "asha@example.org", "name": "Asha Rao",
                  "role": "member", "timezone": "Asia/Kolkata", "locale": "en-IN",
                  # Wave 2: the address is verified through the emailed link (H5)
                  "email_verified": False, "notifications": {"email": True, "reminders": True}}


def test_an_email_signs_up_once_in_any_case(client: TestClient) -> None:
    body = {"email": "ben@example.org", "password": "correct horse battery", "name": "Ben"}
    assert client.post("/api/auth/signup", json=body).status_code == 201
    again = client.post("/api/auth/signup", json={**body, "email": " BEN@example.ORG "})
    assert_problem(again, 409, "email_taken")


@pytest.mark.parametrize(("override", "field"), [
    ({"password": "short"}, "password"),
    ({"password": "password1234"}, "password"),
    ({"password": "Qwerty123456!"}, "password"),
    ({"password": "x" * 1025}, "password"),
    ({"email": "not-an-email"}, "email"),
    ({"name": ""}, "name"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"locale": "english please"}, "locale"),
    ({"role": "admin"}, "role"),  # nobody signs up as admin
])
def test_bad_sign_up_is_422(client: TestClient, override: dict[str, str], field: str) -> None:
    body = {"email": "cy@example.org", "password": "correct horse battery", "name": "Cy",
            **override}
    problem = assert_problem(client.post("/api/auth/signup", json=body), 422, "validation_error")
    assert any(field in map(str, e["loc"]) for e in problem["errors"]), problem
    if "password" in override:
        assert override["password"] not in json.dumps(problem)


# --- signing in -----------------------------------------------------------------------------------

def test_a_wrong_password_and_an_unknown_email_look_the_same(client: TestClient) -> None:
    made = make_account(client)
    wrong = sign_in(client, made["email"], "not the password at all")
    unknown = sign_in(client, "nobody@example.org", "not the password at all")
    for response in (wrong, unknown):
        assert_problem(response, 401, "invalid_credentials")
    assert wrong.json()["detail"] == unknown.json()["detail"] == "Incorrect email or password."


def test_unknown_email_is_checked_against_a_dummy_hash(client: TestClient) -> None:
    """The refusal of an unknown email costs one bcrypt check, like a wrong password."""
    hasher = client.app.state.container.accounts.hasher  # type: ignore[attr-defined]
    calls: list[str] = []
    original = hasher.verify_dummy
    hasher.verify_dummy = lambda password: (calls.append("dummy"), original(password))[1]
    sign_in(client, "nobody@example.org", "whatever it is")
    assert calls == ["dummy"]


def test_missing_form_fields_are_422(client: TestClient) -> None:
    assert_problem(client.post("/api/auth/token", data={"username": "a@example.org"}), 422,
                   "validation_error")
    assert_problem(client.post("/api/auth/token", data={"username": "a@example.org",
                                                        "password": "x",
                                                        "grant_type": "client_credentials"}),
                   422, "validation_error")


# --- refresh and sign-out -------------------------------------------------------------------------

def refresh(client: TestClient, token: str) -> Any:
    return client.post("/api/auth/refresh", json={"refresh_token": token})


def test_refresh_rotates_and_a_reused_token_revokes_the_family(client: TestClient) -> None:
    made = make_account(client)
    first = tokens_for(client, made["email"])
    second = refresh(client, first["refresh_token"])
    assert second.status_code == 200, second.text
    new = second.json()
    assert new["refresh_token"] != first["refresh_token"]
    assert client.get("/api/me", headers=auth(new["access_token"])).status_code == 200
    # The old refresh token again: someone else holds it. The whole session ends.
    assert_problem(refresh(client, first["refresh_token"]), 401, "token_reused")
    assert_problem(refresh(client, new["refresh_token"]), 401, "unauthorized")
    # Other sessions of the same account are untouched.
    other = tokens_for(client, made["email"])
    assert refresh(client, other["refresh_token"]).status_code == 200


def test_sign_out_ends_the_session(client: TestClient) -> None:
    made = make_account(client)
    pair = tokens_for(client, made["email"])
    response = client.post("/api/auth/logout", json={"refresh_token": pair["refresh_token"]})
    assert response.status_code == 204
    assert_problem(refresh(client, pair["refresh_token"]), 401, "unauthorized")


def test_an_access_token_is_no_refresh_token(client: TestClient) -> None:
    made = make_account(client)
    pair = tokens_for(client, made["email"])
    assert_problem(refresh(client, pair["access_token"]), 401, "unauthorized")
    assert_problem(client.get("/api/me", headers=auth(pair["refresh_token"])), 401,
                   "unauthorized")


# --- password and deactivation --------------------------------------------------------------------

def test_a_new_password_ends_every_other_session(client: TestClient) -> None:
    made = make_account(client)
    old = tokens_for(client, made["email"])
    response = client.put("/api/me/password", headers=auth(old["access_token"]), json={
        "current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert response.status_code == 200, response.text
    fresh = response.json()
    assert client.get("/api/me", headers=auth(fresh["access_token"])).status_code == 200
    assert_problem(client.get("/api/me", headers=auth(old["access_token"])), 401, "unauthorized")
    assert_problem(refresh(client, old["refresh_token"]), 401, "unauthorized")
    assert_problem(sign_in(client, made["email"]), 401, "invalid_credentials")
    assert sign_in(client, made["email"], NEW_PASSWORD).status_code == 200


def test_password_change_needs_the_current_one_and_a_strong_new_one(client: TestClient) -> None:
    headers = login(client)
    assert_problem(client.put("/api/me/password", headers=headers, json={
        "current_password": "wrong wrong wrong", "new_password": NEW_PASSWORD}), 401,
        "invalid_credentials")
    assert_problem(client.put("/api/me/password", headers=headers, json={
        "current_password": PASSWORD, "new_password": "password12"}), 422, "validation_error")


def test_a_deactivated_user_is_locked_out(client: TestClient) -> None:
    made = make_account(client)
    pair = tokens_for(client, made["email"])
    admin = login(client, "admin")
    response = client.post(f"/api/users/{made['id']}/deactivate", headers=admin)
    assert response.status_code == 200, response.text
    assert_problem(client.get("/api/me", headers=auth(pair["access_token"])), 401,
                   "unauthorized")
    assert_problem(refresh(client, pair["refresh_token"]), 401, "unauthorized")
    refused = sign_in(client, made["email"])
    assert_problem(refused, 401, "invalid_credentials")
    assert refused.json()["detail"] == "Incorrect email or password."


# --- token attacks over HTTP ----------------------------------------------------------------------

def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_forged_and_expired_tokens_get_401_everywhere(client: TestClient,
                                                      clock: FakeClock) -> None:
    made = make_account(client, "organizer")
    token = tokens_for(client, made["email"])["access_token"]
    claims = jwt.get_unverified_claims(token)
    header, _, signature = token.split(".")
    as_admin = {**claims, "role": "admin"}
    forged = {
        "alg none": f"{_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64(as_admin)}.",
        "tampered payload": f"{header}.{_b64(as_admin)}.{signature}",
        "wrong secret": jwt.encode(as_admin, "not the server's secret" * 2, algorithm="HS256"),
        "garbage": "not-a-jwt",
    }
    for name, bad in forged.items():
        for method, url in (("GET", "/api/me"), ("POST", "/api/events")):
            response = client.request(method, url, headers=auth(bad), json=event_body(clock))
            assert response.status_code == 401, (name, url, response.text)
    clock.advance(minutes=16)
    assert_problem(client.get("/api/me", headers=auth(token)), 401, "unauthorized")


def test_a_bad_token_never_falls_back_to_guest(client: TestClient, clock: FakeClock,
                                               organizer: dict[str, str]) -> None:
    event_id = client.post("/api/events", json=event_body(clock), headers=organizer).json()["id"]
    response = client.post(f"/api/events/{event_id}/registrations",
                           headers=auth("not-a-jwt"),
                           json={"name": "Sneaky", "email": "sneaky@example.org"})
    assert_problem(response, 401, "unauthorized")


# --- rate limits ----------------------------------------------------------------------------------

class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_guessing_one_account_is_slowed_down(client: TestClient) -> None:
    limits = client.app.state.container.limits  # type: ignore[attr-defined]
    limits.failures_per_account.clock = limits.failures_per_address_and_account.clock = clock = Clock()
    made = make_account(client)
    for n in range(5):
        assert_problem(sign_in(client, made["email"], f"guess number {n}"), 401,
                       "invalid_credentials")
    limited = sign_in(client, made["email"].upper(), PASSWORD)  # even the right password waits
    assert_problem(limited, 429, "rate_limited")
    assert int(limited.headers["Retry-After"]) == 300
    # Another account from the same address is not locked by this one.
    other = make_account(client)
    assert sign_in(client, other["email"]).status_code == 200
    clock.now += 301
    assert sign_in(client, made["email"]).status_code == 200


def test_a_success_forgives_earlier_typos(client: TestClient) -> None:
    made = make_account(client)
    for _ in range(4):
        sign_in(client, made["email"], "typo typo typo")
    assert sign_in(client, made["email"]).status_code == 200
    for _ in range(4):
        sign_in(client, made["email"], "typo typo typo")
    assert sign_in(client, made["email"]).status_code == 200


# Failures per address alone are no longer counted (they locked out everyone behind an address):
# tests/e2e/test_http_edge_identity.py checks the per (address, account) limit instead.


def test_sign_ups_from_one_address_are_limited(client: TestClient) -> None:
    limits = client.app.state.container.limits  # type: ignore[attr-defined]
    limits.signups_per_address.limit = 2
    for n in range(2):
        assert client.post("/api/auth/signup", json={
            "email": f"s{n}@example.org", "password": "correct horse battery",
            "name": "S"}).status_code == 201
    response = client.post("/api/auth/signup", json={
        "email": "s9@example.org", "password": "correct horse battery", "name": "S"})
    assert_problem(response, 429, "rate_limited")
    assert "Retry-After" in response.headers
