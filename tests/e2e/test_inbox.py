"""The inbox over HTTP: a member's notifications newest first with the unread count, mark one
read, mark all read; nobody reads or marks another member's."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from eventconnect.app import create_app
from eventconnect.bootstrap import bootstrap
from eventconnect.settings import Settings
from tests.conftest import FakeClock
from tests.e2e.conftest import assert_problem, bearer, create_event, login, make_account


def notify(client: TestClient) -> None:
    container = client.app.state.container  # type: ignore[attr-defined]
    container.notifier.catch_up()
    container.runner.catch_up()


def join(client: TestClient, event_id: str, headers: dict[str, str]) -> dict[str, Any]:
    response = client.post(f"/api/events/{event_id}/registrations", json={}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def inbox(client: TestClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = client.get("/api/me/notifications", headers=headers, params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_member_sees_their_notifications_newest_first(client: TestClient, clock: FakeClock,
                                                        member: dict[str, str]) -> None:
    first = create_event(client, clock, title="Pottery", capacity=1)
    second = create_event(client, clock, title="Chess", capacity=1)
    join(client, first, member)
    login_other = login(client)
    join(client, second, login_other)
    join(client, second, member)  # full: waitlisted
    notify(client)
    page = inbox(client, member)
    assert page["unread"] == 2 and page["total"] == 2
    assert [(i["kind"], i["event_id"]) for i in page["items"]] == [
        ("waitlisted", second), ("registration_confirmed", first)]
    item = page["items"][1]
    assert item["title"] == "You're registered: Pottery" and item["read"] is False
    assert set(item) == {"id", "kind", "event_id", "title", "body", "created_at", "read"}
    assert inbox(client, member, page_size=1, page=2)["items"][0]["event_id"] == first


def test_marking_read_one_and_then_all(client: TestClient, clock: FakeClock,
                                       member: dict[str, str]) -> None:
    for title in ("A", "B", "C"):
        join(client, create_event(client, clock, title=title), member)
    notify(client)
    ids = [i["id"] for i in inbox(client, member)["items"]]
    response = client.post(f"/api/me/notifications/{ids[0]}/read", headers=member)
    assert response.status_code == 200, response.text
    assert response.json()["unread"] == 2
    assert int(response.headers["X-Position"]) == response.json()["position"] > 0
    again = client.post(f"/api/me/notifications/{ids[0]}/read", headers=member)
    assert again.json() == {"unread": 2, "position": 0}  # already read: nothing changes
    everything = client.post("/api/me/notifications/read-all", headers=member)
    assert everything.status_code == 200 and everything.json()["unread"] == 0
    page = inbox(client, member, **{})
    assert page["unread"] == 0 and all(i["read"] for i in page["items"])


def test_another_members_notification_is_not_found(client: TestClient, clock: FakeClock,
                                                   member: dict[str, str]) -> None:
    join(client, create_event(client, clock), member)
    notify(client)
    [item] = inbox(client, member)["items"]
    other = make_account(client)
    stranger = bearer(client, other["email"])
    assert_problem(client.post(f"/api/me/notifications/{item['id']}/read", headers=stranger),
                   404, "not_found")
    assert client.post("/api/me/notifications/read-all", headers=stranger).json()["unread"] == 0
    assert inbox(client, member)["unread"] == 1 and inbox(client, stranger)["total"] == 0


def test_the_inbox_needs_a_sign_in(client: TestClient) -> None:
    assert_problem(client.get("/api/me/notifications"), 401, "unauthorized")
    assert_problem(client.post("/api/me/notifications/read-all"), 401, "unauthorized")
    assert_problem(client.post("/api/me/notifications/00000000-0000-0000-0000-000000000000/read"),
                   401, "unauthorized")


def test_a_bad_notification_id_is_a_validation_error(client: TestClient, member: dict[str, str]) -> None:
    assert_problem(client.post("/api/me/notifications/not-a-uuid/read", headers=member),
                   422, "validation_error")


def test_the_app_runs_the_notifier_and_delivery_when_asked(settings: Settings, clock: FakeClock) -> None:
    """`serve`'s wiring: both follow the log in threads of the app, woken by each commit."""
    container = bootstrap(settings, clock=clock, migrate=True)
    with TestClient(create_app(container, notifications=True)) as client:
        member = login(client)
        join(client, create_event(client, clock), member)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not inbox(client, member)["items"]:
            time.sleep(0.02)
        [item] = inbox(client, member)["items"]
        assert item["kind"] == "registration_confirmed"
        outbox = container.settings.data_dir / "outbox"
        while time.monotonic() < deadline and not list(outbox.glob("notification-*.eml")):
            time.sleep(0.02)
        assert len(list(outbox.glob("notification-*.eml"))) == 1
    assert container.notifier is not None and container.notifier._thread is None  # stopped
    container.write_model.close()
    container.read_engine.dispose()
