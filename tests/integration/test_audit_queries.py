"""Organizer views over HTTP on real databases: attendees (now and as of an instant), the
waitlist, the audit history read from the event store, and the iCalendar file."""

from __future__ import annotations

from datetime import timedelta, timezone
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from command_api.application import EventConnect
from eventconnect.container import Container
from kernel.authz import system
from tests.conftest import FakeClock


def schedule(app: EventConnect, **overrides: Any) -> UUID:
    starts = app.clock() + timedelta(days=10)
    details: dict[str, Any] = dict(
        organizer_id="org-1", organizer_name="Olu Ade", title="Bike repair",
        description="Fix brakes", category="workshop", tags=["bikes"], starts_at=starts,
        ends_at=starts + timedelta(hours=2), timezone="Asia/Kolkata",
        location={"country": "IN", "city": "Pune", "venue": "Hall 2"}, capacity=2,
        waitlist_enabled=True)
    details.update(overrides)
    return app.create_event(actor="org-1", publish=True, **details)[0]


def register(app: EventConnect, event_id: UUID, who: str) -> UUID:
    return app.register(event_id, name=who.title(), email=f"{who}@example.org",
                        actor="guest").registration_id


def names(body: dict[str, Any]) -> list[str]:
    return [item["name"] for item in body["items"]]


class Ledger:
    """A seat cancelled and handed to the first in line, with instants in between."""

    def __init__(self, container: Container, clock: FakeClock) -> None:
        app = container.write_model
        self.event_id = schedule(app)
        clock.advance(hours=1)
        self.people = {who: register(app, self.event_id, who)
                       for who in ("ann", "bo", "cy", "di", "ed")}
        clock.advance(hours=1)
        self.before_cancel = clock.now
        clock.advance(hours=1)
        app.cancel_registration(self.event_id, self.people["ann"], principal=system("organizer"))
        app.check_in(self.event_id, self.people["bo"], principal=system("organizer"))
        container.runner.catch_up()


@pytest.fixture
def ledger(container: Container, clock: FakeClock) -> Ledger:
    return Ledger(container, clock)


def test_attendees_confirmed_then_waitlist_then_cancelled(client: TestClient,
                                                          ledger: Ledger) -> None:
    body = client.get(f"/api/events/{ledger.event_id}/attendees").json()
    assert names(body) == ["Bo", "Cy", "Di", "Ed", "Ann"]
    assert [i["status"] for i in body["items"]] == ["confirmed", "confirmed", "waitlisted",
                                                    "waitlisted", "cancelled"]
    assert [i["waitlist_position"] for i in body["items"]] == [None, None, 1, 2, None]
    bo = body["items"][0]
    assert bo["registration_id"] == str(ledger.people["bo"]) and bo["email"] == "bo@example.org"
    assert bo["checked_in_at"].endswith("+05:30")  # the event's own zone by default
    assert body["items"][-1]["cancelled_at"] is not None

    waiting = client.get(f"/api/events/{ledger.event_id}/attendees",
                         params={"status": "waitlisted", "page": 2, "page_size": 1}).json()
    assert (names(waiting), waiting["total"]) == (["Ed"], 2)
    assert waiting["items"][0]["waitlist_position"] == 2


def test_attendees_as_of_an_instant_show_the_list_as_it_stood(client: TestClient,
                                                              ledger: Ledger) -> None:
    url = f"/api/events/{ledger.event_id}/attendees"
    then = client.get(url, params={"as_of": ledger.before_cancel.isoformat()}).json()
    assert names(then) == ["Ann", "Bo", "Cy", "Di", "Ed"]
    assert [i["status"] for i in then["items"]] == ["confirmed", "confirmed", "waitlisted",
                                                    "waitlisted", "waitlisted"]
    assert all(i["checked_in_at"] is None for i in then["items"])

    # The same instant written in another zone is the same instant.
    elsewhere = ledger.before_cancel.astimezone(timezone(timedelta(hours=-7)))
    assert client.get(url, params={"as_of": elsewhere.isoformat()}).json() == then
    before_anyone = (ledger.before_cancel - timedelta(hours=2)).isoformat()
    assert client.get(url, params={"as_of": before_anyone}).json()["total"] == 0
    # "As of now" replays the store and agrees with the projection.
    far = (ledger.before_cancel + timedelta(days=1)).isoformat()
    assert client.get(url, params={"as_of": far}).json() == client.get(url).json()
    only = client.get(url, params={"as_of": far, "status": "cancelled"}).json()
    assert names(only) == ["Ann"]


def test_waitlist_in_promotion_order_with_positions(client: TestClient, ledger: Ledger,
                                                    container: Container) -> None:
    url = f"/api/events/{ledger.event_id}/waitlist"
    body = client.get(url).json()
    assert [(i["name"], i["waitlist_position"]) for i in body["items"]] == [("Di", 1), ("Ed", 2)]

    container.write_model.cancel_registration(ledger.event_id, ledger.people["cy"],
                                              principal=system("organizer"))
    container.runner.catch_up()
    body = client.get(url, params={"page_size": 1}).json()
    assert [(i["name"], i["waitlist_position"]) for i in body["items"]] == [("Ed", 1)]
    assert body["total"] == 1
    then = client.get(url, params={"as_of": ledger.before_cancel.isoformat()}).json()
    assert [i["name"] for i in then["items"]] == ["Cy", "Di", "Ed"]


def test_history_lists_the_ledger_oldest_first(client: TestClient, ledger: Ledger,
                                               container: Container) -> None:
    response = client.get(f"/api/events/{ledger.event_id}/history",
                          params={"page_size": 100, "tz": "UTC"})
    body = response.json()
    types = [e["type"] for e in body["items"]]
    assert types == ["event.scheduled", "event.published", "registration.confirmed",
                     "registration.confirmed", "registration.waitlisted",
                     "registration.waitlisted", "registration.waitlisted",
                     "registration.cancelled", "registration.checked_in"]
    positions = [e["position"] for e in body["items"]]
    assert positions == sorted(positions) and len(set(positions)) == len(positions)
    assert positions[-1] <= container.write_model.recorder.max_notification_id()
    scheduled, cancelled = body["items"][0], body["items"][7]
    assert scheduled["actor"] == "org-1" and scheduled["data"]["title"] == "Bike repair"
    assert scheduled["data"]["starts_at"].startswith("20")
    assert cancelled["actor"] == "organizer"
    assert cancelled["data"] == {"registration_id": ledger.people["ann"].hex,
                                 "was": "confirmed",
                                 "promoted_registration_id": ledger.people["cy"].hex}
    assert scheduled["occurred_at"].endswith("Z") or scheduled["occurred_at"].endswith("+00:00")
    assert "originator_id" not in scheduled["data"]
    assert "token" not in response.text.lower()

    as_of = client.get(f"/api/events/{ledger.event_id}/history",
                       params={"as_of": ledger.before_cancel.isoformat(), "page_size": 3,
                               "page": 3}).json()
    assert as_of["total"] == 7 and [e["type"] for e in as_of["items"]] == [
        "registration.waitlisted"]


def test_history_is_kept_for_deleted_events_but_not_for_registrations(
        client: TestClient, ledger: Ledger, container: Container) -> None:
    container.write_model.delete_event(ledger.event_id, principal=system("org-1"))
    container.runner.catch_up()
    body = client.get(f"/api/events/{ledger.event_id}/history", params={"page_size": 100})
    assert body.json()["items"][-1]["type"] == "event.deleted"
    response = client.get(f"/api/events/{ledger.people['bo']}/history")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


def test_calendar_file_is_rfc5545(client: TestClient, container: Container) -> None:
    long_text = "Bring: tools, gloves; snacks\nAsk \\ anything. " + "Déjà vu " * 20
    event_id = schedule(container.write_model, title="Fix, mend; repair", description=long_text,
                        location={"country": "IN", "city": "Pune", "venue": "Hall 2"})
    container.runner.catch_up()

    response = client.get(f"/api/events/{event_id}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    ics = response.content.decode()
    physical = ics.split("\r\n")
    assert physical[-1] == "" and all(len(line.encode()) <= 75 for line in physical)
    assert "\n" not in ics.replace("\r\n", "")
    lines = unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR"
    assert {"VERSION:2.0", "BEGIN:VEVENT", "END:VEVENT", "STATUS:CONFIRMED",
            f"UID:{event_id}@eventconnect.example", "SUMMARY:Fix\\, mend\\; repair",
            "LOCATION:Hall 2\\, Pune\\, IN"} <= set(lines)
    # The first of each name: the VEVENT's own, not its VALARM's (which has a DESCRIPTION too)
    fields: dict[str, str] = {}
    for line in lines:
        if ":" in line:
            name, value = line.split(":", 1)
            fields.setdefault(name, value)
    assert fields["DESCRIPTION"].startswith(
        "Bring: tools\\, gloves\\; snacks\\nAsk \\\\ anything. Déjà vu")
    starts = container.write_model.clock() + timedelta(days=10)
    # Local wall-clock time in the event's zone, described by a VTIMEZONE (test_calendars.py)
    local = starts.astimezone(ZoneInfo("Asia/Kolkata"))
    assert fields["DTSTART;TZID=Asia/Kolkata"] == local.strftime("%Y%m%dT%H%M%S")
    assert fields["DTEND;TZID=Asia/Kolkata"] == (local + timedelta(hours=2)).strftime(
        "%Y%m%dT%H%M%S")
    assert fields["DTSTAMP"].endswith("Z")

    container.write_model.cancel_event(event_id, reason="Rain", principal=system("org-1"))
    container.runner.catch_up()
    assert "STATUS:CANCELLED" in unfold(client.get(f"/api/events/{event_id}/calendar.ics").text)
