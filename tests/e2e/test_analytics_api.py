"""HTTP: the analytics dashboard's two GETs against a hand-computed scenario (every count, rate and
null; daily dates in two time zones across local midnight; one person as guest and member), the
overview's filters, CSV (escaping included) and who may see what.

The scenario (clock from 2030-01-01 09:00 UTC; `Scenario` builds it):
  A "Bike repair" (organizer 1, workshop, IN, Asia/Kolkata UTC+5:30, capacity 2, starts
    2030-01-11 09:00Z, ends 11:00Z): 01-01 18:20Z (23:50 local) guests g1, g2 confirmed -> sold
    out; 18:40Z (00:10 local, 01-02) g3 and member Asha waitlisted; 01-02 10:00Z g1 cancels
    (g3 promoted), Asha cancels from the waitlist; 01-11 09:10Z g2 checked in; g2 rates 5, g3 3.
  B "Beach cleanup" (organizer 1, volunteer, US, America/New_York UTC-5, capacity 1, starts
    2030-02-15 15:00Z): 01-03 04:50Z (01-02 23:50 local) a guest with Asha's email (other case)
    confirmed; 05:10Z (01-03 00:10 local) g4 waitlisted.
  C a draft of organizer 1; D an event of organizer 1 with guest g5, then deleted.
  E "=SUM(A1:A2) meetup" (organizer 2, workshop, IN, capacity 5, starts 2030-03-05): g1 confirmed.
People: g1 (A, E) and Asha (A as member, B as guest) are repeat attendees; g2, g3, g4 once; g5
only in the deleted D, who never counts.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import (
    as_organizer,
    assert_problem,
    create_event,
    fresh_token,
    login,
    make_account,
)

UNKNOWN = "00000000-0000-4000-8000-000000000000"
ASHA = "asha.rao@example.org"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


class Scenario:
    """The module docstring's world, built through the HTTP API; `position` is the last command's."""

    def __init__(self, client: TestClient, clock: FakeClock) -> None:
        self.client, self.clock = client, clock
        self.position = 0
        self.organizer2 = make_account(client, "organizer", name="Pat Second")["id"]
        self.asha = make_account(client, "member", email=ASHA, name="Asha Rao")["id"]
        self.a = self.event(title="Bike repair", category="workshop", capacity=2,
                            starts_at="2030-01-11T09:00:00Z", ends_at="2030-01-11T11:00:00Z")
        self.b = self.event(title="Beach cleanup", category="volunteer", capacity=1,
                            timezone="America/New_York", location={"country": "US", "city": "Boston"},
                            starts_at="2030-02-15T15:00:00Z", ends_at="2030-02-15T18:00:00Z")
        self.c = self.event(title="Draft talk", category="seminar", publish=False,
                            starts_at="2030-01-20T09:00:00Z", ends_at="2030-01-20T10:00:00Z")
        self.d = self.event(title="Gone", category="social",
                            starts_at="2030-01-25T09:00:00Z", ends_at="2030-01-25T10:00:00Z")
        self.e = self.event(title="=SUM(A1:A2) meetup", category="workshop", capacity=5,
                            starts_at="2030-03-05T09:00:00Z", ends_at="2030-03-05T11:00:00Z",
                            headers=self.organizer2_headers)
        clock.now = utc(2030, 1, 1, 18, 20)
        g1 = self.guest(self.a, "guest1@example.org")
        g2 = self.guest(self.a, "guest2@example.org")
        clock.now = utc(2030, 1, 1, 18, 40)
        g3 = self.guest(self.a, "guest3@example.org")
        asha = self.ok(client.post(f"/api/events/{self.a}/registrations", json={},
                                   headers=self.asha_headers), 201)
        assert (g1["status"], g2["status"], g3["status"], asha["status"]) == (
            "confirmed", "confirmed", "waitlisted", "waitlisted")
        clock.now = utc(2030, 1, 2, 10, 0)
        freed = self.ok(client.delete(f"/api/events/{self.a}/registrations/"
                                      f"{g1['registration_id']}",
                                      params={"token": g1["cancel_token"]}))
        assert freed["promoted_registration_id"] == g3["registration_id"]
        self.ok(client.delete(f"/api/events/{self.a}/registrations/{asha['registration_id']}",
                              headers=self.asha_headers))
        clock.now = utc(2030, 1, 3, 4, 50)
        assert self.guest(self.b, "Asha.Rao@Example.ORG")["status"] == "confirmed"
        clock.now = utc(2030, 1, 3, 5, 10)
        assert self.guest(self.b, "guest4@example.org")["status"] == "waitlisted"
        self.guest(self.e, "GUEST1@example.org")
        self.guest(self.d, "guest5@example.org")
        deleted = client.delete(f"/api/events/{self.d}", headers=as_organizer(client))
        assert deleted.status_code == 204, deleted.text
        self.position = max(self.position, int(deleted.headers["X-Position"]))
        clock.now = utc(2030, 1, 11, 9, 10)
        self.ok(client.post(f"/api/events/{self.a}/registrations/{g2['registration_id']}/check-in",
                            headers=as_organizer(client)))
        clock.now = utc(2030, 1, 11, 9, 20)
        for guest, score in ((g2, 5), (g3, 3)):
            self.ok(client.put(f"/api/events/{self.a}/ratings/guest", json={"score": score},
                               params={"registration_id": guest["registration_id"],
                                       "token": guest["cancel_token"]}))

    @property
    def organizer2_headers(self) -> dict[str, str]:
        return fresh_token(self.client, self.organizer2)

    @property
    def asha_headers(self) -> dict[str, str]:
        return fresh_token(self.client, self.asha)

    def ok(self, response: Any, status: int = 200) -> dict[str, Any]:
        assert response.status_code == status, response.text
        body: dict[str, Any] = response.json()
        self.position = max(self.position, int(body["position"]))
        return body

    def event(self, *, headers: dict[str, str] | None = None, **overrides: Any) -> str:
        event_id = create_event(self.client, self.clock, headers=headers, **overrides)
        return event_id

    def guest(self, event_id: str, email: str) -> dict[str, Any]:
        return self.ok(self.client.post(f"/api/events/{event_id}/registrations",
                                        json={"name": email.split("@")[0],
                                              "email": email}), 201)

    def get(self, path: str, headers: dict[str, str] | None = None, /, **params: Any) -> Any:
        return self.client.get(path, params=params, headers={
            "X-Consistent-With": str(self.position), **(headers or {})})

    def analytics(self, event_id: str, headers: dict[str, str] | None = None, /,
                  **params: Any) -> dict[str, Any]:
        response = self.get(f"/api/analytics/events/{event_id}", headers or admin_of(self), **params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def overview(self, headers: dict[str, str] | None = None, /, **params: Any) -> dict[str, Any]:
        response = self.get("/api/analytics/overview", headers or admin_of(self), **params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body


def admin_of(world: Scenario) -> dict[str, str]:
    state = world.client.app.state  # type: ignore[attr-defined]
    if not hasattr(state, "test_admin"):
        state.test_admin = make_account(world.client, "admin")["id"]
    return fresh_token(world.client, state.test_admin)


@pytest.fixture
def world(client: TestClient, clock: FakeClock) -> Scenario:
    return Scenario(client, clock)


def at(value: str) -> datetime:
    return datetime.fromisoformat(value)


def test_one_event_counts_rates_and_daily_dates_in_its_zone(world: Scenario) -> None:
    a = world.analytics(world.a)
    assert {k: a[k] for k in ("registrations", "cancellations", "waitlist_joins", "promotions",
                              "confirmed", "checked_in", "capacity", "rating_count")} == {
        "registrations": 4, "cancellations": 2, "waitlist_joins": 2, "promotions": 1,
        "confirmed": 2, "checked_in": 1, "capacity": 2, "rating_count": 2}
    assert (a["attendance_rate"], a["waitlist_conversion_rate"]) == (0.5, 0.5)
    assert a["no_show_rate"] is None  # not ended yet (clock 09:20Z, ends 11:00Z)
    assert at(a["sold_out_at"]) == utc(2030, 1, 1, 18, 20)
    assert a["sold_out_at"].endswith("+05:30") and a["starts_at"] == "2030-01-11T14:30:00+05:30"
    assert (a["rating_avg"], a["rating_distribution"]) == (
        4.0, {"1": 0, "2": 0, "3": 1, "4": 0, "5": 1})
    assert (a["title"], a["timezone"], a["status"], a["category"], a["country"]) == (
        "Bike repair", "Asia/Kolkata", "published", "workshop", "IN")
    zero = dict.fromkeys(("registrations", "cancellations", "waitlist_joins", "promotions",
                          "check_ins"), 0)
    # Asia/Kolkata: 18:20Z is 23:50 on 01-01, 18:40Z already 00:10 on 01-02 (UTC: all on 01-01).
    assert a["daily"] == [
        {**zero, "date": "2030-01-01", "registrations": 2},
        {**zero, "date": "2030-01-02", "registrations": 2, "waitlist_joins": 2,
         "cancellations": 2, "promotions": 1},
        {**zero, "date": "2030-01-11", "check_ins": 1}]

    b = world.analytics(world.b)
    assert (b["registrations"], b["waitlist_joins"], b["confirmed"], b["checked_in"]) == (2, 1, 1, 0)
    assert (b["attendance_rate"], b["waitlist_conversion_rate"]) == (0.0, 0.0)  # 0, not null
    assert (b["rating_avg"], b["rating_count"]) == (None, 0)
    assert b["rating_distribution"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
    assert at(b["sold_out_at"]) == utc(2030, 1, 3, 4, 50) and b["sold_out_at"].endswith("-05:00")
    # America/New_York: 04:50Z is 23:50 on 01-02, 05:10Z 00:10 on 01-03 (UTC: both on 01-03).
    assert b["daily"] == [{**zero, "date": "2030-01-02", "registrations": 1},
                          {**zero, "date": "2030-01-03", "registrations": 1, "waitlist_joins": 1}]

    in_utc = world.analytics(world.b, tz="UTC")
    sold_out = at(in_utc["sold_out_at"])
    assert sold_out == utc(2030, 1, 3, 4, 50) and sold_out.utcoffset() == timedelta(0)
    assert in_utc["daily"] == b["daily"]  # dates stay the event's, whatever zone times show in


def test_no_show_rate_once_the_event_has_ended_and_rates_without_denominators(
        world: Scenario) -> None:
    world.clock.now = utc(2030, 1, 11, 10, 59)
    assert world.analytics(world.a)["no_show_rate"] is None
    world.clock.now = utc(2030, 1, 11, 11, 0)  # ends_at
    assert world.analytics(world.a)["no_show_rate"] == 0.5
    world.clock.now = utc(2030, 2, 16)
    assert world.analytics(world.b)["no_show_rate"] == 1.0  # confirmed 1, nobody came
    world.clock.now = utc(2030, 2, 1)
    draft = world.analytics(world.c)  # ended, nobody registered: every rate null
    assert draft["status"] == "draft" and draft["registrations"] == 0 and draft["daily"] == []
    assert [draft[k] for k in ("attendance_rate", "no_show_rate", "waitlist_conversion_rate",
                               "rating_avg", "sold_out_at")] == [None] * 5


OVERALL = {"events": 3, "registrations": 7, "cancellations": 2, "unique_attendees": 5,
           "repeat_attendees": 2, "attendance_rate": 0.25, "rating_avg": 4.0}


def totals(body: dict[str, Any]) -> dict[str, Any]:
    return {k: body[k] for k in OVERALL}


def test_overview_totals_tables_and_people(world: Scenario) -> None:
    body = world.overview()
    assert totals(body) == OVERALL  # C (draft) and D (deleted, with g5) never count
    assert body["by_month"] == [
        {"month": "2030-01", "events": 1, "registrations": 4, "attendance_rate": 0.5},
        {"month": "2030-02", "events": 1, "registrations": 2, "attendance_rate": 0.0},
        {"month": "2030-03", "events": 1, "registrations": 1, "attendance_rate": 0.0}]
    assert body["by_category"] == [
        {"category": "volunteer", "events": 1, "registrations": 2, "attendance_rate": 0.0,
         "rating_avg": None},
        {"category": "workshop", "events": 2, "registrations": 5, "attendance_rate": 1 / 3,
         "rating_avg": 4.0}]
    assert body["top_events"] == [
        {"event_id": world.a, "title": "Bike repair", "registrations": 4},
        {"event_id": world.b, "title": "Beach cleanup", "registrations": 2},
        {"event_id": world.e, "title": "=SUM(A1:A2) meetup", "registrations": 1}]


def test_overview_filters(world: Scenario) -> None:
    workshops = world.overview(category="workshop")  # A and E: g1 is the repeat attendee
    assert totals(workshops) == {"events": 2, "registrations": 5, "cancellations": 2,
                                 "unique_attendees": 4, "repeat_attendees": 1,
                                 "attendance_rate": 1 / 3, "rating_avg": 4.0}
    us = world.overview(country="us")
    assert totals(us) == {"events": 1, "registrations": 2, "cancellations": 0,
                          "unique_attendees": 2, "repeat_attendees": 0, "attendance_rate": 0.0,
                          "rating_avg": None}
    assert [r["event_id"] for r in us["top_events"]] == [world.b]
    # Dates on the start instant in UTC, both ends inclusive.
    assert world.overview(**{"from": "2030-01-11", "to": "2030-01-11"})["top_events"][0][
        "event_id"] == world.a
    assert [r["event_id"] for r in world.overview(**{"from": "2030-01-12", "to": "2030-02-15"})[
        "top_events"]] == [world.b]
    assert world.overview(**{"from": "2030-03-05"})["events"] == 1
    assert world.overview(to="2030-02-15")["events"] == 2
    nothing = world.overview(**{"from": "2030-02-16", "to": "2030-03-04"})
    assert totals(nothing) == {"events": 0, "registrations": 0, "cancellations": 0,
                               "unique_attendees": 0, "repeat_attendees": 0,
                               "attendance_rate": None, "rating_avg": None}
    assert (nothing["by_month"], nothing["by_category"], nothing["top_events"]) == ([], [], [])
    second = world.overview(organizer_id=world.organizer2)
    assert (second["events"], second["unique_attendees"], second["repeat_attendees"]) == (1, 1, 0)


@pytest.mark.parametrize(("params", "code"), [
    ({"from": "2030-02-01", "to": "2030-01-31"}, "invalid_date_range"),
    ({"category": "party"}, "validation_error"),
    ({"country": "USA"}, "validation_error"),
    ({"from": "soon"}, "validation_error"),
    ({"format": "xml"}, "validation_error"),
    ({"format": "csv", "table": "by_day"}, "validation_error"),
    ({"organizer_id": "x" * 65}, "validation_error"),
])
def test_overview_refuses_bad_filters(client: TestClient, params: dict[str, str],
                                      code: str) -> None:
    response = client.get("/api/analytics/overview", params=params, headers=login(client, "admin"))
    assert_problem(response, 422, code)


def test_one_event_refuses_a_bad_format(client: TestClient) -> None:
    response = client.get(f"/api/analytics/events/{UNKNOWN}", params={"format": "pdf"},
                          headers=login(client, "analyst"))
    assert_problem(response, 422, "validation_error")


def rows_of(response: Any) -> list[list[str]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(response.text)))


def test_csv_of_each_table(world: Scenario) -> None:
    admin = admin_of(world)
    daily = rows_of(world.get(f"/api/analytics/events/{world.a}", admin, format="csv"))
    assert daily == [
        ["date", "registrations", "cancellations", "waitlist_joins", "promotions", "check_ins"],
        ["2030-01-01", "2", "0", "0", "0", "0"], ["2030-01-02", "2", "2", "2", "1", "0"],
        ["2030-01-11", "0", "0", "0", "0", "1"]]
    assert rows_of(world.get("/api/analytics/overview", admin, format="csv")) == [
        ["month", "events", "registrations", "attendance_rate"],
        ["2030-01", "1", "4", "0.5"], ["2030-02", "1", "2", "0.0"], ["2030-03", "1", "1", "0.0"]]
    assert rows_of(world.get("/api/analytics/overview", admin, format="csv",
                             table="by_category")) == [
        ["category", "events", "registrations", "attendance_rate", "rating_avg"],
        ["volunteer", "1", "2", "0.0", ""], ["workshop", "2", "5", str(1 / 3), "4.0"]]
    top = rows_of(world.get("/api/analytics/overview", admin, format="csv", table="top_events",
                            category="workshop"))
    # A title a spreadsheet would run as a formula is written as text.
    assert top == [["event_id", "title", "registrations"], [world.a, "Bike repair", "4"],
                   [world.e, "'=SUM(A1:A2) meetup", "1"]]
    empty = rows_of(world.get("/api/analytics/overview", admin, format="csv", country="FR"))
    assert empty == [["month", "events", "registrations", "attendance_rate"]]


def test_who_may_see_one_event(world: Scenario) -> None:
    client = world.client
    analyst, member = login(client, "analyst"), login(client, "member")
    owner, other = as_organizer(client), world.organizer2_headers
    for headers in (admin_of(world), analyst, owner):
        assert world.analytics(world.a, headers)["registrations"] == 4
    path = f"/api/analytics/events/{world.a}"
    assert_problem(world.get(path, other), 403, "not_owner")
    assert_problem(world.get(path, member), 403, "forbidden")
    assert_problem(world.get(path), 401, "unauthorized")
    assert world.analytics(world.e, other)["registrations"] == 1
    assert_problem(world.get(f"/api/analytics/events/{world.e}", owner), 403, "not_owner")
    # Unknown and deleted events are gone; a draft is its organizer's (and readers of all).
    assert_problem(world.get(f"/api/analytics/events/{UNKNOWN}", analyst), 404, "not_found")
    assert_problem(world.get(f"/api/analytics/events/{world.d}", admin_of(world)), 404, "not_found")
    assert_problem(world.get(f"/api/analytics/events/{world.d}", owner), 404, "not_found")
    assert world.analytics(world.c, owner)["status"] == "draft"
    assert world.analytics(world.c, analyst)["status"] == "draft"
    assert_problem(world.get(f"/api/analytics/events/{world.c}", other), 404, "not_found")


def test_who_may_see_the_overview(world: Scenario) -> None:
    client = world.client
    analyst = login(client, "analyst")
    assert totals(world.overview(analyst)) == OVERALL
    own = world.overview(as_organizer(client))  # A and B only: Asha repeats, g1 does not
    assert totals(own) == {"events": 2, "registrations": 6, "cancellations": 2,
                           "unique_attendees": 5, "repeat_attendees": 1,
                           "attendance_rate": 1 / 3, "rating_avg": 4.0}
    assert [r["event_id"] for r in own["top_events"]] == [world.a, world.b]
    mine = world.overview(world.organizer2_headers, organizer_id=world.organizer2)
    assert [r["event_id"] for r in mine["top_events"]] == [world.e]
    assert_problem(world.get("/api/analytics/overview", world.organizer2_headers,
                             organizer_id=as_organizer_id(client)), 403, "not_owner")
    assert_problem(world.get("/api/analytics/overview", login(client, "member")), 403, "forbidden")
    assert_problem(world.get("/api/analytics/overview"), 401, "unauthorized")
    assert_problem(world.get("/api/analytics/overview", format="csv"), 401, "unauthorized")


def as_organizer_id(client: TestClient) -> str:
    as_organizer(client)
    organizer: str = client.app.state.test_organizer  # type: ignore[attr-defined]
    return organizer
