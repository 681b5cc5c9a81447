"""The read side over HTTP on real databases: search, attendees, waitlist, history, iCalendar,
read-your-writes and input errors."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from command_api.application import EventConnect
from eventconnect.container import Container
from kernel.authz import system
from projections.tables import events
from tests.conftest import FakeClock

KOLKATA_START = datetime.fromisoformat("2030-05-01T18:00:00+05:30")


def schedule(app: EventConnect, *, publish: bool = True, in_days: float = 10,
             hours: float = 2, **overrides: Any) -> UUID:
    starts = overrides.pop("starts_at", app.clock() + timedelta(days=in_days))
    details: dict[str, Any] = dict(
        organizer_id="org-1", organizer_name="Olu Ade", title="Untitled", description="",
        category="other", tags=[], starts_at=starts, ends_at=starts + timedelta(hours=hours),
        timezone="UTC", location={"country": "GB", "city": "Leeds"}, capacity=10,
        waitlist_enabled=True)
    details.update(overrides)
    return app.create_event(actor="org-1", publish=publish, **details)[0]


def register(app: EventConnect, event_id: UUID, who: str) -> UUID:
    return app.register(event_id, name=who.title(), email=f"{who}@example.org",
                        actor="guest").registration_id


def ids(body: dict[str, Any]) -> list[UUID]:
    return [UUID(item["id"]) for item in body["items"]]


def assert_problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["code"] == code and body["status"] == status
    return body


@pytest.fixture
def catalogue(container: Container, clock: FakeClock) -> dict[str, UUID]:
    """A small catalogue: varied categories, places, times, popularity; a draft, a deletion."""
    app = container.write_model
    made = {
        "bikes": schedule(app, in_days=3, title="Bike repair basics",
                          description="Brakes, gears and chains", tags=["cycling", "tools"],
                          category="workshop", location={"country": "IN", "city": "Pune"}),
        "soup": schedule(app, in_days=5, title="Soup kitchen shift",
                         description="Cook and serve a warm meal", tags=["food"],
                         category="volunteer", location={"country": "GB", "city": "Leeds"}),
        "gala": schedule(app, in_days=8, title="Winter gala",
                         description="Dinner and an auction for the repair café",
                         tags=["fundraising"], category="fundraiser",
                         location={"country": "GB", "city": "London"}),
        "talk": schedule(app, in_days=1, hours=1, title="Talk on urban cycling",
                         description="Safe routes", tags=["cycling"], category="seminar",
                         location={"country": "GB", "city": "leeds"}),
        "draft": schedule(app, in_days=4, title="Draft bike ride", publish=False),
        "deleted": schedule(app, in_days=4, title="Deleted bike swap"),
    }
    app.delete_event(made["deleted"], principal=system("org-1"))
    for who in ("a", "b", "c"):
        register(app, made["gala"], who)
    register(app, made["soup"], "d")
    container.runner.catch_up()
    return made


def test_full_text_search_over_title_description_and_tags(client: TestClient,
                                                          catalogue: dict[str, UUID]) -> None:
    def search(q: str) -> set[UUID]:
        response = client.get("/api/events", params={"q": q})
        assert response.status_code == 200, response.text
        return set(ids(response.json()))

    assert search("bike") == {catalogue["bikes"]}  # title; drafts and deleted never match
    assert search("gears") == {catalogue["bikes"]}  # description
    assert search("fundraising") == {catalogue["gala"]}  # tag
    assert search("cycling") == {catalogue["bikes"], catalogue["talk"]}  # tag and title
    assert search("repair") == {catalogue["bikes"], catalogue["gala"]}  # stemmed, any field
    assert search("cycling safe") == {catalogue["talk"]}  # every word must match
    assert search("auct") == {catalogue["gala"]}  # the last word is a prefix
    assert search('"kitchen*) ^: &') == {catalogue["soup"]}  # query syntax is inert
    assert search("nothing-like-this") == set()


def test_filters_each_narrow_the_listing(client: TestClient, catalogue: dict[str, UUID],
                                         clock: FakeClock) -> None:
    def listed(**params: Any) -> list[UUID]:
        response = client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        return ids(response.json())

    assert listed(category="volunteer") == [catalogue["soup"]]
    assert listed(country="in") == [catalogue["bikes"]]
    assert listed(city="LEEDS") == [catalogue["talk"], catalogue["soup"]]
    assert listed(country="GB", city="London") == [catalogue["gala"]]
    assert listed(starts_from=(clock.now + timedelta(days=2)).isoformat(),
                  starts_to=(clock.now + timedelta(days=6)).isoformat()) == [
        catalogue["bikes"], catalogue["soup"]]


def test_status_upcoming_past_and_all(client: TestClient, catalogue: dict[str, UUID],
                                      clock: FakeClock, container: Container) -> None:
    container.write_model.cancel_event(catalogue["soup"], reason="No cooks", principal=system("org-1"))
    container.runner.catch_up()
    clock.advance(days=2)  # the talk is over, the others are ahead

    upcoming = client.get("/api/events").json()
    assert ids(upcoming) == [catalogue["bikes"], catalogue["soup"], catalogue["gala"]]
    assert upcoming["items"][1]["status"] == "cancelled"  # still listed, marked cancelled
    assert ids(client.get("/api/events", params={"status": "past"}).json()) == [
        catalogue["talk"]]
    assert len(ids(client.get("/api/events", params={"status": "all"}).json())) == 4


def test_sorts_and_pages(client: TestClient, catalogue: dict[str, UUID],
                        container: Container) -> None:
    by_start = [catalogue[k] for k in ("talk", "bikes", "soup", "gala")]
    assert ids(client.get("/api/events").json()) == by_start
    assert ids(client.get("/api/events", params={"sort": "-starts_at"}).json()) == by_start[::-1]
    popular = ids(client.get("/api/events", params={"sort": "popularity"}).json())
    assert popular[:2] == [catalogue["gala"], catalogue["soup"]]
    # No command rates yet, so the catalogue's rating columns are set here: best average first,
    # more ratings first among equal averages, unrated last.
    rated = {"talk": (3.0, 7), "soup": (4.5, 2), "gala": (4.5, 10)}
    with container.read_engine.begin() as conn:
        for key, (average, count) in rated.items():
            conn.execute(update(events).where(events.c.id == catalogue[key])
                         .values(rating_avg=average, rating_count=count))
    assert ids(client.get("/api/events", params={"sort": "rating"}).json()) == [
        catalogue["gala"], catalogue["soup"], catalogue["talk"], catalogue["bikes"]]

    page = client.get("/api/events", params={"page": 2, "page_size": 3}).json()
    assert (page["total"], page["page"], page["page_size"]) == (4, 2, 3)
    assert ids(page) == [catalogue["gala"]]
    assert client.get("/api/events", params={"page": 9}).json()["items"] == []


def test_event_out_has_every_field_of_the_contract(client: TestClient,
                                                   catalogue: dict[str, UUID]) -> None:
    body = client.get(f"/api/events/{catalogue['gala']}").json()
    assert set(body) >= {"id", "title", "description", "category", "tags", "starts_at",
                         "ends_at", "timezone", "location", "capacity", "confirmed_count",
                         "seats_left", "waitlist_length", "waitlist_enabled", "status",
                         "organizer", "rating_avg", "rating_count", "created_at"}
    assert body["organizer"] == {"id": "org-1", "name": "Olu Ade"}
    assert (body["confirmed_count"], body["seats_left"], body["waitlist_length"]) == (3, 7, 0)
    assert body["location"]["city"] == "London" and body["status"] == "published"


def test_times_render_in_the_events_zone_or_the_requested_one(
        client: TestClient, container: Container) -> None:
    event_id = schedule(container.write_model, starts_at=KOLKATA_START, timezone="Asia/Kolkata")
    container.runner.catch_up()

    own = client.get(f"/api/events/{event_id}").json()
    assert own["starts_at"] == "2030-05-01T18:00:00+05:30"
    assert own["ends_at"] == "2030-05-01T20:00:00+05:30"
    ny = client.get(f"/api/events/{event_id}", params={"tz": "America/New_York"}).json()
    assert ny["starts_at"] == "2030-05-01T08:30:00-04:00"  # same instant, New York (EDT)
    assert ny["timezone"] == "Asia/Kolkata"
    for field in ("starts_at", "ends_at", "created_at", "updated_at"):
        assert datetime.fromisoformat(ny[field]) == datetime.fromisoformat(own[field])
    listed = client.get("/api/events", params={"tz": "Pacific/Auckland"}).json()["items"][0]
    assert listed["starts_at"] == "2030-05-02T00:30:00+12:00"


def test_unknown_deleted_and_draft_events_by_id(client: TestClient,
                                                catalogue: dict[str, UUID]) -> None:
    assert_problem(client.get(f"/api/events/{uuid4()}"), 404, "not_found")
    assert_problem(client.get(f"/api/events/{catalogue['deleted']}"), 404, "not_found")
    assert client.get(f"/api/events/{catalogue['draft']}").json()["status"] == "draft"
    assert_problem(client.get(f"/api/events/{uuid4()}/attendees"), 404, "not_found")
    assert_problem(client.get(f"/api/events/{uuid4()}/history"), 404, "not_found")
    assert_problem(client.get(f"/api/events/{catalogue['deleted']}/calendar.ics"), 404,
                   "not_found")


@pytest.mark.parametrize("params", [
    {"page_size": 0}, {"page_size": 101}, {"page": 0}, {"tz": "Mars/Olympus_Mons"},
    {"starts_from": "next tuesday"}, {"starts_to": "2030-01-01T10:00:00"},  # no offset
    {"sort": "price"}, {"status": "soon"}, {"category": "party"}, {"country": "GBR"},
    {"q": "x" * 201},
])
def test_bad_parameters_are_validation_problems(client: TestClient,
                                                params: dict[str, Any]) -> None:
    body = assert_problem(client.get("/api/events", params=params), 422, "validation_error")
    assert body["errors"][0]["loc"][0] == "query"


def test_bad_ids_and_as_of_are_validation_problems(client: TestClient,
                                                   catalogue: dict[str, UUID]) -> None:
    assert_problem(client.get("/api/events/not-a-uuid"), 422, "validation_error")
    assert_problem(client.get(f"/api/events/{catalogue['gala']}/attendees",
                              params={"as_of": "yesterday"}), 422, "validation_error")
    assert_problem(client.get(f"/api/events/{catalogue['gala']}/history",
                              params={"tz": "Nowhere/Land"}), 422, "validation_error")


def test_read_your_writes_waits_for_the_position(client: TestClient,
                                                 container: Container) -> None:
    app = container.write_model
    event_id = schedule(app, title="Just created")
    position = app.recorder.max_notification_id()
    # The projection runs a moment later, as the background thread would.
    threading.Timer(0.3, container.runner.catch_up).start()

    response = client.get(f"/api/events/{event_id}",
                          headers={"X-Consistent-With": str(position)})
    assert response.status_code == 200 and response.json()["title"] == "Just created"


def test_read_your_writes_gives_up_with_503(client: TestClient, container: Container) -> None:
    container.settings.consistency_timeout = 0.2
    # Recorded (the admin's sign-up) but never projected; a position beyond the store's head is
    # refused at once instead (422 `unknown_position`, tests/e2e/test_http_edge_consistency.py).
    position = str(container.write_model.recorder.max_notification_id())
    body = assert_problem(client.get("/api/events", headers={"X-Consistent-With": position}),
                          503, "not_yet_consistent")
    assert position in body["detail"]
    assert client.get("/api/events", headers={"X-Consistent-With": "0"}).status_code == 200


@pytest.mark.parametrize("header", ["soon", "1.5", "-3"])
def test_garbage_consistency_header_is_a_validation_problem(client: TestClient,
                                                            header: str) -> None:
    assert_problem(client.get("/api/events", headers={"X-Consistent-With": header}), 422,
                   "validation_error")
