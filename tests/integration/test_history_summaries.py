"""History in plain words: each audit entry's `summary` names people and reasons, from one fold of
the whole stream, so paging and `as_of` never change what an entry says; and time travel shows
attendees and the waitlist (with places) exactly as they stood."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from fastapi.testclient import TestClient

from command_api.domain.community_event import CommunityEvent
from command_api.domain.rating import Rating
from eventconnect.container import Container
from kernel.authz import system
from query_api import history as history_module
from query_api.history_summaries import WaitingLine, summaries
from tests.conftest import FakeClock
from tests.integration.test_audit_queries import register, schedule


class Story:
    """Capacity 1: Ann takes the seat, Bo and Cy wait, Ann cancels (Bo promoted), Di waits, then
    an admin raises capacity to 3 (Cy and Di promoted). Instants are kept between the steps."""

    def __init__(self, container: Container, clock: FakeClock) -> None:
        self.container = container
        app = container.write_model
        organizer, _ = container.accounts.sign_up(
            email="olu@example.org", password="correct horse battery", name="Olu Organizer",
            role="organizer", actor="test")
        self.admin, _ = container.accounts.sign_up(
            email="root@example.org", password="correct horse battery", name="Rae Root",
            role="admin", actor="test")
        self.organizer = organizer
        # Scheduled by an account, so the history finds its name in the store.
        self.event_id = app.create_event(actor=str(organizer.id), publish=True, **details(
            app, capacity=1, organizer_id=str(organizer.id), organizer_name="Olu Organizer"))[0]
        self.instants: list[datetime] = []
        self.people: dict[str, UUID] = {}
        for who in ("ann", "bo", "cy"):
            clock.advance(minutes=5)
            self.people[who] = register(app, self.event_id, who)
        clock.advance(minutes=5)
        self.instants.append(clock.now)
        app.cancel_registration(self.event_id, self.people["ann"], principal=system("guest"))
        clock.advance(minutes=5)
        self.instants.append(clock.now)
        self.people["di"] = register(app, self.event_id, "di")
        clock.advance(minutes=5)
        self.instants.append(clock.now)
        app.edit_event(self.event_id, capacity=3, principal=system(str(self.admin.id)))
        clock.advance(minutes=5)
        app.check_in(self.event_id, self.people["bo"], principal=system(str(organizer.id)))
        container.runner.catch_up()
        clock.advance(minutes=5)
        self.instants.append(clock.now)


@pytest.fixture
def story(container: Container, clock: FakeClock) -> Story:
    return Story(container, clock)


def details(app: Any, **overrides: Any) -> dict[str, Any]:
    starts = app.clock() + timedelta(days=10)
    return dict(organizer_id="org-1", organizer_name="Olu Ade", title="Bike repair",
                description="Fix brakes", category="workshop", tags=["bikes"], starts_at=starts,
                ends_at=starts + timedelta(hours=2), timezone="Asia/Kolkata",
                location={"country": "IN", "city": "Pune", "venue": "Hall 2"}, capacity=2,
                waitlist_enabled=True) | overrides


def history(client: TestClient, event_id: UUID, **params: Any) -> dict[str, Any]:
    response = client.get(f"/api/events/{event_id}/history", params={"page_size": 100, **params})
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_history_says_who_was_promoted_and_why(client: TestClient, story: Story) -> None:
    assert [item["summary"] for item in history(client, story.event_id)["items"]] == [
        'Olu Organizer scheduled "Bike repair" with 1 seat',
        "Olu Organizer published the event",
        "Ann registered and got a seat",
        "Bo joined the waitlist at position 1",
        "Cy joined the waitlist at position 2",
        "Bo was promoted from waitlist position 1 because Ann cancelled",
        "Di joined the waitlist at position 2",
        "Capacity raised from 1 to 3 by Rae Root; 2 people promoted from the waitlist "
        "(Cy and Di)",
        "Bo was checked in by Olu Organizer",
    ]


def test_paging_and_as_of_keep_each_summary(client: TestClient, story: Story) -> None:
    everything = history(client, story.event_id)["items"]
    by_position = {item["position"]: item["summary"] for item in everything}
    for page in range(1, 10):
        one = history(client, story.event_id, page=page, page_size=1)["items"]
        assert [by_position[item["position"]] for item in one] == [i["summary"] for i in one]
    for instant in story.instants:
        then = history(client, story.event_id, as_of=instant.isoformat(), page=2, page_size=2)
        assert then["items"], instant
        assert all(item["summary"] == by_position[item["position"]] for item in then["items"])
    text = str(everything)
    assert str(story.admin.id) not in "".join(i["summary"] for i in everything)
    assert "token" not in text.lower()


def test_time_travel_shows_attendees_and_waitlist_as_they_stood(
        client: TestClient, container: Container, clock: FakeClock) -> None:
    app = container.write_model
    event_id = schedule(app, capacity=1)

    def snapshot(**params: Any) -> tuple[Any, Any]:
        attendees = client.get(f"/api/events/{event_id}/attendees",
                               params={"page_size": 100, **params}).json()["items"]
        waitlist = client.get(f"/api/events/{event_id}/waitlist",
                              params={"page_size": 100, **params}).json()["items"]
        return ([(a["name"], a["status"], a["waitlist_position"]) for a in attendees],
                [(w["name"], w["waitlist_position"]) for w in waitlist])

    seen = {}
    people = {}
    for step, who in enumerate(("ann", "bo", "cy", "di")):
        clock.advance(minutes=5)
        people[who] = register(app, event_id, who)
        if step == 3:
            app.cancel_registration(event_id, people["ann"], principal=system("guest"))
        container.runner.catch_up()
        clock.advance(minutes=1)
        seen[clock.now] = snapshot()
    assert seen[clock.now][1] == [("Cy", 1), ("Di", 2)]  # Bo was promoted when Ann cancelled
    for instant, then in seen.items():
        assert snapshot(as_of=instant.isoformat()) == then


def test_a_later_event_type_reads_from_its_name() -> None:
    class CheckInUndone:  # stands in for an event type this module does not know yet
        def __init__(self) -> None:
            self.actor, self.registration_id = "system", "r1"

    confirmed = CommunityEvent.RegistrationConfirmed(
        originator_id=uuid4(), originator_version=2, timestamp=datetime.now(UTC), actor="guest",
        registration_id="r1", name="Asha Rao", email="asha@example.org")
    assert summaries([confirmed, CheckInUndone()], lambda actor: None) == [
        "Asha Rao registered and got a seat", "Check in undone for Asha Rao by the system"]


def test_waiting_line_places_after_removals() -> None:
    line = WaitingLine()
    ids = [f"r{i}" for i in range(40)]
    places = [line.join(r) for r in ids]
    assert places == list(range(1, 41))
    assert line.leave("r0") == 1 and line.leave("r20") == 20 and line.leave("nobody") is None
    assert line.leave("r39") == 38 and line.join("new") == 38 and line.leave("new") == 38
    # Against the obvious list, for joins interleaved with removals anywhere in line.
    queue = [r for r in ids if r not in ("r0", "r20", "r39")]
    for i in range(60):
        if i % 3 == 2:
            gone = queue[(i * 7) % len(queue)]
            assert line.leave(gone) == queue.index(gone) + 1
            queue.remove(gone)
        else:
            queue.append(f"n{i}")
            assert line.join(f"n{i}") == len(queue)


def test_account_history_names_the_member_and_the_admin(container: Container) -> None:
    accounts = container.accounts
    admin, _ = accounts.sign_up(email="ada@example.org", password="correct horse battery",
                                name="Ada Admin", role="admin", actor="test")
    member, _ = accounts.sign_up(email="asha@example.org", password="correct horse battery",
                                 name="Asha Rao", actor="test")
    accounts.change_profile(member.id, actor=str(member.id), name="Asha R. Rao")
    accounts.grant_role(member.id, "organizer", actor=str(admin.id))
    stream = history_module.account_stream(container.write_model, member.id)
    assert stream is not None
    said = [text for _, text in history_module.summarized(container.write_model, stream)]
    assert said[0] == "Asha Rao's account was created as a member by an admin"
    assert "Asha Rao's name changed" in said
    assert said[-1] == "Ada Admin made Asha R. Rao an organizer (was member)"
    assert not any(str(admin.id) in text or "@" in text for text in said)


def test_ratings_name_their_author_on_every_later_change() -> None:
    rating_id, now = uuid4(), datetime.now(UTC)
    envelope = dict(originator_id=rating_id, timestamp=now, event_id=uuid4())
    events = [
        Rating.Rated(originator_topic="rating", originator_version=1, actor="guest",
                     registration_id="r1", member_id=None, author_name="Ben Li", score=4,
                     comment=None, **envelope),
        Rating.Changed(originator_version=2, actor="guest", previous_score=4, score=5,
                       comment="Great", **envelope),
        Rating.CommentHidden(originator_version=3, actor="mod-1", reason="spoiler", **envelope),
    ]
    assert summaries(events, lambda actor: "Mo Moderator" if actor == "mod-1" else None) == [
        "Ben Li rated the event 4 of 5", "Ben Li changed their rating from 4 to 5 of 5",
        "Mo Moderator hid Ben Li's comment: spoiler"]



def test_the_door_in_plain_words(client: TestClient, story: Story, clock: FakeClock) -> None:
    """An offline scanner's late scans and an undo read as what happened at the door."""
    app = story.container.write_model
    admin = system(str(story.admin.id))
    cy = story.people["cy"]
    app.scan(story.event_id, cy, principal=admin, scanned_at=clock.now - timedelta(minutes=2))
    app.scan(story.event_id, cy, principal=admin, scanned_at=clock.now - timedelta(minutes=4))
    app.undo_check_in(story.event_id, cy, principal=admin)
    story.container.runner.catch_up()
    assert [item["summary"] for item in history(client, story.event_id)["items"]][-3:] == [
        "Cy was checked in by Rae Root (sent later by an offline scanner)",
        "Cy's check-in moved to an earlier scan from an offline scanner (the first scan counts)",
        "Rae Root undid Cy's check-in",
    ]
