"""Rules of the Registration aggregate."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import uuid4

import pytest

from command_api.domain.errors import (
    AlreadyRegistered,
    AlreadyReminded,
    BadCancelToken,
    FeedbackAlreadyRequested,
    RegistrationNotActive,
    ReminderNotDue,
    RemindersOff,
)
from command_api.domain.registration import Registration, hash_token, registration_id_for
from tests.unit.factories import NOW, then_events


def open_registration(token: str = "secret") -> Registration:
    return Registration.open(event_id=uuid4(), email=" Asha@Example.org ", member_id=None,
                             cancel_token_hash=hash_token(token), actor="guest", now=NOW)


def test_id_is_the_same_for_the_same_email_trimmed_and_any_case() -> None:
    event_id = uuid4()
    assert registration_id_for(event_id, "a@x.org") == registration_id_for(event_id, " A@X.ORG ")
    assert registration_id_for(event_id, "a@x.org") != registration_id_for(uuid4(), "a@x.org")


def test_email_is_stored_normalised() -> None:
    registration = open_registration()
    assert registration.email == "asha@example.org"
    assert then_events(registration) == ["Opened"]


def test_active_registration_cannot_be_reopened() -> None:
    registration = open_registration()
    with pytest.raises(AlreadyRegistered):
        registration.reopen(member_id=None, cancel_token_hash=None, actor="guest", now=NOW)


def test_withdrawn_registration_reopens_with_a_new_token() -> None:
    registration = open_registration("old")
    registration.withdraw(actor="guest", now=NOW)
    with pytest.raises(RegistrationNotActive):
        registration.withdraw(actor="guest", now=NOW)
    registration.reopen(member_id=None, cancel_token_hash=hash_token("new"), actor="guest", now=NOW)
    assert then_events(registration) == ["Opened", "Withdrawn", "Reopened"]
    registration.check_token("new")
    with pytest.raises(BadCancelToken):
        registration.check_token("old")


@pytest.mark.parametrize("token", [None, "", "wrong"])
def test_wrong_or_missing_token_is_refused(token: str | None) -> None:
    with pytest.raises(BadCancelToken):
        open_registration().check_token(token)


def test_store_never_holds_the_token_itself() -> None:
    registration = open_registration("tok-123")
    opened = registration.collect_events()[0]
    assert "tok-123" not in repr(opened.__dict__)


# --- reminders and feedback requests ------------------------------------------------------------

STARTS = NOW + timedelta(days=2)
DAY = 86_400


def remind(registration: Registration, offset: int = DAY, *, now: datetime | None = None,
           starts_at: datetime = STARTS) -> None:
    registration.send_reminder(offset, starts_at - timedelta(seconds=offset),
                               starts_at=starts_at, actor="system", now=now or STARTS - timedelta(hours=23))


def test_a_due_reminder_is_sent_once_per_offset() -> None:
    registration = open_registration()
    registration.collect_events()
    remind(registration)
    [sent] = registration.collect_events()
    assert isinstance(sent, Registration.ReminderSent)
    assert (sent.offset_seconds, sent.due_at, sent.actor) == (DAY, STARTS - timedelta(days=1), "system")
    with pytest.raises(AlreadyReminded):
        remind(registration)
    remind(registration, 3600, now=STARTS - timedelta(minutes=30))  # another offset: its own once
    assert then_events(registration) == ["ReminderSent"]


def test_a_reminder_is_not_sent_before_it_is_due_nor_once_the_event_started() -> None:
    registration = open_registration()
    with pytest.raises(ReminderNotDue):
        remind(registration, now=STARTS - timedelta(hours=25))
    with pytest.raises(ReminderNotDue):
        remind(registration, now=STARTS)
    remind(registration, now=STARTS - timedelta(seconds=1))  # late, but still before the start


def test_a_reminder_due_before_the_registration_was_made_is_never_sent() -> None:
    registration = Registration.open(event_id=uuid4(), email="late@x.org", member_id=None,
                                     cancel_token_hash=None, actor="guest",
                                     now=STARTS - timedelta(hours=3))
    with pytest.raises(ReminderNotDue):
        remind(registration, now=STARTS - timedelta(hours=2))
    remind(registration, 3600, now=STARTS - timedelta(minutes=59))  # the 1 h one is still ahead


def test_a_reopened_registration_counts_from_its_reopening() -> None:
    registration = open_registration()
    registration.withdraw(actor="guest", now=NOW)
    registration.reopen(member_id=None, cancel_token_hash=None, actor="guest",
                        now=STARTS - timedelta(hours=2))
    assert registration.opened_at == STARTS - timedelta(hours=2)
    with pytest.raises(ReminderNotDue):
        remind(registration, now=STARTS - timedelta(hours=1))


def test_cancelled_and_stopped_registrations_get_no_reminder() -> None:
    cancelled = open_registration()
    cancelled.withdraw(actor="guest", now=NOW)
    with pytest.raises(RegistrationNotActive):
        remind(cancelled)
    stopped = open_registration()
    assert stopped.stop_reminders(actor="guest", now=NOW) is True
    assert stopped.stop_reminders(actor="guest", now=NOW) is False  # a second click: no event
    assert then_events(stopped) == ["Opened", "RemindersStopped"]
    with pytest.raises(RemindersOff):
        remind(stopped)
    with pytest.raises(RemindersOff):
        stopped.request_feedback(ends_at=STARTS, actor="system", now=STARTS + timedelta(hours=3))


def test_feedback_is_requested_once_after_the_end() -> None:
    registration = open_registration()
    registration.collect_events()
    ends = STARTS + timedelta(hours=2)
    with pytest.raises(ReminderNotDue):
        registration.request_feedback(ends_at=ends, actor="system", now=ends - timedelta(seconds=1))
    registration.request_feedback(ends_at=ends, actor="system", now=ends)
    assert then_events(registration) == ["FeedbackRequested"]
    with pytest.raises(FeedbackAlreadyRequested):
        registration.request_feedback(ends_at=ends, actor="system", now=ends)


def test_the_reminder_state_is_rebuilt_from_the_events() -> None:
    registration = open_registration()
    remind(registration)
    registration.request_feedback(ends_at=STARTS, actor="system", now=STARTS)
    registration.stop_reminders(actor="guest", now=STARTS)
    replayed: Registration | None = None
    for event in registration.collect_events():
        replayed = event.mutate(replayed)
    assert replayed is not None
    assert (replayed.reminded, replayed.feedback_requested, replayed.reminders_stopped) == (
        [DAY], True, True)
