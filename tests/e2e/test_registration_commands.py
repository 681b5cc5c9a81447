"""HTTP: registering, the waitlist, cancelling with a token, promotion and check-in."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import as_organizer, assert_problem, create_event, register

UNKNOWN = "00000000-0000-4000-8000-000000000000"


def test_register_confirms_then_waitlists(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1)
    first = register(client, event_id, 1)
    second = register(client, event_id, 2)
    assert (first["status"], first["waitlist_position"]) == ("confirmed", None)
    assert (second["status"], second["waitlist_position"]) == ("waitlisted", 1)
    assert first["cancel_token"] and first["cancel_token"] != second["cancel_token"]
    assert second["position"] > first["position"]


def test_duplicate_email_any_case_is_409(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock)
    register(client, event_id, 1)
    response = client.post(f"/api/events/{event_id}/registrations",
                           json={"name": "Again", "email": "  GUEST1@Example.org "})
    assert_problem(response, 409, "already_registered")


def test_full_without_waitlist_is_409(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1, waitlist_enabled=False)
    register(client, event_id, 1)
    response = client.post(f"/api/events/{event_id}/registrations",
                           json={"name": "Late", "email": "late@example.org"})
    assert_problem(response, 409, "event_full")


def test_started_event_is_closed(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock)
    clock.advance(days=11)
    response = client.post(f"/api/events/{event_id}/registrations",
                           json={"name": "Late", "email": "late@example.org"})
    assert_problem(response, 409, "registration_closed")


@pytest.mark.parametrize("body", [
    {"name": "A"}, {"email": "a@example.org"}, {"name": "", "email": "a@example.org"},
    {"name": "A", "email": "not-an-email"}, {"name": "A" * 121, "email": "a@example.org"},
    {"name": 5, "email": "a@example.org"},
])
def test_bad_guest_input_is_422(client: TestClient, clock: FakeClock, body: dict[str, object]) -> None:
    event_id = create_event(client, clock)
    assert_problem(client.post(f"/api/events/{event_id}/registrations", json=body), 422,
                   "validation_error")


def test_register_for_unknown_event_is_404(client: TestClient) -> None:
    response = client.post(f"/api/events/{UNKNOWN}/registrations",
                           json={"name": "A", "email": "a@example.org"})
    assert_problem(response, 404, "not_found")


def test_cancel_with_token_promotes_first_in_line(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1)
    seated = register(client, event_id, 1)
    waiting = register(client, event_id, 2)
    register(client, event_id, 3)
    url = f"/api/events/{event_id}/registrations/{seated['registration_id']}"
    response = client.delete(url, params={"token": seated["cancel_token"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "cancelled"
    assert body["promoted_registration_id"] == waiting["registration_id"]
    waitlist = client.get(f"/api/events/{event_id}/waitlist",
                          headers={"X-Consistent-With": str(body["position"]),
                                   **as_organizer(client)}).json()
    assert [w["name"] for w in waitlist["items"]] == ["Guest 3"]
    assert_problem(client.delete(url, params={"token": seated["cancel_token"]}), 409,
                   "registration_not_active")


def test_cancel_with_wrong_or_missing_token_is_403(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock)
    seated = register(client, event_id, 1)
    url = f"/api/events/{event_id}/registrations/{seated['registration_id']}"
    assert_problem(client.delete(url, params={"token": "guess"}), 403, "forbidden")
    assert_problem(client.delete(url), 403, "forbidden")


def test_cancel_unknown_registration_is_404(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock)
    other_event = create_event(client, clock)
    foreign = register(client, other_event, 1)
    for registration_id in (UNKNOWN, foreign["registration_id"]):
        response = client.delete(f"/api/events/{event_id}/registrations/{registration_id}",
                                 params={"token": foreign["cancel_token"]})
        assert_problem(response, 404, "not_found")


def test_register_again_after_cancelling(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock)
    first = register(client, event_id, 1)
    client.delete(f"/api/events/{event_id}/registrations/{first['registration_id']}",
                  params={"token": first["cancel_token"]})
    again = register(client, event_id, 1)
    assert again["registration_id"] == first["registration_id"]
    assert again["status"] == "confirmed" and again["cancel_token"] != first["cancel_token"]


def test_check_in_only_confirmed_and_once(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1)
    seated = register(client, event_id, 1)
    waiting = register(client, event_id, 2)
    base = f"/api/events/{event_id}/registrations"
    owner = as_organizer(client)
    response = client.post(f"{base}/{seated['registration_id']}/check-in", headers=owner)
    assert response.status_code == 200 and response.json()["checked_in_at"]
    assert_problem(client.post(f"{base}/{seated['registration_id']}/check-in", headers=owner),
                   409, "already_checked_in")
    assert_problem(client.post(f"{base}/{waiting['registration_id']}/check-in", headers=owner),
                   409, "not_confirmed")
