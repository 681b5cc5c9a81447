"""HTTP: rating an event (members, guests with their token), the window, who may rate, hiding
comments, the event page's summary, the catalogue's average and the history."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import FakeClock
from tests.e2e.conftest import (
    as_organizer,
    assert_problem,
    create_event,
    fresh_token,
    login,
    make_account,
    register,
)

UNKNOWN = "00000000-0000-4000-8000-000000000000"


class Member:
    """A member account whose token is minted at the clock's current time on every use."""

    def __init__(self, client: TestClient, name: str | None = None) -> None:
        self.client = client
        self.account = make_account(client, "member", name=name)

    @property
    def headers(self) -> dict[str, str]:
        return fresh_token(self.client, self.account["id"])

    def register(self, event_id: str) -> dict[str, Any]:
        response = self.client.post(f"/api/events/{event_id}/registrations", json={},
                                    headers=self.headers)
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def rate(self, event_id: str, score: Any, comment: str | None = None) -> Any:
        body: dict[str, Any] = {"score": score}
        if comment is not None:
            body["comment"] = comment
        return self.client.put(f"/api/events/{event_id}/ratings/me", json=body,
                               headers=self.headers)


def starts_of(client: TestClient, event_id: str) -> tuple[datetime, datetime]:
    body = client.get(f"/api/events/{event_id}").json()
    return datetime.fromisoformat(body["starts_at"]), datetime.fromisoformat(body["ends_at"])


def ratings(client: TestClient, event_id: str, position: int = 0,
            headers: dict[str, str] | None = None, **params: Any) -> Any:
    return client.get(f"/api/events/{event_id}/ratings", params=params,
                      headers={"X-Consistent-With": str(position), **(headers or {})})


def ok(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    assert response.headers.get("X-Position", str(body.get("position"))) == str(body["position"])
    return body


def started_event(client: TestClient, clock: FakeClock, members: int = 2,
                  **overrides: Any) -> tuple[str, list[Member]]:
    event_id = create_event(client, clock, capacity=max(members, 1), **overrides)
    people = [Member(client, name=f"Member {i}") for i in range(members)]
    for person in people:
        person.register(event_id)
    clock.now = starts_of(client, event_id)[0]
    return event_id, people


def test_members_rate_and_the_page_and_catalogue_follow(client: TestClient,
                                                        clock: FakeClock) -> None:
    event_id, (asha, ben) = started_event(client, clock)
    first = ok(asha.rate(event_id, 5, "Loved it"))
    assert (first["score"], first["comment"]) == (5, "Loved it") and first["rating_id"]
    clock.advance(minutes=1)
    ok(ben.rate(event_id, 3))
    clock.advance(minutes=1)
    replaced = ok(ben.rate(event_id, 4, "  Good after all  "))  # a second PUT replaces
    assert replaced["comment"] == "Good after all"

    page = ratings(client, event_id, replaced["position"]).json()
    assert (page["average"], page["count"]) == (4.5, 2)
    assert page["distribution"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1}
    assert [i["score"] for i in page["items"]] == [4, 5]  # newest first
    assert page["items"][0]["author_name"] == "Member 1"
    assert (page["total"], page["page"], page["page_size"]) == (2, 1, 20)
    assert not any(i["hidden"] for i in page["items"])

    event = client.get(f"/api/events/{event_id}",
                       headers={"X-Consistent-With": str(replaced["position"])}).json()
    assert (event["rating_avg"], event["rating_count"]) == (4.5, 2)
    mine = client.get(f"/api/events/{event_id}/ratings/me", headers=ben.headers).json()
    assert (mine["score"], mine["comment"], mine["hidden"]) == (4, "Good after all", False)


def test_the_same_put_again_records_nothing(client: TestClient, clock: FakeClock) -> None:
    event_id, (asha, _) = started_event(client, clock)
    ok(asha.rate(event_id, 5, "Yes"))
    assert ok(asha.rate(event_id, 5, "Yes"))["position"] == 0


def test_window_edges(client: TestClient, clock: FakeClock) -> None:
    event_id, (asha, _) = started_event(client, clock)
    starts, ends = starts_of(client, event_id)
    clock.now = starts - timedelta(seconds=1)
    assert_problem(asha.rate(event_id, 4), 409, "rating_not_open")
    clock.now = starts
    ok(asha.rate(event_id, 4))
    clock.now = ends + timedelta(days=30)
    ok(asha.rate(event_id, 3))
    clock.now = ends + timedelta(days=30, seconds=1)
    assert_problem(asha.rate(event_id, 2), 409, "rating_closed")
    # Withdrawing is the author's at any time.
    ok(client.delete(f"/api/events/{event_id}/ratings/me", headers=asha.headers))


def test_who_may_not_rate(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock, capacity=1)
    seated, waiting, cancelled, stranger = (Member(client) for _ in range(4))
    seated.register(event_id)
    waiting.register(event_id)
    gone = cancelled.register(event_id)
    ok(client.delete(f"/api/events/{event_id}/registrations/{gone['registration_id']}",
                     headers=cancelled.headers))
    clock.now = starts_of(client, event_id)[0]
    for person in (waiting, cancelled, stranger):
        assert_problem(person.rate(event_id, 4), 403, "not_attendee")
    assert_problem(client.put(f"/api/events/{event_id}/ratings/me", json={"score": 4}), 401,
                   "unauthorized")
    analyst = login(client, "analyst")
    assert_problem(client.put(f"/api/events/{event_id}/ratings/me", json={"score": 4},
                              headers=analyst), 403, "forbidden")
    assert_problem(seated.rate(UNKNOWN, 4), 404, "not_found")


def test_cancelled_event_cannot_be_rated(client: TestClient, clock: FakeClock) -> None:
    event_id, (asha, _) = started_event(client, clock)
    ok(client.post(f"/api/events/{event_id}/cancel", json={"reason": "storm"},
                   headers=as_organizer(client)))
    assert_problem(asha.rate(event_id, 4), 409, "rating_closed")


def test_bad_input_is_422(client: TestClient, clock: FakeClock) -> None:
    event_id, (asha, _) = started_event(client, clock)
    for score in (0, 6, "4", 4.5, True, None):
        assert_problem(asha.rate(event_id, score), 422, "validation_error")
    assert_problem(asha.rate(event_id, 4, "x" * 2001), 422, "validation_error")
    assert_problem(asha.rate(event_id, 4, "bell\x07"), 422, "validation_error")
    ok(asha.rate(event_id, 4, "x" * 2000))


def test_guest_rates_with_the_registration_token(client: TestClient, clock: FakeClock) -> None:
    event_id = create_event(client, clock)
    guest = register(client, event_id, 7)
    clock.now = starts_of(client, event_id)[0]
    url = f"/api/events/{event_id}/ratings/guest"
    params = {"registration_id": guest["registration_id"], "token": guest["cancel_token"]}
    assert_problem(client.put(url, params={**params, "token": "wrong"}, json={"score": 5}), 403,
                   "forbidden")
    # An unknown registration answers as a wrong token: no telling which emails registered.
    assert_problem(client.put(url, params={"registration_id": UNKNOWN, "token": "x"},
                              json={"score": 5}), 403, "forbidden")
    assert_problem(client.get(url, params={"registration_id": UNKNOWN, "token": "x"}), 403,
                   "forbidden")
    saved = ok(client.put(url, params=params, json={"score": 5, "comment": "Lovely"}))
    mine = client.get(url, params=params,
                      headers={"X-Consistent-With": str(saved["position"])}).json()
    assert (mine["rating_id"], mine["author_name"], mine["score"]) == (
        saved["rating_id"], "Guest 7", 5)
    assert_problem(client.get(url, params={**params, "token": "wrong"}), 403, "forbidden")
    withdrawn = ok(client.delete(url, params=params))
    page = ratings(client, event_id, withdrawn["position"]).json()
    assert (page["count"], page["average"], page["items"]) == (0, None, [])
    assert_problem(client.get(url, params=params), 404, "not_found")


def test_withdraw_and_rate_again(client: TestClient, clock: FakeClock) -> None:
    event_id, (asha, ben) = started_event(client, clock)
    ok(asha.rate(event_id, 2))
    ok(ben.rate(event_id, 4))
    withdrawn = ok(client.delete(f"/api/events/{event_id}/ratings/me", headers=asha.headers))
    assert (ratings(client, event_id, withdrawn["position"]).json()["average"]) == 4
    assert_problem(client.delete(f"/api/events/{event_id}/ratings/me", headers=asha.headers),
                   404, "not_found")
    assert_problem(client.get(f"/api/events/{event_id}/ratings/me", headers=asha.headers), 404,
                   "not_found")
    again = ok(asha.rate(event_id, 5))
    page = ratings(client, event_id, again["position"]).json()
    assert (page["count"], page["average"]) == (2, 4.5)


def test_hide_and_unhide_a_comment(client: TestClient, clock: FakeClock) -> None:
    event_id, (asha, ben) = started_event(client, clock)
    rude = ok(asha.rate(event_id, 1, "You are all idiots"))
    ok(ben.rate(event_id, 5, "Great"))
    owner = as_organizer(client)
    hide = f"/api/events/{event_id}/ratings/{rude['rating_id']}/hide"
    assert_problem(client.post(hide, json={"reason": "x"}, headers=asha.headers), 403,
                   "forbidden")
    assert_problem(client.post(hide, json={"reason": "x"},
                               headers=login(client, "organizer")), 403, "not_owner")
    assert_problem(client.post(hide, json={"reason": "  "}, headers=owner), 422,
                   "validation_error")
    assert_problem(client.post(f"/api/events/{event_id}/ratings/{UNKNOWN}/hide",
                               json={"reason": "x"}, headers=owner), 404, "not_found")
    hidden = ok(client.post(hide, json={"reason": "insults"}, headers=owner))
    assert_problem(client.post(hide, json={"reason": "again"}, headers=owner), 409,
                   "already_hidden")

    public = ratings(client, event_id, hidden["position"]).json()
    assert [i["comment"] for i in public["items"]] == ["Great"]
    assert (public["count"], public["average"], public["total"]) == (2, 3.0, 1)  # still counts
    for who, status, code in ((None, 401, "unauthorized"), (asha.headers, 403, "forbidden"),
                              (login(client, "organizer"), 403, "not_owner")):
        assert_problem(ratings(client, event_id, headers=who, include_hidden="true"), status,
                       code)
    for who in (owner, login(client, "admin")):
        full = ratings(client, event_id, headers=who, include_hidden="true").json()
        flagged = [i for i in full["items"] if i["hidden"]]
        assert [(i["comment"], i["hidden_reason"]) for i in flagged] == [
            ("You are all idiots", "insults")]
    assert client.get(f"/api/events/{event_id}/ratings/me", headers=asha.headers).json()[
        "hidden"] is True

    unhide = f"/api/events/{event_id}/ratings/{rude['rating_id']}/unhide"
    shown = ok(client.post(unhide, headers=login(client, "admin")))
    assert_problem(client.post(unhide, headers=owner), 409, "not_hidden")
    assert ratings(client, event_id, shown["position"]).json()["total"] == 2


def test_history_includes_the_ratings_events(client: TestClient, clock: FakeClock) -> None:
    event_id, (asha, _) = started_event(client, clock)
    rated = ok(asha.rate(event_id, 1, "Bad"))
    owner = as_organizer(client)
    ok(asha.rate(event_id, 2, "Bad, really"))
    ok(client.post(f"/api/events/{event_id}/ratings/{rated['rating_id']}/hide",
                   json={"reason": "rude"}, headers=owner))
    ok(client.post(f"/api/events/{event_id}/ratings/{rated['rating_id']}/unhide", headers=owner))
    ok(client.delete(f"/api/events/{event_id}/ratings/me", headers=asha.headers))
    items = client.get(f"/api/events/{event_id}/history", headers=owner,
                       params={"page_size": 100}).json()["items"]
    mine = [i for i in items if i["type"].startswith("rating.")]
    assert [i["type"] for i in mine] == ["rating.rated", "rating.changed",
                                         "rating.comment_hidden", "rating.comment_unhidden",
                                         "rating.withdrawn"]
    assert mine[0]["data"]["score"] == 1 and mine[0]["data"]["comment"] == "Bad"
    assert mine[1]["data"]["previous_score"] == 1 and mine[2]["data"]["reason"] == "rude"
    assert mine[0]["actor"] == asha.account["id"]
    positions = [i["position"] for i in items]
    assert positions == sorted(positions)


def test_two_simultaneous_first_ratings_keep_one(client: TestClient, clock: FakeClock) -> None:
    event_id, (asha, _) = started_event(client, clock)
    headers = asha.headers
    barrier = threading.Barrier(2)
    answers: list[Any] = []

    def put(score: int) -> None:
        barrier.wait()
        answers.append(client.put(f"/api/events/{event_id}/ratings/me", json={"score": score},
                                  headers=headers))

    threads = [threading.Thread(target=put, args=(score,)) for score in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [200, 200]
    assert len({a.json()["rating_id"] for a in answers}) == 1
    last = max(a.json()["position"] for a in answers)
    page = ratings(client, event_id, last).json()
    assert page["count"] == 1 and page["average"] in (2, 5)


def test_listing_sorts_by_rating(client: TestClient, clock: FakeClock) -> None:
    low, (a, _) = started_event(client, clock)
    high, (b, _) = started_event(client, clock)
    unrated = create_event(client, clock)
    ok(a.rate(low, 2))
    last = ok(b.rate(high, 5))
    listed = client.get("/api/events", params={"sort": "rating", "status": "all"},
                        headers={"X-Consistent-With": str(last["position"])}).json()["items"]
    assert [e["id"] for e in listed][:3] == [high, low, unrated]


def test_unknown_or_deleted_event_ratings_are_404(client: TestClient, clock: FakeClock) -> None:
    assert_problem(client.get(f"/api/events/{UNKNOWN}/ratings"), 404, "not_found")
    event_id = create_event(client, clock)
    deleted = client.delete(f"/api/events/{event_id}", headers=as_organizer(client))
    assert deleted.status_code == 204
    assert_problem(client.get(f"/api/events/{event_id}/ratings", headers={
        "X-Consistent-With": deleted.headers["X-Position"]}), 404, "not_found")


def test_a_drafts_ratings_are_its_organizers_only(client: TestClient, clock: FakeClock) -> None:
    draft = create_event(client, clock, publish=False)
    assert_problem(client.get(f"/api/events/{draft}/ratings"), 404, "not_found")
    assert_problem(client.get(f"/api/events/{draft}/ratings", headers=login(client)), 404,
                   "not_found")
    assert client.get(f"/api/events/{draft}/ratings",
                      headers=as_organizer(client)).json()["count"] == 0
