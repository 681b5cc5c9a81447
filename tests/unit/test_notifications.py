"""The Notification aggregate and the notifier's decisions, on the in-memory store (no DB): given
events in the write model's log, when the notifier reads them, then these notifications."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.persistence import IntegrityError
from sqlalchemy import create_engine

from command_api.application import EventConnect
from command_api.domain.account import Account
from command_api.domain.notification import Notification, notification_id_for
from command_api.domain.registration import Registration
from command_api.domain.vocabulary import NotificationKind as Kind
from kernel.authz import system
from reactions.notifier import Notifier
from reactions.wording import format_ahead, format_when
from tests.conftest import FakeClock
from tests.unit.factories import NOW, event_details

POPO = {"PERSISTENCE_MODULE": "eventsourcing.popo"}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(NOW)


@pytest.fixture
def app(clock: FakeClock) -> Iterator[EventConnect]:
    app = EventConnect(env=POPO, clock=clock)
    yield app
    app.close()


def notifier(app: EventConnect) -> Notifier:
    # Fan-out (changed, cancelled) reads the attendees read model: integration tests cover it.
    return Notifier(app, create_engine("sqlite://"), lambda position, timeout: True)


def issued(app: EventConnect) -> list[Any]:
    """Every Notification.Issued in the log, oldest first."""
    events = [app.mapper.to_domain_event(n) for n in app.recorder.select_notifications(1, 10_000)]
    return [e for e in events if isinstance(e, Notification.Issued)]


def sign_up(app: EventConnect, address: str, *, locale: str = "en", timezone: str = "UTC",
            **switches: bool) -> Account:
    account = Account.sign_up(email=address, name="Mia Member", password_hash="x", timezone=timezone,
                              locale=locale, actor="test", now=NOW)
    account.change_notifications(actor="test", now=NOW, **switches)
    app.commit(account)
    return account


def new_event(app: EventConnect, **overrides: Any) -> UUID:
    event_id, _ = app.create_event(actor="org-1", publish=True, **event_details(**overrides))
    return event_id


# --- the aggregate ------------------------------------------------------------------------------

def test_the_id_is_the_same_for_the_same_source_kind_and_recipient() -> None:
    source = uuid4()
    same = notification_id_for("reminder", source, 3, "m1")
    assert notification_id_for("reminder", source, 3, "m1") == same
    assert len({notification_id_for("reminder", source, 3, "m1"),
                notification_id_for("reminder", source, 4, "m1"),
                notification_id_for("promoted", source, 3, "m1"),
                notification_id_for("reminder", source, 3, "m2")}) == 4


def test_marking_read_twice_records_one_event() -> None:
    notification = Notification.issue(
        id=uuid4(), kind=Kind.REMINDER, event_id=None, registration_id=None, member_id="m1",
        email="m@x.org", locale="en", timezone="UTC", title="t", body="b", email_wanted=True,
        actor="system", now=NOW)
    assert notification.mark_read(actor="m1", now=NOW) is True
    assert notification.mark_read(actor="m1", now=NOW) is False
    assert [type(e).__name__ for e in notification.collect_events()] == ["Issued", "Read"]
    assert notification.is_for("m1") and not notification.is_for("m2")


# --- decisions ----------------------------------------------------------------------------------

def test_a_guest_hears_of_their_seat_by_email_in_the_events_zone(app: EventConnect) -> None:
    event_id = new_event(app, capacity=1)
    admission = app.register(event_id, name="Gus", email="gus@example.org", actor="guest")
    notifier(app).catch_up()
    [notice] = issued(app)
    assert notice.kind == Kind.REGISTRATION_CONFIRMED and notice.member_id is None
    assert notice.registration_id == admission.registration_id.hex
    assert notice.email == "gus@example.org" and notice.email_wanted and notice.name == "Gus"
    assert notice.timezone == "Asia/Kolkata" and notice.locale == "en"
    assert notice.title == "You're registered: Bike repair"
    assert "Tue 8 Jan 2030, 14:30 (Asia/Kolkata)" in notice.body  # 09:00 UTC in Kolkata


def test_a_member_hears_in_their_language_and_zone(app: EventConnect) -> None:
    member = sign_up(app, "mia@example.org", locale="de-AT", timezone="Europe/Berlin")
    event_id = new_event(app)
    app.register(event_id, name="Mia", email=member.email, actor=str(member.id),
                 member_id=str(member.id))
    notifier(app).catch_up()
    [notice] = issued(app)
    assert notice.member_id == str(member.id) and notice.timezone == "Europe/Berlin"
    assert notice.title == "Sie sind angemeldet: Bike repair"
    assert "Di. 8. Jan. 2030, 10:00 (Europe/Berlin)" in notice.body


def test_a_member_who_switched_email_off_still_gets_the_inbox_item(app: EventConnect) -> None:
    member = sign_up(app, "quiet@example.org", email=False)
    event_id = new_event(app)
    app.register(event_id, name="Q", email=member.email, actor=str(member.id), member_id=str(member.id))
    notifier(app).catch_up()
    [notice] = issued(app)
    assert notice.member_id == str(member.id) and notice.email_wanted is False


def test_waitlisted_cancelled_and_promoted(app: EventConnect) -> None:
    event_id = new_event(app, capacity=1)
    first = app.register(event_id, name="A", email="a@example.org", actor="guest")
    second = app.register(event_id, name="B", email="b@example.org", actor="guest")
    app.cancel_registration(event_id, first.registration_id, principal=system())
    notifier(app).catch_up()
    kinds = [(n.kind, n.registration_id) for n in issued(app)]
    assert kinds == [(Kind.REGISTRATION_CONFIRMED, first.registration_id.hex),
                     (Kind.WAITLISTED, second.registration_id.hex),
                     (Kind.REGISTRATION_CANCELLED, first.registration_id.hex),
                     (Kind.PROMOTED, second.registration_id.hex)]


def test_more_seats_promote_from_the_waitlist(app: EventConnect) -> None:
    event_id = new_event(app, capacity=1)
    app.register(event_id, name="A", email="a@example.org", actor="guest")
    waiting = [app.register(event_id, name=f"W{i}", email=f"w{i}@example.org", actor="guest")
               for i in range(2)]
    app.edit_event(event_id, principal=system(), capacity=3)
    notifier(app).catch_up()
    promoted = [n.registration_id for n in issued(app) if n.kind == Kind.PROMOTED]
    assert promoted == [w.registration_id.hex for w in waiting]


def test_a_new_title_alone_tells_nobody(app: EventConnect) -> None:
    event_id = new_event(app)
    app.register(event_id, name="A", email="a@example.org", actor="guest")
    app.edit_event(event_id, principal=system(), title="Bike repair II")
    notifier(app).catch_up()
    assert [n.kind for n in issued(app)] == [Kind.REGISTRATION_CONFIRMED]


def remind(app: EventConnect, registration_id: UUID, clock: FakeClock, offset: int) -> None:
    registration: Registration = app.load(registration_id)
    event = app.load_event(registration.event_id)
    due = event.starts_at - timedelta(seconds=offset)
    clock.now = due
    registration.send_reminder(offset, due, starts_at=event.starts_at, actor="system", now=due)
    app.commit(registration)


def test_reminders_and_feedback_requests(app: EventConnect, clock: FakeClock) -> None:
    event_id = new_event(app)
    admission = app.register(event_id, name="A", email="a@example.org", actor="guest")
    remind(app, admission.registration_id, clock, 3600)
    registration: Registration = app.load(admission.registration_id)
    clock.now = app.load_event(event_id).ends_at
    registration.request_feedback(ends_at=clock.now, actor="system", now=clock.now)
    app.commit(registration)
    notifier(app).catch_up()
    reminder, feedback = issued(app)[1:]
    assert reminder.kind == Kind.REMINDER and reminder.title == "Reminder: Bike repair in 1 hour"
    assert feedback.kind == Kind.FEEDBACK_REQUEST and feedback.title == "How was Bike repair?"
    assert reminder.event_id == feedback.event_id == event_id


def test_a_member_who_stopped_reminders_gets_none(app: EventConnect, clock: FakeClock) -> None:
    member = sign_up(app, "busy@example.org", reminders=False)
    event_id = new_event(app)
    admission = app.register(event_id, name="B", email=member.email, actor=str(member.id),
                             member_id=str(member.id))
    remind(app, admission.registration_id, clock, 86400)
    notifier(app).catch_up()
    assert [n.kind for n in issued(app)] == [Kind.REGISTRATION_CONFIRMED]


def test_its_own_notifications_are_not_reacted_to(app: EventConnect) -> None:
    event_id = new_event(app)
    app.register(event_id, name="A", email="a@example.org", actor="guest")
    reactor = notifier(app)
    reactor.catch_up()
    head = app.recorder.max_notification_id()
    assert reactor.catch_up() == head  # read its own Issued event, decided nothing
    assert app.recorder.max_notification_id() == head and len(issued(app)) == 1


def test_deciding_a_batch_again_is_refused_by_the_store(app: EventConnect) -> None:
    event_id = new_event(app)
    app.register(event_id, name="A", email="a@example.org", actor="guest")
    first = notifier(app)
    items = first._read(0)[1]
    notices = first.decide(items)
    again = notifier(app).decide(items)
    assert [n.id for n in notices] == [n.id for n in again]  # deterministic ids
    app.issue_notifications("notifier", items[-1][0], notices)
    with pytest.raises(IntegrityError):  # a second notifier with the same decision
        app.issue_notifications("other-notifier", items[-1][0], again)
    assert len(issued(app)) == 1


def test_wording_of_times_and_offsets() -> None:
    assert format_when(NOW, "America/New_York", "en") == "Tue 1 Jan 2030, 04:00 (America/New_York)"
    assert format_when(NOW, "Not/AZone", "de") == "Di. 1. Jan. 2030, 09:00 (UTC)"
    assert format_ahead(86400, "en") == "in 1 day" and format_ahead(7200, "de") == "in 2 Stunden"
    assert format_ahead(90, "en") == "in 2 minutes"
