"""HTTP: members register as themselves and see and cancel their own registrations; organizers own
their events; admins manage users and roles, with every change audited."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import (
    as_organizer,
    assert_problem,
    create_event,
    event_body,
    login,
    make_account,
    register,
)


def consistent(response: Any, headers: dict[str, str] | None = None) -> dict[str, str]:
    return {"X-Consistent-With": response.headers["X-Position"], **(headers or {})}


def test_a_member_registers_as_themself_and_sees_it(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1)
    register(client, event_id, 1)
    made = make_account(client, name="Mina Member")
    headers = login_as(client, made)
    client.patch("/api/me", json={"timezone": "America/New_York"}, headers=headers)
    response = client.post(f"/api/events/{event_id}/registrations", json={}, headers=headers)
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["status"], body["waitlist_position"], body["cancel_token"]) == (
        "waitlisted", 1, None)
    mine = client.get("/api/me/registrations", headers=consistent(response, headers)).json()
    assert mine["total"] == 1
    [item] = mine["items"]
    assert item["registration_id"] == body["registration_id"]
    assert (item["status"], item["waitlist_position"]) == ("waitlisted", 1)
    assert item["event"]["id"] == event_id
    assert item["event"]["starts_at"].endswith(("-05:00", "-04:00"))  # the profile's zone
    attendees = client.get(f"/api/events/{event_id}/attendees",
                           headers=consistent(response, as_organizer(client))).json()
    assert [a["email"] for a in attendees["items"]] == ["guest1@example.org", made["email"]]
    assert_problem(client.post(f"/api/events/{event_id}/registrations", headers=headers), 409,
                   "already_registered")


def test_a_member_sends_no_name_or_email(client: TestClient, clock: FakeClock,
                                         member: dict[str, str]) -> None:
    event_id = create_event(client, clock)
    response = client.post(f"/api/events/{event_id}/registrations", headers=member,
                           json={"name": "Someone", "email": "someone@example.org"})
    assert_problem(response, 422, "validation_error")
    assert client.post(f"/api/events/{event_id}/registrations",
                       headers=member).status_code == 201  # no body at all is fine too


def test_members_cancel_only_their_own(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1)
    ann, bo = login(client), login(client)
    url = f"/api/events/{event_id}/registrations"
    seat = client.post(url, json={}, headers=ann).json()["registration_id"]
    waiting = client.post(url, json={}, headers=bo).json()["registration_id"]
    assert_problem(client.delete(f"{url}/{seat}", headers=bo), 403, "forbidden")
    assert_problem(client.delete(f"{url}/{seat}"), 403, "forbidden")  # anonymous, no token
    response = client.delete(f"{url}/{seat}", headers=ann)
    assert response.status_code == 200, response.text
    assert response.json()["promoted_registration_id"] == waiting


def test_the_owner_and_admins_cancel_any_registration(client: TestClient, clock: FakeClock,
                                                      admin: dict[str, str]) -> None:
    event_id = create_event(client, clock)
    first, second = register(client, event_id, 1), register(client, event_id, 2)
    url = f"/api/events/{event_id}/registrations"
    other_organizer = login(client, "organizer")
    assert_problem(client.delete(f"{url}/{first['registration_id']}",
                                 headers=other_organizer), 403, "forbidden")
    for who, registration in ((as_organizer(client), first), (admin, second)):
        response = client.delete(f"{url}/{registration['registration_id']}", headers=who)
        assert response.status_code == 200, response.text
    history = client.get(f"/api/events/{event_id}/history", headers=admin).json()["items"]
    actors = [e["actor"] for e in history if e["type"] == "registration.cancelled"]
    assert actors[0] != actors[1] and "guest" not in actors


def test_the_organizer_is_the_caller_and_named_by_their_account(client: TestClient,
                                                                clock: FakeClock) -> None:
    made = make_account(client, "organizer", name="Olu Ade")
    headers = login_as(client, made)
    created = client.post("/api/events", headers=headers,
                          json=event_body(clock, organizer_name="Somebody Else"))
    assert created.status_code == 201, created.text
    event_id = created.json()["id"]
    shown = client.get(f"/api/events/{event_id}", headers=consistent(created)).json()
    assert shown["organizer"] == {"id": made["id"], "name": "Olu Ade"}
    renamed = client.patch("/api/me", json={"name": "Olu Adeyemi"}, headers=headers)
    assert renamed.status_code == 200 and renamed.json()["name"] == "Olu Adeyemi"
    shown = client.get(f"/api/events/{event_id}", headers=consistent(renamed)).json()
    assert shown["organizer"]["name"] == "Olu Adeyemi"


def test_organizers_manage_only_their_own_events(client: TestClient, clock: FakeClock,
                                                 admin: dict[str, str]) -> None:
    event_id = create_event(client, clock)
    other = login(client, "organizer")
    assert_problem(client.patch(f"/api/events/{event_id}", json={"title": "Mine now"},
                                headers=other), 403, "not_owner")
    assert_problem(client.get(f"/api/events/{event_id}/attendees", headers=other), 403,
                   "not_owner")
    assert client.patch(f"/api/events/{event_id}", json={"title": "Admin edit"},
                        headers=admin).status_code == 200


def test_a_demoted_organizer_manages_nothing(client: TestClient, clock: FakeClock,
                                             admin: dict[str, str]) -> None:
    made = make_account(client, "organizer")
    headers = login_as(client, made)
    event_id = create_event(client, clock, headers=headers)
    response = client.put(f"/api/users/{made['id']}/role", json={"role": "member"},
                          headers=admin)
    assert response.status_code == 200 and response.json()["role"] == "member"
    # The same token now acts as a member: roles are read from the account, not the token.
    assert_problem(client.post(f"/api/events/{event_id}/cancel", json={}, headers=headers), 403,
                   "forbidden")


def test_role_changes_are_audited_with_their_actor(client: TestClient) -> None:
    admin_account = make_account(client, "admin")
    admin = login_as(client, admin_account)
    made = make_account(client)
    response = client.put(f"/api/users/{made['id']}/role", json={"role": "organizer"},
                          headers=admin)
    assert response.status_code == 200, response.text
    history = client.get(f"/api/users/{made['id']}/history", headers=admin).json()["items"]
    assert [e["type"] for e in history] == ["account.signed_up",
                                            "account.verification_requested",  # Wave 2 (H5)
                                            "account.role_granted"]
    granted = history[-1]
    assert granted["actor"] == admin_account["id"]
    assert granted["data"] == {"role": "organizer", "previous": "member"}
    assert "password_hash" not in history[0]["data"]
    assert_problem(client.put(f"/api/users/{admin_account['id']}/role", json={"role": "member"},
                              headers=admin), 409, "cannot_change_own_access")
    assert_problem(client.put(f"/api/users/{made['id']}/role", json={"role": "owner"},
                              headers=admin), 422, "validation_error")
    assert_problem(client.put("/api/users/00000000-0000-4000-8000-000000000000/role",
                              json={"role": "member"}, headers=admin), 404, "not_found")


def test_admins_list_users_by_role_and_search(client: TestClient) -> None:
    admin = login(client, "admin")
    make_account(client, "analyst", email="ana@example.org", name="Ana Lytic")
    last = make_account(client, "organizer", email="olu@example.org", name="Olu 100%")
    headers = {"X-Consistent-With": str(last["position"]), **admin}
    everyone = client.get("/api/users", headers=headers).json()
    assert everyone["total"] == 3
    assert [u["email"] for u in everyone["items"]] == sorted(u["email"] for u in everyone["items"])
    organizers = client.get("/api/users", params={"role": "organizer"}, headers=headers).json()
    assert [u["email"] for u in organizers["items"]] == ["olu@example.org"]
    found = client.get("/api/users", params={"q": "LYTIC"}, headers=headers).json()
    assert [u["name"] for u in found["items"]] == ["Ana Lytic"]
    assert client.get("/api/users", params={"q": "100%"}, headers=headers).json()["total"] == 1
    assert client.get("/api/users", params={"q": "%"}, headers=headers).json()["total"] == 1
    page = client.get("/api/users", params={"page_size": 2, "page": 2}, headers=headers).json()
    assert (page["total"], len(page["items"])) == (3, 1)
    assert set(everyone["items"][0]) == {"id", "email", "name", "role", "timezone", "locale",
                                         "active", "created_at"}


def login_as(client: TestClient, made: dict[str, Any]) -> dict[str, str]:
    response = client.post("/api/auth/token", data={"username": made["email"],
                                                    "password": made["password"]})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
