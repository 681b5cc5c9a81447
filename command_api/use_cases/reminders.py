"""Use cases of reminders: send a due reminder or feedback request once, stop reminders.

The scheduler (reactions/reminders.py) finds *candidates* in a read model; every decision is
made here on the aggregates: the event's current start (so moving an event moves its pending
reminders), its status, the registration's state and the member's preference. Exactly once is
the Registration's rule (it remembers what it was sent) plus the store's version check: a
second scheduler deciding on the same version conflicts and, on retry, is refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from command_api.domain.community_event import CommunityEvent
from command_api.domain.errors import DomainError, NotConfirmed, NotFound, RemindersOff
from command_api.domain.registration import Registration
from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from command_api.write_model import WriteModel, retry_on_conflict

SYSTEM_ACTOR = "system"
# Feedback is asked for within this long after the end, no later: a scheduler started for the
# first time (or after an outage) does not mail people about events of long ago.
FEEDBACK_WINDOW = timedelta(days=7)
READERS = 4  # concurrent reads of one batch's registrations (PostgreSQL pool: 10 + overflow)


@dataclass(frozen=True)
class Due:
    """One piece of work: the reminder `offset_seconds` before the start, or (None) the feedback
    request after the end."""

    registration_id: UUID
    offset_seconds: int | None = None


class ReminderUseCases(WriteModel):
    """Mixed into `EventConnect`."""

    def send_reminder(self, registration_id: UUID, offset_seconds: int) -> int:
        """Sends the reminder `offset_seconds` before the event's *current* start; its position."""
        return _one(self.send_due([Due(registration_id, offset_seconds)]))

    def request_feedback(self, registration_id: UUID) -> int:
        """Asks a confirmed attendee of an ended event for feedback, once; its position."""
        return _one(self.send_due([Due(registration_id)]))

    @retry_on_conflict
    def send_due(self, work: Sequence[Due]) -> list[int | DomainError]:
        """Decides a batch of due work and saves every accepted piece in ONE transaction (a
        fan-out of thousands of reminders is a few commits, not thousands). Each piece answers
        its position or the domain error that refused it; a version conflict reruns the batch
        on fresh state, where what the other scheduler sent is refused as already sent."""
        now = self.clock()
        desk = _Desk(self)
        desk.prefetch({piece.registration_id for piece in work})
        outcomes: list[int | DomainError] = []
        changed: dict[UUID, Registration] = {}
        for piece in work:
            try:
                registration = desk.decide(piece, now)
            except DomainError as refused:
                outcomes.append(refused)
                continue
            changed[registration.id] = registration
            outcomes.append(0)
        if not changed:
            return outcomes
        positions = self.commit_positions(*changed.values())
        # Each accepted piece answers the position of its registration's last event.
        last = {aggregate_id: position for (aggregate_id, _), position in sorted(positions.items())}
        return [last[piece.registration_id] if outcome == 0 else outcome
                for piece, outcome in zip(work, outcomes, strict=True)]

    @retry_on_conflict
    def stop_reminders(self, registration_id: UUID, *, actor: str = "guest") -> int:
        """A guest's unsubscribe: this registration gets no more reminders (idempotent: a second
        click changes nothing and answers 0)."""
        registration = _registration(self, registration_id)
        registration.stop_reminders(actor=actor, now=self.clock())
        return self.commit(registration)


def _one(outcomes: list[int | DomainError]) -> int:
    [outcome] = outcomes
    if isinstance(outcome, DomainError):
        raise outcome
    return outcome


def _registration(app: WriteModel, registration_id: UUID) -> Registration:
    try:
        registration: Any = app.repository.get(registration_id)
    except AggregateNotFoundError:
        raise NotFound(f"No registration {registration_id}.") from None
    if not isinstance(registration, Registration):
        raise NotFound(f"No registration {registration_id}.")
    return registration


class _Desk:
    """The aggregates one batch decides on, each loaded once (one event for a whole fan-out)."""

    def __init__(self, app: WriteModel) -> None:
        self.app = app
        self.events: dict[UUID, CommunityEvent] = {}
        self.registrations: dict[UUID, Registration] = {}
        self.wants_reminders: dict[str, bool] = {}  # member id -> account preference

    def decide(self, piece: Due, now: datetime) -> Registration:
        registration = self.registration(piece.registration_id)
        event = self.event(registration.event_id)
        self.check_remindable(event, registration)
        if piece.offset_seconds is None:
            if now > event.ends_at + FEEDBACK_WINDOW:
                raise RemindersOff("The event ended too long ago to ask for feedback.")
            registration.request_feedback(ends_at=event.ends_at, actor=SYSTEM_ACTOR, now=now)
        else:
            due_at = event.starts_at - timedelta(seconds=piece.offset_seconds)
            registration.send_reminder(piece.offset_seconds, due_at, starts_at=event.starts_at,
                                       actor=SYSTEM_ACTOR, now=now)
        return registration

    def check_remindable(self, event: CommunityEvent, registration: Registration) -> None:
        """The rules above one registration: a live event, a confirmed seat, a member who did
        not opt out (`Account.reminder_notifications`; accounts from before it: on)."""
        if event.status != EventStatus.PUBLISHED:
            raise RemindersOff(f"The event is {event.status}.")
        registration.check_active()
        if event.status_of(registration.id) != RegistrationStatus.CONFIRMED:
            raise NotConfirmed("Only confirmed registrations get reminders.")
        member_id = registration.member_id
        if member_id and not self.member_wants_reminders(member_id):
            raise RemindersOff("The member turned reminders off.")

    def member_wants_reminders(self, member_id: str) -> bool:
        if member_id not in self.wants_reminders:
            account: Any
            try:
                account = self.app.repository.get(UUID(member_id))
            except (AggregateNotFoundError, ValueError):
                account = None
            self.wants_reminders[member_id] = bool(
                getattr(account, "reminder_notifications", True))
        return self.wants_reminders[member_id]

    def prefetch(self, registration_ids: set[UUID]) -> None:
        """Reads the batch's registrations a few at a time: each is one round trip, which on
        PostgreSQL is mostly waiting (the driver releases the GIL meanwhile)."""
        if len(registration_ids) < 2 * READERS:
            return
        with ThreadPoolExecutor(READERS, thread_name_prefix="reminder-read") as pool:
            for registration_id, registration in zip(
                    registration_ids, pool.map(self.replay_or_none, registration_ids), strict=True):
                if registration is not None:
                    self.registrations[registration_id] = registration

    def replay_or_none(self, registration_id: UUID) -> Registration | None:
        try:
            return self.replay(registration_id)
        except NotFound:
            return None  # decided (and refused) in `decide`, in the batch's order

    def registration(self, registration_id: UUID) -> Registration:
        # The same registration may be due twice in one batch (a late start: 24 h and 1 h).
        if registration_id not in self.registrations:
            self.registrations[registration_id] = self.replay(registration_id)
        return self.registrations[registration_id]

    def replay(self, registration_id: UUID) -> Registration:
        """The registration folded from its few events, in one query. The repository's `get`
        also asks for a snapshot (Registrations have none) and deep-copies through the aggregate
        cache: together three quarters of a fan-out's time, measured in bench/reminders.py."""
        registration: Any = None
        event: Any
        for event in self.app.events.get(registration_id):
            registration = event.mutate(registration)  # the Aggregate.Event API
        if not isinstance(registration, Registration):
            raise NotFound(f"No registration {registration_id}.")
        return registration

    def event(self, event_id: UUID) -> CommunityEvent:
        if event_id not in self.events:
            self.events[event_id] = self.app.load_event(event_id)
        return self.events[event_id]
