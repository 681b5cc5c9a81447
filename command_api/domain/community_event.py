"""The CommunityEvent aggregate: one workshop, seminar, fundraiser ... and the ledger of its seats.

Named `CommunityEvent`, not `Event`, because `Event` is the event-sourcing library's name for a
*domain event*; every class nested below is such a domain event.

It is the consistency boundary for capacity and waitlist order, so its state is kept small: the
confirmed *count* and the waitlist (ordered ids) — never the attendee list. Duplicates are guarded
by the Registration aggregate's deterministic id (see docs/decisions/0001).
"""

from __future__ import annotations

from copy import copy
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate

from command_api.domain.errors import (
    AlreadyCheckedIn,
    CapacityBelowConfirmed,
    EventFull,
    InvalidEventDetails,
    InvalidTransition,
    NotCheckedIn,
    NotConfirmed,
    RegistrationClosed,
)
from command_api.domain.vocabulary import EventStatus, RegistrationStatus

# Kept for callers outside the domain that still import the bare names; new code names the enum.
CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED

# Fields an organizer may change with `edit`; capacity has its own command (it promotes).
EDITABLE = (
    "title",
    "description",
    "category",
    "tags",
    "starts_at",
    "ends_at",
    "timezone",
    "location",
    "waitlist_enabled",
)


def check_schedule(starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    """An event may not start in the past nor end before it starts."""
    if starts_at <= now:
        raise InvalidEventDetails("The event cannot start in the past.", field="starts_at")
    if ends_at <= starts_at:
        raise InvalidEventDetails("The event must end after it starts.", field="ends_at")


def check_capacity(capacity: int) -> None:
    if capacity < 1:
        raise InvalidEventDetails("Capacity must be at least 1.", field="capacity")


class CommunityEvent(Aggregate):
    """An event members can register for, with a fixed number of seats and a FIFO waitlist."""

    class Scheduled(Aggregate.Created):
        actor: str
        organizer_id: str
        organizer_name: str
        title: str
        description: str
        category: str
        tags: list[str]
        starts_at: datetime
        ends_at: datetime
        timezone: str
        location: dict[str, Any]
        capacity: int
        waitlist_enabled: bool
        # The recurring series this event is an occurrence of; a default, so events stored
        # before series existed still load.
        series_id: UUID | None = None

    def __init__(
        self,
        actor: str,
        organizer_id: str,
        organizer_name: str,
        title: str,
        description: str,
        category: str,
        tags: list[str],
        starts_at: datetime,
        ends_at: datetime,
        timezone: str,
        location: dict[str, Any],
        capacity: int,
        waitlist_enabled: bool,
        series_id: UUID | None = None,
    ) -> None:
        self.organizer_id = organizer_id
        self.organizer_name = organizer_name
        self.title = title
        self.description = description
        self.category = category
        self.tags = tags
        self.starts_at = starts_at
        self.ends_at = ends_at
        self.timezone = timezone
        self.location = location
        self.capacity = capacity
        self.waitlist_enabled = waitlist_enabled
        self.series_id = series_id
        self.status = EventStatus.DRAFT
        self.confirmed_count = 0
        # registration id (hex) -> None; a dict keeps insertion (FIFO) order and O(1) removal.
        self.waitlist: dict[str, None] = {}

    def __deepcopy__(self, memo: dict[int, Any]) -> CommunityEvent:
        # The library deep-copies cached aggregates before each command. A generic deepcopy walks
        # every waitlisted id; ids are immutable strings, so copying the containers is enough.
        clone = copy(self)
        clone.tags = list(self.tags)
        clone.location = dict(self.location)
        clone.waitlist = dict(self.waitlist)
        clone._pending_events = []
        return clone

    @classmethod
    def schedule(cls, *, actor: str, now: datetime, **details: Any) -> CommunityEvent:
        check_schedule(details["starts_at"], details["ends_at"], now)
        check_capacity(details["capacity"])
        return cls._create(cls.Scheduled, id=details.pop("id", None) or uuid4(), timestamp=now,
                           actor=actor, **details)

    # --- lifecycle -------------------------------------------------------------------------

    class Published(Aggregate.Event):
        actor: str

        def apply(self, event: CommunityEvent) -> None:
            event.status = EventStatus.PUBLISHED

    def publish(self, *, actor: str, now: datetime) -> None:
        if self.status != EventStatus.DRAFT:
            raise InvalidTransition(f"Only a draft can be published; this event is {self.status}.")
        self.trigger_event(self.Published, actor=actor, timestamp=now)

    class Cancelled(Aggregate.Event):
        actor: str
        reason: str

        def apply(self, event: CommunityEvent) -> None:
            event.status = EventStatus.CANCELLED

    def cancel(self, *, reason: str, actor: str, now: datetime) -> None:
        if self.status in (EventStatus.CANCELLED, EventStatus.DELETED):
            raise InvalidTransition(f"The event is already {self.status}.")
        self.trigger_event(self.Cancelled, reason=reason, actor=actor, timestamp=now)

    class Deleted(Aggregate.Event):
        actor: str

        def apply(self, event: CommunityEvent) -> None:
            event.status = EventStatus.DELETED

    def delete(self, *, actor: str, now: datetime) -> None:
        self.check_not_deleted()
        self.trigger_event(self.Deleted, actor=actor, timestamp=now)

    def check_not_deleted(self) -> None:
        if self.status == EventStatus.DELETED:
            raise InvalidTransition("The event was deleted.")

    # --- details and capacity ----------------------------------------------------------------

    class DetailsChanged(Aggregate.Event):
        actor: str
        changes: dict[str, Any]

        def apply(self, event: CommunityEvent) -> None:
            for name, value in self.changes.items():
                setattr(event, name, value)

    def edit(self, *, actor: str, now: datetime, **changes: Any) -> None:
        self.check_not_deleted()
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise InvalidEventDetails(f"Not editable: {', '.join(sorted(unknown))}.")
        changes = {k: v for k, v in changes.items() if getattr(self, k) != v}
        if "starts_at" in changes or "ends_at" in changes:
            check_schedule(changes.get("starts_at", self.starts_at),
                           changes.get("ends_at", self.ends_at), now)
        if changes:
            self.trigger_event(self.DetailsChanged, changes=changes, actor=actor, timestamp=now)

    class CapacityChanged(Aggregate.Event):
        actor: str
        capacity: int
        promoted: list[str]

        def apply(self, event: CommunityEvent) -> None:
            event.capacity = self.capacity
            for registration_id in self.promoted:
                del event.waitlist[registration_id]
            event.confirmed_count += len(self.promoted)

    def change_capacity(self, capacity: int, *, actor: str, now: datetime) -> list[UUID]:
        """Sets the number of seats; returns the waitlisted registrations promoted into new seats."""
        self.check_not_deleted()
        check_capacity(capacity)
        if capacity < self.confirmed_count:
            raise CapacityBelowConfirmed(
                f"{self.confirmed_count} seats are confirmed; capacity cannot drop to {capacity}."
            )
        if capacity == self.capacity:
            return []
        promoted = list(self.waitlist)[: max(0, capacity - self.confirmed_count)]
        self.trigger_event(self.CapacityChanged, capacity=capacity, promoted=promoted,
                           actor=actor, timestamp=now)
        return [UUID(p) for p in promoted]

    # --- registrations -----------------------------------------------------------------------

    class RegistrationConfirmed(Aggregate.Event):
        actor: str
        registration_id: str
        name: str
        email: str

        def apply(self, event: CommunityEvent) -> None:
            event.confirmed_count += 1

    class RegistrantWaitlisted(Aggregate.Event):
        actor: str
        registration_id: str
        name: str
        email: str

        def apply(self, event: CommunityEvent) -> None:
            event.waitlist[self.registration_id] = None

    @property
    def seats_left(self) -> int:
        return max(0, self.capacity - self.confirmed_count)

    def check_open_for_registration(self, now: datetime) -> None:
        if self.status != EventStatus.PUBLISHED:
            state = "not published yet" if self.status == EventStatus.DRAFT else self.status
            raise RegistrationClosed(f"Registration is closed: the event is {state}.")
        if self.starts_at <= now:
            raise RegistrationClosed("Registration is closed: the event has already started.")

    def admit(self, registration_id: UUID, *, name: str, email: str, actor: str,
              now: datetime) -> RegistrationStatus:
        """Takes a seat for the registrant, or a place at the back of the waitlist."""
        self.check_open_for_registration(now)
        fields = dict(registration_id=registration_id.hex, name=name, email=email, actor=actor,
                      timestamp=now)
        # A queue already waiting keeps its turn even if a seat looks free (FIFO).
        if self.seats_left > 0 and not self.waitlist:
            self.trigger_event(self.RegistrationConfirmed, **fields)
            return RegistrationStatus.CONFIRMED
        if not self.waitlist_enabled:
            raise EventFull("Every seat is taken and this event has no waitlist.")
        self.trigger_event(self.RegistrantWaitlisted, **fields)
        return RegistrationStatus.WAITLISTED

    def waitlist_position(self, registration_id: UUID) -> int | None:
        key = registration_id.hex
        if key not in self.waitlist:
            return None
        for position, waiting in enumerate(self.waitlist, start=1):
            if waiting == key:
                return position
        return None  # pragma: no cover - membership was checked above

    def status_of(self, registration_id: UUID) -> RegistrationStatus:
        """Status of an *active* registration of this event (the Registration knows if active)."""
        if registration_id.hex in self.waitlist:
            return RegistrationStatus.WAITLISTED
        return RegistrationStatus.CONFIRMED

    class RegistrationCancelled(Aggregate.Event):
        actor: str
        registration_id: str
        was: str
        promoted_registration_id: str | None

        def apply(self, event: CommunityEvent) -> None:
            if self.was == RegistrationStatus.WAITLISTED:
                del event.waitlist[self.registration_id]
                return
            event.confirmed_count -= 1
            if self.promoted_registration_id is not None:
                del event.waitlist[self.promoted_registration_id]
                event.confirmed_count += 1

    def release(self, registration_id: UUID, *, actor: str, now: datetime) -> UUID | None:
        """Frees the registrant's seat or waitlist place; a freed seat goes to the first in line.

        Returns the promoted registration's id, if any.
        """
        was = self.status_of(registration_id)
        promoted = None
        # Promotion only makes sense while people can still come; a freed seat of a cancelled or
        # past event stays empty.
        if (was == RegistrationStatus.CONFIRMED and self.waitlist and self.status == EventStatus.PUBLISHED
                and now < self.starts_at):
            promoted = next(iter(self.waitlist))
        self.trigger_event(self.RegistrationCancelled, registration_id=registration_id.hex,
                           was=was, promoted_registration_id=promoted, actor=actor, timestamp=now)
        return UUID(promoted) if promoted else None

    class AttendeeCheckedIn(Aggregate.Event):
        actor: str
        registration_id: str
        # The scan's own time (earlier than `timestamp` for an offline scanner); None in events
        # stored before scanners could be offline.
        checked_in_at: datetime | None = None

    def check_in(self, registration_id: UUID, *, already: bool, actor: str, now: datetime,
                 scanned_at: datetime | None = None) -> None:
        """Records that a confirmed attendee arrived."""
        self.check_not_deleted()
        if self.status_of(registration_id) != RegistrationStatus.CONFIRMED:
            raise NotConfirmed("Only confirmed attendees can be checked in.")
        if already:
            raise AlreadyCheckedIn("This attendee is already checked in.")
        self.trigger_event(self.AttendeeCheckedIn, registration_id=registration_id.hex,
                           actor=actor, timestamp=now, checked_in_at=scanned_at or now)

    class CheckInBackdated(Aggregate.Event):
        """Two scans of one ticket merge to the earliest: an offline scanner's earlier scan moves
        the check-in back to its time (`previous` is the time it replaces)."""

        actor: str
        registration_id: str
        checked_in_at: datetime
        previous: datetime

    def backdate_check_in(self, registration_id: UUID, *, checked_in_at: datetime,
                          scanned_at: datetime, actor: str, now: datetime) -> None:
        if scanned_at >= checked_in_at:
            raise InvalidTransition("Only an earlier scan moves a check-in.")
        self.trigger_event(self.CheckInBackdated, registration_id=registration_id.hex,
                           checked_in_at=scanned_at, previous=checked_in_at, actor=actor,
                           timestamp=now)

    class CheckInUndone(Aggregate.Event):
        """A mistaken check-in taken back (`checked_in_at` is the check-in it removes)."""

        actor: str
        registration_id: str
        checked_in_at: datetime

    def undo_check_in(self, registration_id: UUID, *, checked_in_at: datetime | None,
                      actor: str, now: datetime) -> None:
        self.check_not_deleted()
        if checked_in_at is None:
            raise NotCheckedIn("This attendee is not checked in.")
        self.trigger_event(self.CheckInUndone, registration_id=registration_id.hex,
                           checked_in_at=checked_in_at, actor=actor, timestamp=now)
