"""The door's rules on the aggregates: one check-in per attendee, an earlier scan (an offline
scanner's) is the one kept, and only a check-in that is there can be undone."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from command_api.domain.errors import (
    AlreadyCheckedIn,
    InvalidTransition,
    NotCheckedIn,
    RegistrationNotActive,
)
from command_api.domain.registration import Registration
from tests.unit.factories import NOW, given_registrations, published_event, then_events


def opened() -> Registration:
    return Registration.open(event_id=uuid4(), email="a@example.org", member_id=None,
                             cancel_token_hash=None, actor="guest", now=NOW)


def test_a_check_in_keeps_the_scan_time_and_counts_once() -> None:
    event = published_event(capacity=2)
    (seated,) = given_registrations(event, 1)
    scanned = NOW - timedelta(minutes=7)
    event.check_in(seated, already=False, actor="o", now=NOW, scanned_at=scanned)
    with pytest.raises(AlreadyCheckedIn):
        event.check_in(seated, already=True, actor="o", now=NOW)
    (checked_in,) = [e for e in event.collect_events() if type(e).__name__ == "AttendeeCheckedIn"]
    assert checked_in.checked_in_at == scanned and checked_in.timestamp == NOW


def test_only_an_earlier_scan_moves_a_check_in() -> None:
    event = published_event(capacity=2)
    (seated,) = given_registrations(event, 1)
    kept = NOW - timedelta(minutes=5)
    for later in (kept, kept + timedelta(seconds=1)):
        with pytest.raises(InvalidTransition):
            event.backdate_check_in(seated, checked_in_at=kept, scanned_at=later, actor="o",
                                    now=NOW)
    event.backdate_check_in(seated, checked_in_at=kept, scanned_at=kept - timedelta(minutes=1),
                            actor="o", now=NOW)
    assert then_events(event)[-1] == "CheckInBackdated"


def test_undo_needs_a_check_in() -> None:
    event = published_event(capacity=2)
    (seated,) = given_registrations(event, 1)
    with pytest.raises(NotCheckedIn):
        event.undo_check_in(seated, checked_in_at=None, actor="o", now=NOW)
    event.undo_check_in(seated, checked_in_at=NOW, actor="o", now=NOW)
    assert then_events(event)[-1] == "CheckInUndone"


def test_the_registration_remembers_the_first_scan_and_forgets_it_on_undo() -> None:
    registration = opened()
    scanned = NOW - timedelta(minutes=3)
    registration.check_in(actor="o", now=NOW, scanned_at=scanned)
    assert registration.checked_in and registration.checked_in_at == scanned
    registration.backdate_check_in(actor="o", now=NOW, scanned_at=scanned - timedelta(minutes=1))
    assert registration.checked_in_at == scanned - timedelta(minutes=1)
    registration.undo_check_in(actor="o", now=NOW)
    assert not registration.checked_in and registration.checked_in_at is None
    registration.withdraw(actor="guest", now=NOW)
    with pytest.raises(RegistrationNotActive):
        registration.check_in(actor="o", now=NOW)
