"""The personal calendar feed over HTTP: a secret URL (replaced on each request, revocable) that
serves the member's confirmed and waitlisted events as RFC 5545."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.conftest import FakeClock
from tests.e2e.conftest import assert_problem, create_event, login


def at(response: Any, headers: dict[str, str] | None = None) -> dict[str, str]:
    return {"X-Consistent-With": response.headers["X-Position"], **(headers or {})}


def feed_path(response: Any) -> str:
    assert response.status_code == 201, response.text
    url: str = response.json()["url"]
    assert url.startswith("http") and url.endswith(".ics")
    return url[url.index("/api/calendar/"):]


def test_feed_holds_confirmed_and_waitlisted_but_not_cancelled(client: TestClient,
                                                               clock: FakeClock) -> None:
    me, other = login(client), login(client)
    confirmed = create_event(client, clock, title="Confirmed one", timezone="Europe/Berlin")
    full = create_event(client, clock, title="Waitlisted one", capacity=1, waitlist_enabled=True)
    dropped = create_event(client, clock, title="Cancelled registration")
    client.post(f"/api/events/{full}/registrations", json={}, headers=other)
    for event_id in (confirmed, full):
        assert client.post(f"/api/events/{event_id}/registrations", json={},
                           headers=me).status_code == 201
    mine = client.post(f"/api/events/{dropped}/registrations", json={}, headers=me).json()
    cancel = client.delete(f"/api/events/{dropped}/registrations/{mine['registration_id']}", headers=me)
    assert cancel.status_code == 200, cancel.text

    issued = client.post("/api/me/calendar-feed", headers=me)
    path = feed_path(issued)
    # The feed's secret is found in the users read model: wait for the issue, not the cancel.
    response = client.get(path, headers=at(issued))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"].startswith("private")
    cal = Calendar.from_ical(response.content)
    titles = sorted(str(e["SUMMARY"]) for e in cal.walk("VEVENT"))
    assert titles == ["Confirmed one", "Waitlisted one"]
    assert {str(z["TZID"]) for z in cal.walk("VTIMEZONE")} == {"Europe/Berlin", "Asia/Kolkata"}
    assert all(e.walk("VALARM") for e in cal.walk("VEVENT"))


def test_new_secret_replaces_the_old_and_revoking_ends_it(client: TestClient,
                                                          clock: FakeClock) -> None:
    me = login(client)
    first = client.post("/api/me/calendar-feed", headers=me)
    old = feed_path(first)
    assert client.get(old, headers=at(first)).status_code == 200
    second = client.post("/api/me/calendar-feed", headers=me)
    new = feed_path(second)
    assert new != old
    assert_problem(client.get(old, headers=at(second)), 404, "not_found")
    assert client.get(new, headers=at(second)).status_code == 200

    revoked = client.delete("/api/me/calendar-feed", headers=me)
    assert revoked.status_code == 200
    assert_problem(client.get(new, headers=at(revoked)), 404, "not_found")
    assert_problem(client.get("/api/calendar/not-a-secret.ics"), 404, "not_found")
    assert client.post("/api/me/calendar-feed").status_code == 401
