"""HTTP: recurring series — create (every form's refusal codes, roles), read (drafts, deleted),
edit from an occurrence onwards (local time kept across DST), and cancelling one occurrence
notifies only its own registrants."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import as_organizer, assert_problem, event_body, login, register
from tests.e2e.outbox import mails

BERLIN = ZoneInfo("Europe/Berlin")


def series_body(clock: FakeClock, **recurrence: Any) -> dict[str, Any]:
    # A Tuesday 19:00 in Berlin, two weeks before summer time starts (2030-03-31).
    starts = datetime(2030, 3, 19, 19, tzinfo=BERLIN)
    assert starts > clock.now
    return event_body(clock, timezone="Europe/Berlin", starts_at=starts.isoformat(),
                      ends_at=(starts + timedelta(hours=2)).isoformat(),
                      location={"country": "DE", "city": "Berlin"},
                      recurrence=recurrence or {"freq": "weekly", "by_weekday": ["TU"], "count": 4})


def create(client: TestClient, clock: FakeClock, headers: dict[str, str] | None = None,
           **body: Any) -> dict[str, Any]:
    response = client.post("/api/series", json={**series_body(clock), **body},
                           headers=headers or as_organizer(client))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    assert response.headers["Location"] == f"/api/series/{created['series_id']}"
    assert response.headers["X-Position"] == str(created["position"])
    return created


def read(client: TestClient, series_id: str, position: int,
         headers: dict[str, str] | None = None) -> Any:
    return client.get(f"/api/series/{series_id}",
                      headers={"X-Consistent-With": str(position), **(headers or {})})


def test_a_weekly_series_keeps_its_local_time_across_dst(client: TestClient,
                                                         clock: FakeClock) -> None:
    created = create(client, clock)
    assert len(created["event_ids"]) == 4
    body = read(client, created["series_id"], created["position"]).json()
    assert body["recurrence"]["freq"] == "weekly" and body["recurrence"]["count"] == 4
    starts = [datetime.fromisoformat(o["starts_at"]) for o in body["occurrences"]]
    assert [o["id"] for o in body["occurrences"]] == created["event_ids"]
    assert {s.astimezone(BERLIN).strftime("%a %H:%M") for s in starts} == {"Tue 19:00"}
    assert [s.utcoffset() for s in starts] == [timedelta(hours=h) for h in (1, 1, 2, 2)]
    # Each occurrence is a full event that knows its series.
    event = client.get(f"/api/events/{created['event_ids'][2]}",
                       headers={"X-Consistent-With": str(created["position"])}).json()
    assert event["series_id"] == created["series_id"] and event["status"] == "published"
    assert event["capacity"] == 2 and event["seats_left"] == 2


def test_monthly_on_the_last_friday(client: TestClient, clock: FakeClock) -> None:
    starts = datetime(2030, 3, 29, 18, tzinfo=BERLIN)  # the last Friday of March
    created = create(client, clock, starts_at=starts.isoformat(),
                     ends_at=(starts + timedelta(hours=1)).isoformat(),
                     recurrence={"freq": "monthly", "by_weekday": ["FR"], "by_set_position": -1,
                                 "until": "2030-06-30"})
    body = read(client, created["series_id"], created["position"]).json()
    assert [o["starts_at"][:16] for o in body["occurrences"]] == [
        "2030-03-29T18:00", "2030-04-26T18:00", "2030-05-31T18:00", "2030-06-28T18:00"]


@pytest.mark.parametrize(("recurrence", "code"), [
    ({"freq": "weekly"}, "count_or_until"),
    ({"freq": "weekly", "count": 2, "until": "2030-06-01"}, "count_or_until"),
    ({"freq": "weekly", "count": 101}, "too_many_occurrences"),
    ({"freq": "weekly", "until": "2033-01-01"}, "too_many_occurrences"),
    ({"freq": "weekly", "by_month_day": 3, "count": 2}, "invalid_recurrence"),
    ({"freq": "monthly", "by_weekday": ["TU"], "count": 2}, "invalid_recurrence"),
    ({"freq": "monthly", "by_set_position": 2, "count": 2}, "invalid_recurrence"),
    ({"freq": "monthly", "by_weekday": ["TU"], "by_set_position": 9, "count": 2},
     "invalid_recurrence"),
    ({"freq": "weekly", "until": "2030-03-01"}, "invalid_recurrence"),
    ({"freq": "weekly", "by_weekday": ["MO"], "count": 2}, "start_not_in_rule"),
    ({"freq": "daily", "count": 2}, "validation_error"),
    ({"freq": "weekly", "interval": 0, "count": 2}, "validation_error"),
    ({"freq": "weekly", "by_weekday": ["XX"], "count": 2}, "validation_error"),
    ({"freq": "weekly", "count": "2"}, "validation_error"),
    ({"freq": "weekly", "count": 2, "every": 3}, "validation_error"),
])
def test_rules_that_do_not_work_are_422_with_a_code(client: TestClient, clock: FakeClock,
                                                    recurrence: dict[str, Any], code: str) -> None:
    response = client.post("/api/series", json=series_body(clock, **recurrence),
                           headers=as_organizer(client))
    assert_problem(response, 422, code)


def test_who_may_create_a_series(client: TestClient, clock: FakeClock) -> None:
    body = series_body(clock)
    assert_problem(client.post("/api/series", json=body), 401, "unauthorized")
    assert_problem(client.post("/api/series", json=body, headers=login(client, "member")),
                   403, "forbidden")
    assert_problem(client.post("/api/series", json=body, headers=login(client, "analyst")),
                   403, "forbidden")
    create(client, clock, headers=login(client, "admin"))


def test_drafts_only_to_the_owner_and_deleted_ones_left_out(client: TestClient,
                                                            clock: FakeClock) -> None:
    owner = as_organizer(client)
    created = create(client, clock, publish=False)
    assert len(read(client, created["series_id"], created["position"]).json()["occurrences"]) == 0
    assert len(read(client, created["series_id"], created["position"],
                    login(client, "admin")).json()["occurrences"]) == 4
    gone = client.delete(f"/api/events/{created['event_ids'][1]}", headers=owner)
    assert gone.status_code == 204
    mine = read(client, created["series_id"], int(gone.headers["X-Position"]), owner).json()
    assert [o["id"] for o in mine["occurrences"]] == [created["event_ids"][i] for i in (0, 2, 3)]
    assert all(o["status"] == "draft" for o in mine["occurrences"])
    assert_problem(read(client, created["event_ids"][0], 0), 404, "not_found")  # an event id


def test_editing_from_an_occurrence_changes_it_and_the_later_ones(client: TestClient,
                                                                  clock: FakeClock) -> None:
    owner = as_organizer(client)
    created = create(client, clock)
    ids = created["event_ids"]
    second = read(client, created["series_id"], created["position"]).json()["occurrences"][1]
    new_start = datetime.fromisoformat(second["starts_at"]).replace(hour=18, minute=30)
    response = client.patch(f"/api/series/{created['series_id']}", params={"from": ids[1]},
                            headers=owner, json={
                                "title": "Repair café", "capacity": 5,
                                "starts_at": new_start.isoformat(),
                                "ends_at": (new_start + timedelta(hours=2)).isoformat()})
    assert response.status_code == 200, response.text
    changed = response.json()
    assert changed["event_ids"] == ids[1:]
    body = read(client, created["series_id"], changed["position"]).json()
    first, *later = body["occurrences"]
    assert first["title"] == "Intro to bike repair" and first["starts_at"][11:16] == "19:00"
    for occurrence in later:  # 18:30 local before and after summer time starts
        assert occurrence["title"] == "Repair café" and occurrence["capacity"] == 5
        assert occurrence["starts_at"][11:16] == "18:30" and occurrence["ends_at"][11:16] == "20:30"


def test_editing_a_series_is_the_owners_or_an_admins(client: TestClient, clock: FakeClock) -> None:
    created = create(client, clock)
    url, params = f"/api/series/{created['series_id']}", {"from": created["event_ids"][0]}
    change = {"title": "Mine"}
    assert_problem(client.patch(url, params=params, json=change), 401, "unauthorized")
    assert_problem(client.patch(url, params=params, json=change, headers=login(client, "member")),
                   403, "forbidden")
    assert_problem(client.patch(url, params=params, json=change,
                                headers=login(client, "organizer")), 403, "not_owner")
    assert client.patch(url, params=params, json=change,
                        headers=login(client, "admin")).status_code == 200
    owner = as_organizer(client)
    assert_problem(client.patch(url, params={"from": created["series_id"]}, json=change,
                                headers=owner), 422, "not_in_series")
    assert_problem(client.patch(url, json=change, headers=owner), 422, "validation_error")
    assert_problem(client.patch(f"/api/series/{created['event_ids'][0]}", params=params,
                                json=change, headers=owner), 404, "not_found")
    assert_problem(client.patch(url, params=params, json={"capacity": 0}, headers=owner),
                   422, "validation_error")


def test_capacity_below_confirmed_on_one_occurrence_changes_none(client: TestClient,
                                                                 clock: FakeClock) -> None:
    created = create(client, clock)
    ids = created["event_ids"]
    register(client, ids[3], 1)
    register(client, ids[3], 2)
    response = client.patch(f"/api/series/{created['series_id']}", params={"from": ids[0]},
                            json={"capacity": 1}, headers=as_organizer(client))
    assert_problem(response, 409, "capacity_below_confirmed")
    body = read(client, created["series_id"], created["position"]).json()
    assert [o["capacity"] for o in body["occurrences"]] == [2, 2, 2, 2]


def test_cancelling_one_occurrence_notifies_only_its_registrants(client: TestClient,
                                                                 clock: FakeClock) -> None:
    created = create(client, clock)
    ids = created["event_ids"]
    register(client, ids[1], 1)  # guest1@example.org
    register(client, ids[2], 2)  # guest2@example.org
    response = client.post(f"/api/events/{ids[1]}/cancel", json={"reason": "Holiday"},
                           headers=as_organizer(client))
    assert response.status_code == 200, response.text
    container = client.app.state.container  # type: ignore[attr-defined]
    container.runner.catch_up()
    container.notifier.catch_up()
    container.runner.catch_up()
    container.delivery.catch_up()
    assert len(mails(client, kind="event_cancelled", to="guest1@example.org")) == 1
    assert mails(client, kind="event_cancelled", to="guest2@example.org") == []
    assert len(mails(client, kind="registration_confirmed", to="guest2@example.org")) == 1
    body = read(client, created["series_id"], response.json()["position"]).json()
    assert [o["status"] for o in body["occurrences"]] == [
        "published", "cancelled", "published", "published"]
