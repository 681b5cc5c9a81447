"""Rules of the CommunityEvent aggregate, in given / when / then form."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from command_api.domain.community_event import CommunityEvent
from command_api.domain.errors import (
    CapacityBelowConfirmed,
    EventFull,
    InvalidEventDetails,
    InvalidTransition,
    NotConfirmed,
    RegistrationClosed,
)
from tests.unit.factories import (
    NOW,
    event_details,
    given_registrations,
    published_event,
    then_events,
)


def test_scheduling_in_the_past_is_refused() -> None:
    with pytest.raises(InvalidEventDetails) as refused:
        CommunityEvent.schedule(actor="o", now=NOW, **event_details(starts_at=NOW - timedelta(1)))
    assert refused.value.field == "starts_at"


def test_ending_before_start_is_refused() -> None:
    details = event_details()
    details["ends_at"] = details["starts_at"] - timedelta(minutes=1)
    with pytest.raises(InvalidEventDetails) as refused:
        CommunityEvent.schedule(actor="o", now=NOW, **details)
    assert refused.value.field == "ends_at"


def test_capacity_below_one_is_refused() -> None:
    with pytest.raises(InvalidEventDetails):
        CommunityEvent.schedule(actor="o", now=NOW, **event_details(capacity=0))


def test_scheduled_event_is_a_draft_until_published() -> None:
    event = CommunityEvent.schedule(actor="o", now=NOW, **event_details())
    assert then_events(event) == ["Scheduled"]
    with pytest.raises(RegistrationClosed):
        event.admit(uuid4(), name="A", email="a@x.org", actor="guest", now=NOW)
    event.publish(actor="o", now=NOW)
    assert then_events(event) == ["Published"]
    with pytest.raises(InvalidTransition):
        event.publish(actor="o", now=NOW)


def test_free_seat_confirms() -> None:
    event = published_event(capacity=1)
    assert event.admit(uuid4(), name="A", email="a@x.org", actor="guest", now=NOW) == "confirmed"
    assert then_events(event) == ["RegistrationConfirmed"]
    assert event.seats_left == 0


def test_full_event_waitlists_in_arrival_order() -> None:
    event = published_event(capacity=1)
    given_registrations(event, 1)
    first, second = uuid4(), uuid4()
    assert event.admit(first, name="B", email="b@x.org", actor="guest", now=NOW) == "waitlisted"
    event.admit(second, name="C", email="c@x.org", actor="guest", now=NOW)
    assert then_events(event) == ["RegistrantWaitlisted", "RegistrantWaitlisted"]
    assert (event.waitlist_position(first), event.waitlist_position(second)) == (1, 2)


def test_full_event_without_waitlist_refuses() -> None:
    event = published_event(capacity=1, waitlist_enabled=False)
    given_registrations(event, 1)
    with pytest.raises(EventFull):
        event.admit(uuid4(), name="B", email="b@x.org", actor="guest", now=NOW)
    assert then_events(event) == []


@pytest.mark.parametrize("close", ["cancel", "delete", "start"])
def test_closed_event_refuses_registration(close: str) -> None:
    event = published_event()
    now = NOW
    if close == "cancel":
        event.cancel(reason="rain", actor="o", now=NOW)
    elif close == "delete":
        event.delete(actor="o", now=NOW)
    else:
        now = event.starts_at
    with pytest.raises(RegistrationClosed):
        event.admit(uuid4(), name="A", email="a@x.org", actor="guest", now=now)


def test_cancelled_seat_promotes_first_in_line() -> None:
    event = published_event(capacity=2)
    seated = given_registrations(event, 4)
    promoted = event.release(seated[0], actor="guest", now=NOW)
    assert promoted == seated[2]
    assert then_events(event) == ["RegistrationCancelled"]
    assert event.confirmed_count == 2
    assert event.waitlist_position(seated[3]) == 1


def test_cancelled_waitlist_place_promotes_nobody() -> None:
    event = published_event(capacity=1)
    ids = given_registrations(event, 3)
    assert event.release(ids[1], actor="guest", now=NOW) is None
    assert event.confirmed_count == 1
    assert event.waitlist_position(ids[2]) == 1


def test_seat_freed_after_start_is_not_promoted() -> None:
    event = published_event(capacity=1)
    ids = given_registrations(event, 2)
    assert event.release(ids[0], actor="guest", now=event.starts_at) is None
    assert event.confirmed_count == 0


def test_raising_capacity_promotes_as_many_as_fit() -> None:
    event = published_event(capacity=1)
    ids = given_registrations(event, 5)
    assert event.change_capacity(3, actor="o", now=NOW) == ids[1:3]
    assert then_events(event) == ["CapacityChanged"]
    assert (event.confirmed_count, len(event.waitlist)) == (3, 2)


def test_lowering_capacity_below_confirmed_is_refused() -> None:
    event = published_event(capacity=3)
    given_registrations(event, 2)
    with pytest.raises(CapacityBelowConfirmed):
        event.change_capacity(1, actor="o", now=NOW)
    event.change_capacity(2, actor="o", now=NOW)
    assert event.capacity == 2


def test_edit_into_the_past_is_refused_and_no_change_records_nothing() -> None:
    event = published_event()
    with pytest.raises(InvalidEventDetails):
        event.edit(actor="o", now=NOW, starts_at=NOW - timedelta(hours=1))
    event.edit(actor="o", now=NOW, title=event.title)
    assert then_events(event) == []
    event.edit(actor="o", now=NOW, title="New title")
    assert then_events(event) == ["DetailsChanged"]
    assert event.title == "New title"


def test_deleted_event_cannot_be_edited() -> None:
    event = published_event()
    event.delete(actor="o", now=NOW)
    with pytest.raises(InvalidTransition):
        event.edit(actor="o", now=NOW, title="x")


def test_only_confirmed_attendees_check_in() -> None:
    event = published_event(capacity=1)
    seated, waiting = given_registrations(event, 2)
    with pytest.raises(NotConfirmed):
        event.check_in(waiting, already=False, actor="o", now=NOW)
    event.check_in(seated, already=False, actor="o", now=NOW)
    assert then_events(event) == ["AttendeeCheckedIn"]


def test_every_event_says_who_and_when() -> None:
    event = CommunityEvent.schedule(actor="org-1", now=NOW, **event_details())
    event.publish(actor="org-1", now=NOW)
    event.admit(uuid4(), name="A", email="a@x.org", actor="guest", now=NOW)
    for domain_event in event.collect_events():
        assert domain_event.actor in {"org-1", "guest"}
        assert domain_event.timestamp == NOW and domain_event.timestamp.tzinfo is not None
