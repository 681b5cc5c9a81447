"""Use cases of the write side: load aggregates, let them decide, save their events together.

Every method returns the store position its events reached, so the caller can read its own
writes (`X-Consistent-With`). Version conflicts — two requests deciding on the same aggregate
version — are retried here and nowhere else.
"""

from __future__ import annotations

import functools
import random
import secrets
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError

from command_api.domain.community_event import CONFIRMED, WAITLISTED, CommunityEvent
from command_api.domain.errors import DomainError, NotFound
from command_api.domain.registration import Registration, hash_token, registration_id_for
from kernel.store_adapter import SnapshotAsSaved, remember, stored_ids
from kernel.unavailable import TooMuchContention

Clock = Callable[[], datetime]
# Authorization decided on the aggregates a use case loaded (kernel.authz builds these):
# a Guard raises when the caller may not act; a Permit answers whether it may without a token.
Guard = Callable[[CommunityEvent, Registration | None], None]
Permit = Callable[[CommunityEvent, Registration | None], bool]
P = ParamSpec("P")
R = TypeVar("R")

MAX_ATTEMPTS = 64


def utc_now() -> datetime:
    return datetime.now(UTC)


def retry_on_conflict(method: Callable[P, R]) -> Callable[P, R]:
    """Runs a use case again when another request saved the same aggregate first.

    Each attempt reloads the aggregates, so the decision is made again on fresh state; the
    jittered back-off keeps a rush of registrations from retrying in lock-step.

    No lock is taken, in the database or in-process (docs/decisions/0001): under a rush many
    requests decide on the same version and all but one retry — the cost is measured in
    docs/performance.md.
    """

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(MAX_ATTEMPTS):
            try:
                return method(*args, **kwargs)
            except IntegrityError:
                time.sleep(random.uniform(0, 0.0005 * min(attempt + 1, 20)))  # noqa: S311 - jitter, not crypto
        raise TooMuchContention(f"{method.__name__} conflicted {MAX_ATTEMPTS} times")

    return wrapper


@dataclass(frozen=True)
class Admission:
    registration_id: UUID
    status: str
    waitlist_position: int | None
    cancel_token: str | None
    position: int


@dataclass(frozen=True)
class Release:
    registration_id: UUID
    promoted_registration_id: UUID | None
    position: int


@dataclass(frozen=True)
class Applicant:
    """One registration waiting to be decided."""

    event_id: UUID
    name: str
    email: str
    actor: str
    member_id: str | None = None


class EventConnect(SnapshotAsSaved, Application[UUID]):
    """The write model: community events and their registrations. Snapshots are taken from the
    aggregates as saved (`kernel.store_adapter.SnapshotAsSaved`)."""

    name = "eventconnect"
    snapshotting_intervals = {CommunityEvent: 200}  # noqa: RUF012 - the library reads a class attr

    def __init__(self, env: dict[str, str] | None = None, clock: Clock = utc_now) -> None:
        super().__init__(env=env)
        self.clock = clock
        self.after_commit: list[Callable[[int], None]] = []

    # --- the public write core: load, commit (the use cases retry with `retry_on_conflict`) ---

    def load(self, aggregate_id: UUID) -> Any:
        """The aggregate as stored (AggregateNotFoundError if it has no events)."""
        return self.repository.get(aggregate_id)

    def commit(self, *aggregates: Any) -> int:
        """Saves the aggregates' pending events in one transaction, tells the after-commit
        listeners, and returns the highest store position reached (0 if nothing was pending)."""
        return max(self._commit(*aggregates).values(), default=0)

    def _commit(self, *aggregates: Any) -> dict[tuple[UUID, int], int]:
        """Saves the aggregates in one transaction and tells the after-commit listeners; returns
        each saved domain event's store position by (aggregate id, version)."""
        recordings = self.save(*aggregates)
        positions = {(r.domain_event.originator_id, r.domain_event.originator_version):
                     r.notification.id for r in recordings}
        for listener in self.after_commit:
            listener(max(positions.values(), default=0))
        return positions

    def _load_guarded(self, event_id: UUID, guard: Guard | None) -> CommunityEvent:
        event = self.load_event(event_id)
        if guard is not None:
            guard(event, None)
        return event

    def load_event(self, event_id: UUID) -> CommunityEvent:
        try:
            event: Any = self.repository.get(event_id)
        except AggregateNotFoundError:
            raise NotFound(f"No event {event_id}.") from None
        if not isinstance(event, CommunityEvent):
            raise NotFound(f"No event {event_id}.")
        return event

    def _load_registration(self, event: CommunityEvent, registration_id: UUID) -> Registration:
        try:
            registration: Any = self.repository.get(registration_id)
        except AggregateNotFoundError:
            raise NotFound(f"No registration {registration_id}.") from None
        if not isinstance(registration, Registration) or registration.event_id != event.id:
            raise NotFound(f"No registration {registration_id} for this event.")
        return registration

    # --- events --------------------------------------------------------------------------

    def create_event(self, *, actor: str, publish: bool, **details: Any) -> tuple[UUID, int]:
        now = self.clock()
        event = CommunityEvent.schedule(actor=actor, now=now, **details)
        if publish:
            event.publish(actor=actor, now=now)
        return event.id, self.commit(event)

    @retry_on_conflict
    def edit_event(self, event_id: UUID, *, actor: str, capacity: int | None = None,
                   guard: Guard | None = None, **changes: Any) -> int:
        now = self.clock()
        event = self._load_guarded(event_id, guard)
        event.edit(actor=actor, now=now, **changes)
        if capacity is not None:
            event.change_capacity(capacity, actor=actor, now=now)
        return self.commit(event)

    @retry_on_conflict
    def publish_event(self, event_id: UUID, *, actor: str, guard: Guard | None = None) -> int:
        event = self._load_guarded(event_id, guard)
        event.publish(actor=actor, now=self.clock())
        return self.commit(event)

    @retry_on_conflict
    def cancel_event(self, event_id: UUID, *, reason: str, actor: str,
                     guard: Guard | None = None) -> int:
        event = self._load_guarded(event_id, guard)
        event.cancel(reason=reason, actor=actor, now=self.clock())
        return self.commit(event)

    @retry_on_conflict
    def delete_event(self, event_id: UUID, *, actor: str, guard: Guard | None = None) -> int:
        event = self._load_guarded(event_id, guard)
        event.delete(actor=actor, now=self.clock())
        return self.commit(event)

    # --- registrations -------------------------------------------------------------------

    def register(self, event_id: UUID, *, name: str, email: str, actor: str,
                 member_id: str | None = None) -> Admission:
        """Seat or waitlist one attendee; event and registration are saved in one transaction."""
        [outcome] = self.register_many([Applicant(event_id, name, email, actor, member_id)])
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    @retry_on_conflict
    def register_many(self, applicants: Sequence[Applicant]) -> list[Admission | Exception]:
        """Decides a batch of registrations in arrival order and saves them in ONE transaction
        (group commit, docs/decisions/0003): each event is loaded once however many of its
        registrations are queued, so a rush costs one version step per batch, not per request.

        A registration the domain refuses gets its own error in the result and nothing of it is
        saved; the others go ahead. A version conflict (another process saved one of these
        aggregates first) reruns the whole batch on fresh state: the optimistic version check
        stays the only guard of capacity and order.
        """
        now = self.clock()
        desk = _Desk(self, stored_ids(self.recorder, {
            registration_id_for(a.event_id, a.email) for a in applicants}))
        outcomes: list[Admission | Exception] = []
        for applicant in applicants:
            try:
                outcomes.append(desk.admit(applicant, now))
            except DomainError as refused:
                outcomes.append(refused)
        if not desk.registrations:
            return outcomes
        positions = self._commit(*desk.events.values(), *desk.registrations.values())
        remember(self, *desk.events.values())
        # Each answer carries its own registration's position (saved after the events, in
        # decision order), so commit order stays visible and read-your-writes still holds.
        admitted = desk.registrations
        return [replace(o, position=positions[(o.registration_id,
                                               admitted[o.registration_id].version)])
                if isinstance(o, Admission) else o for o in outcomes]

    @retry_on_conflict
    def cancel_registration(self, event_id: UUID, registration_id: UUID, *, actor: str,
                            token: str | None = None, authorized: bool = False,
                            permit: Permit | None = None) -> Release:
        """Frees a seat (promoting the first in line) or a waitlist place.

        `authorized` is true when the caller is trusted (a system job); `permit` decides for a
        signed-in caller (owner, admin, the member themself). Otherwise the guest's cancel token
        must match.
        """
        now = self.clock()
        event = self.load_event(event_id)
        registration = self._load_registration(event, registration_id)
        if not (authorized or (permit is not None and permit(event, registration))):
            registration.check_token(token)
        registration.withdraw(actor=actor, now=now)
        promoted = event.release(registration.id, actor=actor, now=now)
        return Release(registration.id, promoted, self.commit(event, registration))

    @retry_on_conflict
    def check_in(self, event_id: UUID, registration_id: UUID, *, actor: str,
                 guard: Guard | None = None) -> tuple[datetime, int]:
        now = self.clock()
        event = self._load_guarded(event_id, guard)
        registration = self._load_registration(event, registration_id)
        registration.check_active()
        event.check_in(registration.id, already=registration.checked_in, actor=actor, now=now)
        registration.check_in(actor=actor, now=now)
        return now, self.commit(event, registration)


class _Desk:
    """The aggregates one batch of registrations decides on, each loaded once."""

    def __init__(self, app: EventConnect, stored: set[UUID]) -> None:
        self.app = app
        self.stored = stored  # registration ids that already have events (people coming back)
        self.events: dict[UUID, CommunityEvent] = {}
        self.missing: dict[UUID, NotFound] = {}
        self.registrations: dict[UUID, Registration] = {}  # admitted in this batch, in order

    def event(self, event_id: UUID) -> CommunityEvent:
        if event_id in self.missing:
            raise self.missing[event_id]
        if event_id not in self.events:
            try:
                self.events[event_id] = self.app.load_event(event_id)
            except NotFound as missing:
                self.missing[event_id] = missing
                raise
        return self.events[event_id]

    def admit(self, applicant: Applicant, now: datetime) -> Admission:
        event = self.event(applicant.event_id)
        event.check_open_for_registration(now)
        member_id = applicant.member_id
        # Members prove who they are with their token; only guests get a cancel token.
        token = None if member_id else secrets.token_urlsafe(24)
        token_hash = hash_token(token) if token else None
        registration_id = registration_id_for(event.id, applicant.email)
        registration = self.registrations.get(registration_id)
        if registration is None and registration_id in self.stored:
            registration = self.app.repository.get(registration_id)
        if registration is None:
            registration = Registration.open(
                event_id=event.id, email=applicant.email, member_id=member_id,
                cancel_token_hash=token_hash, actor=applicant.actor, now=now)
        else:
            registration.reopen(member_id=member_id, cancel_token_hash=token_hash,
                                actor=applicant.actor, now=now)
        # The event refuses before it changes (a full event without waitlist, a closed one), so
        # a refused registrant leaves no trace: its registration object is simply not saved.
        status = event.admit(registration.id, name=applicant.name.strip(),
                             email=registration.email, actor=applicant.actor, now=now)
        self.registrations[registration.id] = registration
        # Just admitted, so a waitlisted registrant is last in line (no scan of the waitlist).
        place = len(event.waitlist) if status == WAITLISTED else None
        return Admission(registration.id, status, place, token, position=0)


__all__ = ["CONFIRMED", "Admission", "Applicant", "EventConnect", "Release", "TooMuchContention", "utc_now"]
