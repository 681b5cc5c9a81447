"""HTTP: whose email is it — a guest registration with a verified member's address is theirs;
the guest limit per client address; a registration's own page; the registration's language."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from fastapi.testclient import TestClient

from command_api.routes.registrations import guest_locale
from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from tests.conftest import FakeClock
from tests.e2e.conftest import (
    PASSWORD,
    as_organizer,
    assert_problem,
    bearer,
    create_event,
    login,
    make_account,
)
from tests.e2e.outbox import link_token, mails


def verified_member(client: TestClient, email: str) -> dict[str, str]:
    """A member who signed up over HTTP and followed the emailed link: their headers."""
    response = client.post("/api/auth/signup", json={"email": email, "password": PASSWORD,
                                                     "name": "Mira Member", "locale": "de"})
    assert response.status_code == 201, response.text
    [message] = mails(client, kind="email_verification", to=email)
    verified = client.post("/api/auth/verify",
                           params={"token": link_token(message, "verify-email")})
    assert verified.status_code == 200, verified.text
    return bearer(client, email)


def guest_registers(client: TestClient, event_id: str, email: str, name: str = "Gia Guest",
                    **headers: str) -> dict[str, Any]:
    response = client.post(f"/api/events/{event_id}/registrations",
                           json={"name": name, "email": email}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def my_registrations(client: TestClient, headers: dict[str, str], position: int) -> list[Any]:
    response = client.get("/api/me/registrations",
                          headers={**headers, "X-Consistent-With": str(position)})
    assert response.status_code == 200, response.text
    return [item["registration_id"] for item in response.json()["items"]]


# --- whose email is it ----------------------------------------------------------------------------

def test_a_guest_registration_with_a_verified_members_email_is_theirs(
        client: TestClient, clock: FakeClock) -> None:
    member = verified_member(client, "mira@example.org")
    event_id = create_event(client, clock)
    made = guest_registers(client, event_id, " MIRA@example.org")
    assert made["cancel_token"]  # the guest who made it can still cancel it
    assert my_registrations(client, member, made["position"]) == [made["registration_id"]]
    cancelled = client.delete(f"/api/events/{event_id}/registrations/{made['registration_id']}",
                              headers=member)
    assert cancelled.status_code == 200, cancelled.text
    # The member's own registration would now reopen the same one (one per address and event).
    again = client.post(f"/api/events/{event_id}/registrations", json={}, headers=member)
    assert again.status_code == 201, again.text
    assert again.json()["registration_id"] == made["registration_id"]


def test_the_guest_keeps_their_cancel_token_on_a_members_registration(
        client: TestClient, clock: FakeClock) -> None:
    verified_member(client, "nia@example.org")
    event_id = create_event(client, clock)
    made = guest_registers(client, event_id, "nia@example.org")
    response = client.delete(f"/api/events/{event_id}/registrations/{made['registration_id']}",
                             params={"token": made["cancel_token"]})
    assert response.status_code == 200, response.text


def test_an_unverified_members_email_stays_a_guest_registration(
        client: TestClient, clock: FakeClock) -> None:
    made_account = make_account(client, email="otto@example.org")  # never verified
    member = bearer(client, made_account["email"])
    event_id = create_event(client, clock)
    made = guest_registers(client, event_id, "otto@example.org")
    assert my_registrations(client, member, made["position"]) == []
    refused = client.delete(f"/api/events/{event_id}/registrations/{made['registration_id']}",
                            headers=member)
    assert_problem(refused, 403, "forbidden")


# --- the guest limit ------------------------------------------------------------------------------

@pytest.fixture
def limited_client(settings: Settings, clock: FakeClock) -> Iterator[TestClient]:
    tight = settings.model_copy(update={"guest_registration_limit": "2/10m"})
    with TestClient(create_app(bootstrap(tight, clock=clock, migrate=True)),
                    raise_server_exceptions=False) as client:
        yield client


def test_guest_registrations_are_limited_per_client_address(limited_client: TestClient,
                                                            clock: FakeClock) -> None:
    event_id = create_event(limited_client, clock, capacity=10)
    guest_registers(limited_client, event_id, "p1@example.org")
    guest_registers(limited_client, event_id, "p2@example.org")
    refused = limited_client.post(f"/api/events/{event_id}/registrations",
                                  json={"name": "P3", "email": "p3@example.org"})
    assert_problem(refused, 429, "rate_limited")
    assert 0 < int(refused.headers["Retry-After"]) <= 600
    # Members are not guests: they register as themselves whatever the address's count.
    member = login(limited_client)
    assert limited_client.post(f"/api/events/{event_id}/registrations", json={},
                               headers=member).status_code == 201


def test_the_guest_limit_setting_is_validated() -> None:
    assert Settings(guest_registration_limit="off").guest_registration_limit == "off"
    for bad in ("30", "x/10m", "0/10m", "30/0s", "30/10y", "30/nanm", "30/infs"):
        with pytest.raises(ValueError, match="limit"):
            Settings(guest_registration_limit=bad)


# --- the registration's page ----------------------------------------------------------------------

def page(client: TestClient, event_id: str, registration_id: str, position: int, *,
         token: str | None = None, headers: dict[str, str] | None = None) -> Any:
    return client.get(f"/api/events/{event_id}/registrations/{registration_id}",
                      params={"token": token} if token else None,
                      headers={**(headers or {}), "X-Consistent-With": str(position)})


def test_the_registration_page_opens_for_its_holders_only(client: TestClient,
                                                          clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1)
    guest_registers(client, event_id, "first@example.org", name="First")
    made = guest_registers(client, event_id, "quinn@example.org", name="Quinn")
    rid, position = made["registration_id"], made["position"]

    seen = page(client, event_id, rid, position, token=made["cancel_token"])
    assert seen.status_code == 200, seen.text
    body = seen.json()
    assert (body["registration_id"], body["name"], body["status"],
            body["waitlist_position"], body["checked_in_at"]) == (rid, "Quinn", "waitlisted",
                                                                  1, None)
    assert body["event"]["id"] == event_id and body["event"]["timezone"] == "Asia/Kolkata"
    assert body["event"]["starts_at"].endswith("+05:30")  # the event's zone for a guest

    assert page(client, event_id, rid, position, headers=as_organizer(client)).status_code == 200
    assert page(client, event_id, rid, position, headers=login(client, "admin")).status_code == 200
    unknown = page(client, event_id, str(UUID(int=7)), position, token=made["cancel_token"])
    for refused in (page(client, event_id, rid, position),
                    page(client, event_id, rid, position, token="wrong"),
                    page(client, event_id, rid, position, headers=login(client)),
                    page(client, event_id, rid, position, headers=login(client, "organizer")),
                    unknown):
        assert_problem(refused, 404, "not_found")
    # A stranger cannot tell a real registration from a made-up one.
    assert (page(client, event_id, rid, position).json()["detail"].replace(rid, "?")
            == unknown.json()["detail"].replace(str(UUID(int=7)), "?"))


def test_the_member_who_holds_it_sees_the_page_without_a_token(client: TestClient,
                                                               clock: FakeClock) -> None:
    member = verified_member(client, "rae@example.org")
    event_id = create_event(client, clock)
    made = guest_registers(client, event_id, "rae@example.org")
    seen = page(client, event_id, made["registration_id"], made["position"], headers=member)
    assert seen.status_code == 200, seen.text
    assert seen.json()["status"] == "confirmed" and seen.json()["waitlist_position"] is None


def test_a_reopened_registration_answers_to_its_new_token_only(client: TestClient,
                                                               clock: FakeClock) -> None:
    event_id = create_event(client, clock)
    first = guest_registers(client, event_id, "sam@example.org")
    rid = first["registration_id"]
    client.delete(f"/api/events/{event_id}/registrations/{rid}",
                  params={"token": first["cancel_token"]})
    second = guest_registers(client, event_id, "sam@example.org")
    assert page(client, event_id, rid, second["position"],
                token=second["cancel_token"]).status_code == 200
    assert_problem(page(client, event_id, rid, second["position"], token=first["cancel_token"]),
                   404, "not_found")


# --- the registration's language ------------------------------------------------------------------

def test_a_guests_registration_is_in_their_accept_language(client: TestClient,
                                                           clock: FakeClock) -> None:
    write_model = client.app.state.container.write_model  # type: ignore[attr-defined]
    event_id = create_event(client, clock, capacity=10)
    german = guest_registers(client, event_id, "tia@example.org",
                             **{"Accept-Language": "fr-CH, de-AT;q=0.8, en;q=0.5"})
    english = guest_registers(client, event_id, "uma@example.org",
                              **{"Accept-Language": "fr, ja"})
    assert write_model.load(UUID(german["registration_id"])).locale == "de"
    assert write_model.load(UUID(english["registration_id"])).locale == "en"
    # A verified member's address: the member's own language, whatever the guest's browser says.
    verified_member(client, "vic@example.org")  # locale de
    owned = guest_registers(client, event_id, "vic@example.org", **{"Accept-Language": "en"})
    assert write_model.load(UUID(owned["registration_id"])).locale == "de"


@pytest.mark.parametrize(("header", "locale"), [
    (None, "en"), ("", "en"), ("de", "de"), ("DE-de", "de"), ("en-GB,de;q=0.9", "en"),
    ("de;q=0.1, en;q=0.9", "en"), ("de;q=0", "en"), ("de;q=bogus, en", "en"), ("*", "en"),
    ("x" * 10_000, "en"), (",,;;q=,", "en"),
])
def test_guest_locale_takes_the_first_supported_language(header: str | None, locale: str) -> None:
    assert guest_locale(header) == locale


def test_the_signed_link_of_the_emails_opens_and_cancels_that_registration_only(
        client: TestClient, clock: FakeClock) -> None:
    from kernel.links import registration_token

    secret = client.app.state.container.link_secret  # type: ignore[attr-defined]
    event_id = create_event(client, clock, capacity=5)
    mine = guest_registers(client, event_id, "wes@example.org")
    other = guest_registers(client, event_id, "xia@example.org")
    link = registration_token(secret, UUID(mine["registration_id"]))
    assert page(client, event_id, mine["registration_id"], mine["position"],
                token=link).status_code == 200
    assert_problem(page(client, event_id, other["registration_id"], other["position"],
                        token=link), 404, "not_found")
    refused = client.delete(f"/api/events/{event_id}/registrations/{other['registration_id']}",
                            params={"token": link})
    assert_problem(refused, 403, "forbidden")
    cancelled = client.delete(f"/api/events/{event_id}/registrations/{mine['registration_id']}",
                              params={"token": link})
    assert cancelled.status_code == 200, cancelled.text
