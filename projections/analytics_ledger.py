"""The analytics read model's fold, pure: domain events in, rows of its six tables out.

`Ledger` holds the rows a batch touches (a live batch: the rows loaded for it; a rebuild: every
row) and changes them in place, one handler per domain event class. Counters that only grow —
the 15-minute activity buckets and each person's number of events — are kept as *increments*
over what is stored, so a live batch adds them with one upsert and never reads them.

The numbers follow ../API.md "Analytics" (the contract). Every registration event is on the
CommunityEvent stream; the Registration aggregate's own events add nothing here.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from command_api.domain.community_event import CommunityEvent
from command_api.domain.keys import email_key
from command_api.domain.rating import Rating
from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from projections.analytics_time import bucket_of, in_utc, start_month
from projections.base import Row
from projections.toolkit import Handlers, handles

log = logging.getLogger(__name__)

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED
# The per-bucket counters, in analytics_activity's column order.
ACTIVITY = ("registrations", "cancellations", "waitlist_joins", "promotions", "check_ins")
REGISTERED, CANCELS, JOINS, PROMOTIONS, CHECK_INS = range(len(ACTIVITY))
COUNTS = ("registrations", "cancellations", "waitlist_joins", "promotions", "confirmed",
          "checked_in", "rating_count", "rating_sum", "rating_1", "rating_2", "rating_3",
          "rating_4", "rating_5")
DETAILS = ("title", "category", "timezone")
INSTANTS = ("starts_at", "ends_at")


def event_row(event: CommunityEvent.Scheduled, starts_at: datetime, ends_at: datetime) -> Row:
    row: Row = {
        "event_id": event.originator_id, "title": event.title,
        "organizer_id": event.organizer_id, "category": event.category,
        "country": country_of(event.location), "starts_at": starts_at, "ends_at": ends_at,
        "timezone": event.timezone, "start_month": start_month(starts_at, event.timezone),
        "status": EventStatus.DRAFT, "capacity": event.capacity, "sold_out_at": None,
        "last_position": 0,
    }
    row.update(dict.fromkeys(COUNTS, 0))
    return row


def country_of(location: dict[str, Any]) -> str:
    return str(location.get("country", "")).upper()  # as the catalogue stores it


def _uuid(value: str | UUID) -> UUID:
    return value if isinstance(value, UUID) else UUID(value)


class Ledger:
    """Rows of the analytics tables in memory, changed in place by `fold`."""

    handlers: Handlers

    def __init__(self, events: dict[UUID, Row] | None = None,
                 registrations: dict[UUID, Row] | None = None,
                 ratings: dict[UUID, Row] | None = None,
                 attended: set[tuple[str, UUID]] | None = None) -> None:
        self.events = events if events is not None else {}
        self.registrations = registrations if registrations is not None else {}
        self.ratings = ratings if ratings is not None else {}
        self.attended = attended if attended is not None else set()  # (person, event) pairs
        # pairs not stored yet, with the store position of the registration that made each
        self.new_attendance: list[tuple[str, UUID, int]] = []
        self.position = 0  # of the domain event being folded
        self.activity: dict[tuple[UUID, datetime], list[int]] = {}  # increments per bucket
        self.people: dict[str, int] = {}  # increments of each person's number of events

    def fold(self, event: Any) -> None:
        handler = self.handlers.get(type(event))
        if handler is not None:
            handler(self, event)

    def fold_all(self, items: Iterable[tuple[int, Any]]) -> None:
        """Folds (store position, domain event) pairs in order; None events are skipped."""
        get = self.handlers.get
        for position, event in items:
            handler = get(type(event))
            if handler is not None:
                self.position = position
                handler(self, event)
                # the row of the event it concerns, stamped: the API's copy re-reads it
                row = self.events.get(event.event_id  # type: ignore[attr-defined] # every one has it
                                      if isinstance(event, Rating.Event) else event.originator_id)
                if row is not None:
                    row["last_position"] = position

    # --- helpers ---------------------------------------------------------------------------

    def _count(self, event: Any, which: int, by: int = 1, at: datetime | None = None) -> None:
        key = (event.originator_id, bucket_of(at or event.timestamp))
        counts = self.activity.get(key)
        if counts is None:
            counts = self.activity[key] = [0] * len(ACTIVITY)
        counts[which] += by

    def _sold_out(self, row: Row, event: Any) -> None:
        if row["sold_out_at"] is None and row["confirmed"] >= row["capacity"]:
            row["sold_out_at"] = event.timestamp

    def _promote(self, registration_id: str | UUID) -> None:
        registration = self.registrations.get(_uuid(registration_id))
        if registration is not None:
            registration["status"] = CONFIRMED

    def _admit(self, row: Row, event: Any, status: RegistrationStatus) -> None:
        # Interned, and the event's id taken from its row: a rebuild holds one row per
        # registration in memory, and a person's or an event's many rows then share one object.
        person = sys.intern(email_key(event.email))
        event_id = row["event_id"]
        key = _uuid(event.registration_id)
        # A re-registration reuses its registration id: the row starts over.
        self.registrations[key] = {"registration_id": key, "event_id": event_id,
                                   "person": person, "status": status, "checked_in": False}
        row["registrations"] += 1
        self._count(event, REGISTERED)
        pair = (person, event_id)
        if pair not in self.attended:
            self.attended.add(pair)
            self.new_attendance.append((person, event_id, self.position))
            self.people[person] = self.people.get(person, 0) + 1

    # --- the event's details and lifecycle ---------------------------------------------------

    @handles(CommunityEvent.Scheduled)
    def scheduled(self, event: CommunityEvent.Scheduled) -> None:
        starts_at, ends_at = in_utc(event.starts_at), in_utc(event.ends_at)
        if starts_at is None or ends_at is None:
            # Such an event was never open to anyone: it is left out, with all it receives.
            log.warning("event %s starts or ends past year 9999 in UTC; left out of analytics",
                        event.originator_id)
            return
        self.events[event.originator_id] = event_row(event, starts_at, ends_at)

    @handles(CommunityEvent.DetailsChanged)
    def details_changed(self, event: CommunityEvent.DetailsChanged) -> None:
        row = self.events.get(event.originator_id)
        if row is None:
            return
        for name, value in event.changes.items():
            if name == "location":
                row["country"] = country_of(value)
            elif name in INSTANTS:
                instant = in_utc(value)
                if instant is None:
                    log.warning("event %s moved past year 9999 in UTC; its %s is kept",
                                event.originator_id, name)
                else:
                    row[name] = instant
            elif name in DETAILS:
                row[name] = value
        row["start_month"] = start_month(row["starts_at"], row["timezone"])

    @handles(CommunityEvent.Published, CommunityEvent.Cancelled, CommunityEvent.Deleted)
    def status_changed(self, event: Any) -> None:
        row = self.events.get(event.originator_id)
        if row is not None:
            row["status"] = STATUS_AFTER[type(event)]

    @handles(CommunityEvent.CapacityChanged)
    def capacity_changed(self, event: CommunityEvent.CapacityChanged) -> None:
        row = self.events.get(event.originator_id)
        if row is None:
            return
        row["capacity"] = event.capacity
        if event.promoted:
            row["promotions"] += len(event.promoted)
            row["confirmed"] += len(event.promoted)
            self._count(event, PROMOTIONS, len(event.promoted))
            for registration_id in event.promoted:
                self._promote(registration_id)
        self._sold_out(row, event)

    # --- registrations -----------------------------------------------------------------------

    @handles(CommunityEvent.RegistrationConfirmed)
    def confirmed(self, event: CommunityEvent.RegistrationConfirmed) -> None:
        row = self.events.get(event.originator_id)
        if row is None:
            return
        self._admit(row, event, CONFIRMED)
        row["confirmed"] += 1
        self._sold_out(row, event)

    @handles(CommunityEvent.RegistrantWaitlisted)
    def waitlisted(self, event: CommunityEvent.RegistrantWaitlisted) -> None:
        row = self.events.get(event.originator_id)
        if row is None:
            return
        self._admit(row, event, WAITLISTED)
        row["waitlist_joins"] += 1
        self._count(event, JOINS)

    @handles(CommunityEvent.RegistrationCancelled)
    def cancelled(self, event: CommunityEvent.RegistrationCancelled) -> None:
        row = self.events.get(event.originator_id)
        if row is None:
            return
        row["cancellations"] += 1
        self._count(event, CANCELS)
        registration = self.registrations.get(_uuid(event.registration_id))
        # `was` is what the aggregate decided on; the row only knows about the check-in.
        if event.was == CONFIRMED:
            row["confirmed"] -= 1
            if registration is not None and registration["checked_in"]:
                row["checked_in"] -= 1
        if registration is not None:
            registration.update(status=CANCELLED, checked_in=False)
        if event.promoted_registration_id:
            row["promotions"] += 1
            row["confirmed"] += 1
            self._count(event, PROMOTIONS)
            self._promote(event.promoted_registration_id)
            self._sold_out(row, event)

    @handles(CommunityEvent.AttendeeCheckedIn)
    def checked_in(self, event: CommunityEvent.AttendeeCheckedIn) -> None:
        row = self.events.get(event.originator_id)
        registration = self.registrations.get(_uuid(event.registration_id))
        if row is None or (registration is not None and registration["checked_in"]):
            return  # a check-in is counted once
        row["checked_in"] += 1
        # Counted on the day of the scan: an offline scanner's scans arrive later.
        self._count(event, CHECK_INS, at=event.checked_in_at)
        if registration is not None:
            registration["checked_in"] = True

    @handles(CommunityEvent.CheckInBackdated)
    def check_in_backdated(self, event: CommunityEvent.CheckInBackdated) -> None:
        if event.originator_id not in self.events:
            return
        # The same check-in, an earlier scan: it moves to that scan's day.
        self._count(event, CHECK_INS, by=-1, at=event.previous)
        self._count(event, CHECK_INS, at=event.checked_in_at)

    @handles(CommunityEvent.CheckInUndone)
    def check_in_undone(self, event: CommunityEvent.CheckInUndone) -> None:
        row = self.events.get(event.originator_id)
        registration = self.registrations.get(_uuid(event.registration_id))
        if row is None or (registration is not None and not registration["checked_in"]):
            return
        row["checked_in"] -= 1
        self._count(event, CHECK_INS, by=-1, at=event.checked_in_at)
        if registration is not None:
            registration["checked_in"] = False

    # --- ratings: the scores that stand, by the rated event ----------------------------------
    # The old score comes from this read model's own rating row, so the tally is always the sum
    # over analytics_ratings; hiding a comment changes no score and is not read.

    def _rescore(self, event: Any, score: int | None) -> None:
        rating = self.ratings.get(event.originator_id)
        old = None if rating is None else rating["score"]
        self.ratings[event.originator_id] = {"rating_id": event.originator_id,
                                             "event_id": event.event_id, "score": score}
        row = self.events.get(event.event_id)
        if row is None:
            return
        if old is not None:
            row["rating_count"] -= 1
            row["rating_sum"] -= old
            row[f"rating_{old}"] -= 1
        if score is not None:
            row["rating_count"] += 1
            row["rating_sum"] += score
            row[f"rating_{score}"] += 1

    @handles(Rating.Rated, Rating.Changed)
    def rated(self, event: Any) -> None:
        self._rescore(event, event.score)

    @handles(Rating.Withdrawn)
    def withdrawn(self, event: Any) -> None:
        self._rescore(event, None)


Ledger.handlers = Handlers(Ledger)
STATUS_AFTER = {CommunityEvent.Published: EventStatus.PUBLISHED,
                CommunityEvent.Cancelled: EventStatus.CANCELLED,
                CommunityEvent.Deleted: EventStatus.DELETED}


def touched(events: Iterable[Any]) -> tuple[set[UUID], set[UUID], set[UUID], set[str]]:
    """The keys a batch may change: (event ids, registration ids, rating ids, people)."""
    event_ids: set[UUID] = set()
    registration_ids: set[UUID] = set()
    rating_ids: set[UUID] = set()
    people: set[str] = set()
    for event in events:
        if isinstance(event, Rating.Event):
            rating_ids.add(event.originator_id)
            event_ids.add(event.event_id)  # type: ignore[attr-defined] # every Rating event has it
            continue
        event_ids.add(event.originator_id)
        if isinstance(event, CommunityEvent.CapacityChanged):
            registration_ids.update(_uuid(i) for i in event.promoted)
        elif isinstance(event, CommunityEvent.RegistrationCancelled):
            registration_ids.add(_uuid(event.registration_id))
            if event.promoted_registration_id:
                registration_ids.add(_uuid(event.promoted_registration_id))
        elif hasattr(event, "registration_id"):
            registration_ids.add(_uuid(event.registration_id))
            if hasattr(event, "email"):
                people.add(email_key(event.email))
    return event_ids, registration_ids, rating_ids, people
