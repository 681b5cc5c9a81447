"""The Registration aggregate: one attendee's claim on one event.

Its id is derived from (event, normalised email), so two concurrent registrations of the same
person for the same event both try to create version 1 of the same stream and the store refuses
the second: duplicates are a conflict on creation, not a search in a read model.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from command_api.domain.errors import (
    AlreadyRegistered,
    AlreadyReminded,
    BadCancelToken,
    FeedbackAlreadyRequested,
    RegistrationNotActive,
    ReminderNotDue,
    RemindersOff,
)
from command_api.domain.keys import email_key

_NAMESPACE = uuid5(NAMESPACE_URL, "https://eventconnect.example/registrations")


# The old name, still imported by the sign-in route; the rule lives in `keys`.
normalise_email = email_key


def registration_id_for(event_id: UUID, email: str) -> UUID:
    """The one registration id a person can ever have for an event."""
    return uuid5(_NAMESPACE, f"{event_id.hex}:{email_key(email)}")


def hash_token(token: str) -> str:
    # Only a hash is stored, so the event store never holds a usable cancel token.
    return hashlib.sha256(token.encode()).hexdigest()


class Registration(Aggregate):
    """An attendee's registration for an event; may be cancelled and later opened again."""

    class Opened(Aggregate.Created):
        actor: str
        event_id: UUID
        email: str
        member_id: str | None
        cancel_token_hash: str | None
        # The language of the registrant's emails (H5). Stored events from before it have none:
        # the default is what they load with.
        locale: str = "en"

    def __init__(self, actor: str, event_id: UUID, email: str, member_id: str | None,
                 cancel_token_hash: str | None, locale: str = "en") -> None:
        self.event_id = event_id
        self.email = email
        self.member_id = member_id
        self.cancel_token_hash = cancel_token_hash
        self.locale = locale
        self.active = True
        self.checked_in_at: datetime | None = None  # the kept (earliest) scan; None: not in
        # Reminders (docs/reminders.md): offsets already sent, in seconds before the start (a
        # list, not a set: aggregate state stays JSON-shaped for snapshots).
        self.reminded: list[int] = []
        self.feedback_requested = False
        self.reminders_stopped = False
        self.reopened_at: datetime | None = None

    @property
    def checked_in(self) -> bool:
        return self.checked_in_at is not None

    @property
    def opened_at(self) -> datetime:
        """When the registration was last (re)opened: a reminder due before it is stale."""
        return self.reopened_at or self.created_on

    @classmethod
    def open(cls, *, event_id: UUID, email: str, member_id: str | None,
             cancel_token_hash: str | None, actor: str, now: datetime,
             locale: str = "en") -> Registration:
        return cls._create(cls.Opened, id=registration_id_for(event_id, email), timestamp=now,
                           actor=actor, event_id=event_id, email=email_key(email),
                           member_id=member_id, cancel_token_hash=cancel_token_hash,
                           locale=locale)

    class Reopened(Aggregate.Event):
        actor: str
        member_id: str | None
        cancel_token_hash: str | None
        locale: str = "en"  # H5: as on Opened; older stored events load with the default

        def apply(self, registration: Registration) -> None:
            registration.active = True
            registration.checked_in_at = None
            registration.member_id = self.member_id
            registration.cancel_token_hash = self.cancel_token_hash
            registration.locale = self.locale
            registration.reopened_at = self.timestamp

    def reopen(self, *, member_id: str | None, cancel_token_hash: str | None, actor: str,
               now: datetime, locale: str = "en") -> None:
        """Registers again after a cancellation (a fresh token; the old one stops working)."""
        if self.active:
            raise AlreadyRegistered("This email is already registered for the event.")
        self.trigger_event(self.Reopened, member_id=member_id,
                           cancel_token_hash=cancel_token_hash, actor=actor, timestamp=now,
                           locale=locale)

    class Withdrawn(Aggregate.Event):
        actor: str

        def apply(self, registration: Registration) -> None:
            registration.active = False

    def withdraw(self, *, actor: str, now: datetime) -> None:
        self.check_active()
        self.trigger_event(self.Withdrawn, actor=actor, timestamp=now)

    class CheckedIn(Aggregate.Event):
        actor: str
        # When the door scanned the ticket: later than `timestamp` never, earlier when a scanner
        # that was offline submits its scans. Stored events from before it have none.
        checked_in_at: datetime | None = None

        def apply(self, registration: Registration) -> None:
            registration.checked_in_at = self.checked_in_at or self.timestamp

    def check_in(self, *, actor: str, now: datetime, scanned_at: datetime | None = None) -> None:
        self.check_active()
        self.trigger_event(self.CheckedIn, actor=actor, timestamp=now,
                           checked_in_at=scanned_at or now)

    class CheckInBackdated(Aggregate.Event):
        """An offline scanner's earlier scan arrived: the first scan's time is the one kept."""

        actor: str
        checked_in_at: datetime

        def apply(self, registration: Registration) -> None:
            registration.checked_in_at = self.checked_in_at

    def backdate_check_in(self, *, actor: str, now: datetime, scanned_at: datetime) -> None:
        self.trigger_event(self.CheckInBackdated, actor=actor, timestamp=now,
                           checked_in_at=scanned_at)

    class CheckInUndone(Aggregate.Event):
        actor: str

        def apply(self, registration: Registration) -> None:
            registration.checked_in_at = None

    def undo_check_in(self, *, actor: str, now: datetime) -> None:
        self.trigger_event(self.CheckInUndone, actor=actor, timestamp=now)

    def check_active(self) -> None:
        if not self.active:
            raise RegistrationNotActive("This registration was already cancelled.")

    def check_token(self, token: str | None) -> None:
        """A guest proves ownership with the token handed out at registration."""
        if token is None or self.cancel_token_hash is None or not hmac.compare_digest(
            hash_token(token), self.cancel_token_hash
        ):
            raise BadCancelToken("The cancel token does not match this registration.")

    # --- reminders and feedback requests (decided by the scheduler's commands) ----------------

    class ReminderSent(Aggregate.Event):
        """A reminder `offset_seconds` before the start, for the start time `due_at` was
        computed from (the event may move later; the notifier words the email)."""

        actor: str
        offset_seconds: int
        due_at: datetime

        def apply(self, registration: Registration) -> None:
            registration.reminded = [*registration.reminded, self.offset_seconds]

    def send_reminder(self, offset_seconds: int, due_at: datetime, *, starts_at: datetime,
                      actor: str, now: datetime) -> None:
        """Records the reminder of this offset: once, once due, and only while it still
        means something (before the start, due after the registration was made)."""
        self.check_active()
        self.check_reminders_on()
        if offset_seconds in self.reminded:
            raise AlreadyReminded(f"The {offset_seconds} s reminder was already sent.")
        if due_at > now:
            raise ReminderNotDue(f"The reminder is due at {due_at.isoformat()}.")
        if now >= starts_at:
            raise ReminderNotDue("The event has already started.")
        if due_at < self.opened_at:
            # Registered after the due time: that reminder is stale, the next one is not.
            raise ReminderNotDue("The reminder fell due before this registration was made.")
        self.trigger_event(self.ReminderSent, offset_seconds=offset_seconds, due_at=due_at,
                           actor=actor, timestamp=now)

    class FeedbackRequested(Aggregate.Event):
        actor: str

        def apply(self, registration: Registration) -> None:
            registration.feedback_requested = True

    def request_feedback(self, *, ends_at: datetime, actor: str, now: datetime) -> None:
        """Asks the attendee to rate the event, once, after it ended."""
        self.check_active()
        self.check_reminders_on()
        if self.feedback_requested:
            raise FeedbackAlreadyRequested("Feedback was already requested.")
        if now < ends_at:
            raise ReminderNotDue("The event has not ended yet.")
        self.trigger_event(self.FeedbackRequested, actor=actor, timestamp=now)

    class RemindersStopped(Aggregate.Event):
        """The guest unsubscribed: no more reminders nor feedback requests."""

        actor: str

        def apply(self, registration: Registration) -> None:
            registration.reminders_stopped = True

    def stop_reminders(self, *, actor: str, now: datetime) -> bool:
        """Stops reminders; False (and no event) if they were already stopped, so an
        unsubscribe link may be followed twice."""
        if self.reminders_stopped:
            return False
        self.trigger_event(self.RemindersStopped, actor=actor, timestamp=now)
        return True

    def check_reminders_on(self) -> None:
        if self.reminders_stopped:
            raise RemindersOff("Reminders were stopped for this registration.")
