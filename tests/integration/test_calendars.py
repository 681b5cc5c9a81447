"""Calendars on real databases: the per-event .ics parsed back with `icalendar` (zone, alarm,
escaping, cancellation), the Google Calendar link, and the organizer's "My events"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit
from uuid import UUID

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import select

import query_api.routes
from command_api.application import EventConnect
from command_api.domain.registration import hash_token
from eventconnect.container import Container
from kernel.authz import system
from kernel.problems import install_problem_handlers
from projections.tables import users
from query_api import organizer_home
from tests.conftest import FakeClock


def schedule(app: EventConnect, organizer: str = "org-1", *, publish: bool = True,
             **overrides: Any) -> UUID:
    starts = app.clock() + timedelta(days=10)
    details: dict[str, Any] = dict(
        organizer_id=organizer, organizer_name="Olu Ade", title="Bike repair",
        description="Fix brakes", category="workshop", tags=["bikes"], starts_at=starts,
        ends_at=starts + timedelta(hours=2), timezone="Asia/Kolkata",
        location={"country": "IN", "city": "Pune", "venue": "Hall 2"}, capacity=2,
        waitlist_enabled=True)
    details.update(overrides)
    return app.create_event(actor=organizer, publish=publish, **details)[0]


def test_ics_has_the_zone_an_alarm_and_escaped_text(client: TestClient,
                                                   container: Container) -> None:
    event_id = schedule(container.write_model, title="Fix, mend; repair",
                        description="Bring: tools, gloves; snacks\nAsk anything",
                        timezone="Europe/Berlin")
    container.runner.catch_up()
    response = client.get(f"/api/events/{event_id}/calendar.ics")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    raw = response.text
    assert "SUMMARY:Fix\\, mend\\; repair" in raw  # RFC 5545 TEXT escaping on the wire
    assert "DTSTART;TZID=Europe/Berlin:" in raw

    cal = Calendar.from_ical(response.content)
    [zone] = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    [vevent] = cal.walk("VEVENT")
    assert str(vevent["UID"]) == f"{event_id}@eventconnect.example"
    assert str(vevent["SUMMARY"]) == "Fix, mend; repair"
    assert str(vevent["DESCRIPTION"]) == "Bring: tools, gloves; snacks\nAsk anything"
    assert vevent["DTSTART"].params["TZID"] == "Europe/Berlin"
    starts = container.write_model.clock() + timedelta(days=10)
    assert vevent.decoded("DTSTART") == starts
    assert str(vevent["STATUS"]) == "CONFIRMED"
    [alarm] = vevent.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -timedelta(hours=1)
    first_sequence = int(vevent["SEQUENCE"])

    container.write_model.cancel_event(event_id, reason="Rain", principal=system("org-1"))
    container.runner.catch_up()
    cancelled = Calendar.from_ical(client.get(f"/api/events/{event_id}/calendar.ics").content)
    [vevent] = cancelled.walk("VEVENT")
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["UID"]) == f"{event_id}@eventconnect.example"  # the same calendar entry
    assert int(vevent["SEQUENCE"]) > first_sequence  # so calendars replace their copy
    assert not vevent.walk("VALARM")  # no reminder for an event that will not happen


def test_google_calendar_url_is_encoded_with_utc_dates(client: TestClient,
                                                       container: Container) -> None:
    event_id = schedule(container.write_model, title="Fix & mend #1",
                        description="Tools, gloves\nand snacks")
    container.runner.catch_up()
    body = client.get(f"/api/events/{event_id}").json()
    url = urlsplit(body["google_calendar_url"])
    assert (url.scheme, url.netloc, url.path) == ("https", "calendar.google.com",
                                                  "/calendar/render")
    assert "&" not in url.query.split("text=")[1].split("&")[0]  # the title's & is encoded
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    starts = container.write_model.clock() + timedelta(days=10)
    ends = starts + timedelta(hours=2)
    assert query == {
        "action": "TEMPLATE", "text": "Fix & mend #1",
        "dates": f"{starts:%Y%m%dT%H%M%SZ}/{ends:%Y%m%dT%H%M%SZ}",
        "details": "Tools, gloves\nand snacks", "location": "Hall 2, Pune, IN",
        "ctz": "Asia/Kolkata"}


class RoleToken(httpx.Auth):
    """A fresh token of the given account and role for every request (the fake clock moves)."""

    def __init__(self, container: Container, account_id: str, role: str) -> None:
        self.container, self.account_id, self.role = container, account_id, role

    def auth_flow(self, request: httpx.Request) -> Iterator[httpx.Request]:
        token = self.container.accounts.tokens.access_token(subject=self.account_id,
                                                            role=self.role, session_version=0)
        request.headers["Authorization"] = f"Bearer {token}"
        yield request


@pytest.fixture
def home(container: Container) -> Iterator[TestClient]:
    app = FastAPI()
    install_problem_handlers(app)
    app.include_router(organizer_home.router)
    app.include_router(query_api.routes.router)
    app.state.container = container
    with TestClient(app) as client:
        yield client


def sign_up(container: Container, who: str, role: str) -> str:
    account, _ = container.accounts.sign_up(email=f"{who}@example.org", name=who.title(),
                                            password="correct horse battery", role=role,
                                            actor="test")
    return str(account.id)


def test_my_events_lists_own_upcoming_past_and_drafts(home: TestClient, container: Container,
                                                      clock: FakeClock) -> None:
    app = container.write_model
    olu = sign_up(container, "olu", "organizer")
    soon = schedule(app, olu, title="Soon")
    draft = schedule(app, olu, publish=False, title="Draft")
    schedule(app, "someone-else", title="Not mine")
    over = schedule(app, olu, title="Over", starts_at=app.clock() + timedelta(days=1),
                    ends_at=app.clock() + timedelta(days=1, hours=1))
    app.register(soon, name="Ann", email="ann@example.org", actor="guest")
    clock.advance(days=2)  # "Over" has ended
    container.runner.catch_up()

    home.auth = RoleToken(container, olu, "organizer")
    upcoming = home.get("/api/me/events").json()
    assert [e["id"] for e in upcoming["items"]] == [str(soon)] and upcoming["total"] == 1
    assert upcoming["items"][0]["confirmed_count"] == 1
    assert upcoming["items"][0]["capacity"] == 2
    assert upcoming["items"][0]["waitlist_length"] == 0
    assert [e["id"] for e in home.get("/api/me/events", params={"when": "past"}).json()[
        "items"]] == [str(over)]
    drafts = home.get("/api/me/events", params={"when": "drafts"}).json()["items"]
    assert [(e["id"], e["status"]) for e in drafts] == [(str(draft), "draft")]

    home.auth = RoleToken(container, sign_up(container, "ada", "admin"), "admin")
    assert home.get("/api/me/events").json()["total"] == 2  # admins see every organizer's

    home.auth = RoleToken(container, sign_up(container, "mo", "member"), "member")
    refused = home.get("/api/me/events")
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    home.auth = None
    assert home.get("/api/me/events").status_code == 401
    assert home.get("/api/me/events", params={"when": "soon"}).status_code in (401, 422)


def test_feed_hash_read_model_rebuilds_to_the_live_rows(container: Container) -> None:
    accounts = container.accounts
    ann, bo = (UUID(sign_up(container, who, "member")) for who in ("ann", "bo"))
    accounts.issue_calendar_feed(ann, actor=str(ann))
    accounts.issue_calendar_feed(bo, actor=str(bo))
    secret, _ = accounts.issue_calendar_feed(ann, actor=str(ann))  # replaces the first
    accounts.revoke_calendar_feed(bo, actor=str(bo))
    container.runner.catch_up()

    def hashes() -> dict[str, str | None]:
        with container.read_engine.connect() as conn:
            return {str(r.id): r.calendar_feed_hash for r in conn.execute(
                select(users.c.id, users.c.calendar_feed_hash))}

    live = hashes()
    assert live[str(ann)] == hash_token(secret) and live[str(bo)] is None
    assert secret not in str(live)  # only the hash is kept
    container.runner.rebuild("users")
    assert hashes() == live
