"""Notification emails over a real SMTP server (aiosmtpd on loopback): at least once, deduplicated
by message id, a failing address retried with back-off and recorded without holding up others."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any
from uuid import UUID

import pytest
from icalendar import Calendar
from sqlalchemy import select

from eventconnect.bootstrap import bootstrap
from eventconnect.container import Container
from eventconnect.settings import Settings
from kernel import links
from kernel.ticket_qr import qr_png
from kernel.tickets import ticket_code
from projections.tables import email_deliveries
from reactions.mail.delivery import FIRST_RETRY, LEASE, MAX_ATTEMPTS, Delivery
from tests.conftest import FakeClock
from tests.integration.test_notifier import new_event, register_guests
from tests.mailbox import SmtpSink, smtp_sink


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    with smtp_sink() as sink:
        yield sink


@pytest.fixture
def mailed(settings: Settings, clock: FakeClock, sink: SmtpSink) -> Iterator[Container]:
    """The container, its mail going to the loopback SMTP server."""
    settings = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": sink.port,
                                           "smtp_tls": "none", "public_url": "https://ec.example"})
    container = bootstrap(settings, clock=clock, migrate=True)
    yield container
    container.write_model.close()
    container.read_engine.dispose()


def deliver(container: Container) -> Delivery:
    container.runner.catch_up()
    container.notifier.catch_up()  # type: ignore[union-attr]
    assert container.delivery is not None
    container.delivery.catch_up()
    return container.delivery


def rows(container: Container) -> dict[str, dict[str, Any]]:
    with container.read_engine.connect() as conn:
        return {r["to"]: dict(r) for r in conn.execute(select(email_deliveries)).mappings()}


def test_a_confirmation_carries_the_event_and_the_ticket_code(mailed: Container, clock: FakeClock,
                                                             sink: SmtpSink) -> None:
    event_id = new_event(mailed, clock)
    [registration_id] = register_guests(mailed, event_id, 1)
    deliver(mailed)
    [received] = sink.wait_for(1)
    message = received.message
    assert received.recipients == ["g0@example.org"]
    assert message["X-EventConnect-Kind"] == "registration_confirmed"
    assert message["Subject"] == "You're registered: Bike repair"
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    code = ticket_code(mailed.link_secret, registration_id)
    assert f"Your ticket code: {code}" in text and len(code) >= 16
    assert f"https://ec.example/events/{event_id}" in text
    assert "Tue 8 Jan 2030, 14:30 (Asia/Kolkata)" in text  # a guest: the event's zone
    [ics, qr] = list(message.iter_attachments())
    calendar = Calendar.from_ical(ics.get_payload(decode=True))
    [entry] = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Bike repair" and str(entry["uid"]) == f"{event_id}@eventconnect"
    # The ticket as a QR image: this registration's code, not any other.
    assert qr.get_content_type() == "image/png" and qr.get_filename() == "ticket-qr.png"
    assert qr.get_payload(decode=True) == qr_png(code)
    assert qr_png(code) != qr_png(ticket_code(mailed.link_secret, event_id))
    assert rows(mailed)["g0@example.org"]["state"] == "sent"


def test_a_member_gets_times_in_their_zone_and_language(mailed: Container, clock: FakeClock,
                                                        sink: SmtpSink) -> None:
    account, _ = mailed.accounts.sign_up(email="mia@example.org", password="correct horse battery",
                                         name="Mia", timezone="America/New_York", locale="de",
                                         actor="test")
    sink.received.clear()
    event_id = new_event(mailed, clock)
    mailed.write_model.register(event_id, name="Mia", email="mia@example.org", actor=str(account.id),
                                member_id=str(account.id))
    deliver(mailed)
    [received] = [r for r in sink.wait_for(1)
                  if r.message["X-EventConnect-Kind"] == "registration_confirmed"]
    text = received.message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert text.startswith("Hallo Mia,") and "Di. 8. Jan. 2030, 04:00 (America/New_York)" in text


def test_reminders_carry_one_click_unsubscribe(mailed: Container, clock: FakeClock,
                                               sink: SmtpSink) -> None:
    app = mailed.write_model
    event_id = new_event(mailed, clock)
    [registration_id] = register_guests(mailed, event_id, 1)
    registration = app.load(registration_id)
    starts = app.load_event(event_id).starts_at
    clock.now = starts - timedelta(hours=24)
    registration.send_reminder(86400, clock.now, starts_at=starts, actor="system", now=clock.now)
    app.commit(registration)
    deliver(mailed)
    [reminder] = [r.message for r in sink.wait_for(2) if r.message["X-EventConnect-Kind"] == "reminder"]
    assert reminder["Subject"] == "Reminder: Bike repair in 1 day"
    assert reminder["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = reminder["List-Unsubscribe"].strip("<>")
    assert url.startswith("https://ec.example/api/unsubscribe?token=")
    token = url.split("token=", 1)[1]
    assert links.verify(mailed.link_secret, "unsubscribe", token) == f"registration:{registration_id.hex}"


def test_a_failing_address_is_retried_and_recorded_without_holding_up_others(
        mailed: Container, clock: FakeClock, sink: SmtpSink) -> None:
    sink.refuse.add("g1@example.org")
    event_id = new_event(mailed, clock, capacity=5)
    register_guests(mailed, event_id, 3)
    delivery = deliver(mailed)
    assert sorted(r.recipients[0] for r in sink.wait_for(2)) == ["g0@example.org", "g2@example.org"]
    failing = rows(mailed)["g1@example.org"]
    assert failing["state"] == "retry" and failing["attempts"] == 1
    assert "SMTPRecipientsRefused" in failing["last_error"] and "550" in failing["last_error"]
    assert failing["next_attempt_at"] == clock.now + FIRST_RETRY
    delivery.catch_up()  # not due yet: not tried again
    assert rows(mailed)["g1@example.org"]["attempts"] == 1
    # The mailbox comes back: the next attempt, once due, delivers.
    sink.refuse.clear()
    clock.advance(seconds=FIRST_RETRY.total_seconds())
    delivery.catch_up()
    assert rows(mailed)["g1@example.org"]["state"] == "sent"
    assert sorted(r.recipients[0] for r in sink.wait_for(3)) == [
        "g0@example.org", "g1@example.org", "g2@example.org"]
    assert delivery.sent == 3 and delivery.failures == 1


def test_an_address_that_keeps_failing_is_given_up_after_the_last_attempt(
        mailed: Container, clock: FakeClock, sink: SmtpSink) -> None:
    sink.refuse.add("g0@example.org")
    event_id = new_event(mailed, clock)
    register_guests(mailed, event_id, 1)
    delivery = deliver(mailed)
    for _ in range(MAX_ATTEMPTS + 2):
        clock.advance(hours=2)
        delivery.catch_up()
    row = rows(mailed)["g0@example.org"]
    assert row["state"] == "failed" and row["attempts"] == MAX_ATTEMPTS
    assert len(sink.refused) == MAX_ATTEMPTS


def test_mail_being_down_never_fails_a_command(settings: Settings, clock: FakeClock) -> None:
    from tests.mailbox import free_port

    down = settings.model_copy(update={"smtp_host": "127.0.0.1", "smtp_port": free_port(),
                                       "smtp_tls": "none"})
    container = bootstrap(down, clock=clock, migrate=True)
    try:
        event_id = new_event(container, clock)
        register_guests(container, event_id, 2)  # the commands succeed
        deliver(container)
        states = {r["state"] for r in rows(container).values()}
        assert states == {"retry"}
        assert all("Connection refused" in r["last_error"] or "Errno" in r["last_error"]
                   for r in rows(container).values())
    finally:
        container.write_model.close()
        container.read_engine.dispose()


def test_a_message_claimed_by_a_sender_that_died_goes_out_once_more_to_the_outbox(
        container: Container, clock: FakeClock) -> None:
    """At least once: a sender that died after claiming (maybe after sending) leaves the row to
    the next one once its lease ends; the outbox recognises the message id."""
    event_id = new_event(container, clock)
    register_guests(container, event_id, 1)
    container.runner.catch_up()
    container.notifier.catch_up()  # type: ignore[union-attr]
    delivery = container.delivery
    assert delivery is not None
    delivery.enqueue()
    delivery.send_due()
    outbox = container.settings.data_dir / "outbox"
    [file] = [f for f in outbox.iterdir() if f.name.startswith("notification-")]
    sent = file.read_bytes()
    with container.read_engine.begin() as conn:  # as if it died before marking the row sent
        conn.execute(email_deliveries.update().values(state="sending", claim="dead",
                                                      next_attempt_at=clock.now + LEASE))
    delivery.send_due()
    assert rows(container)["g0@example.org"]["state"] == "sending"  # the lease still runs
    clock.advance(seconds=LEASE.total_seconds())
    delivery.send_due()
    assert rows(container)["g0@example.org"]["state"] == "sent"
    assert [f.name for f in outbox.iterdir() if f.name.startswith("notification-")] == [file.name]
    assert file.read_bytes() == sent


def test_queueing_twice_queues_each_email_once(container: Container, second_delivery: Delivery,
                                               clock: FakeClock) -> None:
    event_id = new_event(container, clock)
    register_guests(container, event_id, 4)
    container.runner.catch_up()
    container.notifier.catch_up()  # type: ignore[union-attr]
    assert container.delivery is not None
    container.delivery.enqueue()
    second_delivery.enqueue()  # another process, its own idea of the position: from 0
    with container.read_engine.connect() as conn:
        ids = list(conn.execute(select(email_deliveries.c.notification_id)).scalars())
    assert len(ids) == len(set(ids)) == 4 and all(isinstance(i, UUID) for i in ids)


@pytest.fixture
def second_delivery(container: Container) -> Delivery:
    return Delivery(container.write_model, container.read_engine, container.mailer,
                    link_secret=container.link_secret, link_base=lambda: "http://x")
