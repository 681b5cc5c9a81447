"""The `attendees` read model: one row per registration, in admission and waitlist order.

`fold` is pure and works on plain dicts, so the query side replays an event's stream with the
very same rules to answer "the list as it stood at <instant>".
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, MutableMapping
from typing import Any
from uuid import UUID

from command_api.domain.community_event import CommunityEvent
from command_api.domain.registration import Registration
from command_api.domain.vocabulary import RegistrationStatus
from projections.base import Row
from projections.tables import attendees
from projections.toolkit import Folded, FoldRebuild, handles

log = logging.getLogger(__name__)

# Short names for the folds below; other modules name the enum.
CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
CANCELLED = RegistrationStatus.CANCELLED
STATUS_ORDER = {CONFIRMED: 0, WAITLISTED: 1, CANCELLED: 2}


def sort_key(row: Row) -> tuple[int, int]:
    """Confirmed first, then the waitlist in promotion order, then cancelled; admission order."""
    return STATUS_ORDER[row["status"]], row["seq"]


def _admitted(rows: MutableMapping[UUID, Row], event: Any, status: RegistrationStatus) -> None:
    key = UUID(event.registration_id)
    previous = rows.get(key) or {}
    rows[key] = {
        "registration_id": key,
        "event_id": event.originator_id,
        "name": event.name,
        "email": event.email,
        "status": status,
        "registered_at": event.timestamp,
        "seq": event.originator_version,
        "waitlist_seq": event.originator_version if status == WAITLISTED else None,
        "checked_in_at": None,
        "cancelled_at": None,
        # Registration.Opened/Reopened carry the member; keep what they set
        "member_id": previous.get("member_id"),
    }


def _change(rows: MutableMapping[UUID, Row], registration_id: str | UUID, **values: Any) -> None:
    key = registration_id if isinstance(registration_id, UUID) else UUID(registration_id)
    row = rows.get(key)
    if row is None:
        log.warning("event refers to unknown registration %s; skipped", key)
        return
    rows[key] = {**row, **values}


def _registration(event: Any) -> tuple[UUID]:
    return (UUID(event.registration_id),)


def _cancelled_ids(event: CommunityEvent.RegistrationCancelled) -> set[UUID]:
    ids = {event.registration_id, event.promoted_registration_id}
    return {UUID(i) for i in ids if i}


def _promoted_ids(event: CommunityEvent.CapacityChanged) -> set[UUID]:
    return {UUID(i) for i in event.promoted}


class Attendees(Folded):
    """Registrations of each event: who, status, waitlist order, check-in."""

    name = "attendees"
    table, key = attendees, "registration_id"

    @handles(CommunityEvent.RegistrationConfirmed, keys=_registration)
    def confirmed(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        _admitted(rows, event, CONFIRMED)

    @handles(CommunityEvent.RegistrantWaitlisted, keys=_registration)
    def waitlisted(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        _admitted(rows, event, WAITLISTED)

    @handles(CommunityEvent.RegistrationCancelled, keys=_cancelled_ids)
    def cancelled(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        _change(rows, event.registration_id, status=CANCELLED, waitlist_seq=None,
                cancelled_at=event.timestamp)
        if event.promoted_registration_id:
            _change(rows, event.promoted_registration_id, status=CONFIRMED, waitlist_seq=None)

    @handles(CommunityEvent.CapacityChanged, keys=_promoted_ids)
    def capacity_changed(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        for registration_id in event.promoted:
            _change(rows, registration_id, status=CONFIRMED, waitlist_seq=None)

    @handles(CommunityEvent.AttendeeCheckedIn, CommunityEvent.CheckInBackdated,
             keys=_registration)
    def checked_in(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        # The scan's time (an offline scanner's may be earlier than the recording); events stored
        # before scans had a time of their own carry None.
        _change(rows, event.registration_id, checked_in_at=event.checked_in_at or event.timestamp)

    @handles(CommunityEvent.CheckInUndone, keys=_registration)
    def check_in_undone(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        _change(rows, event.registration_id, checked_in_at=None)

    @handles(Registration.Opened, Registration.Reopened)
    def opened(self, rows: MutableMapping[UUID, Row], event: Any) -> None:
        # Saved together with (and just after) the event's admission, so the row exists.
        if event.originator_id in rows:
            rows[event.originator_id] = {**rows[event.originator_id], "member_id": event.member_id}


class AttendeesRebuild(FoldRebuild):
    """A rebuild keeps attendee rows in memory and writes each one when it leaves: most rows are
    inserted once and never read back. Unlike the catalogue the table is unbounded (one row per
    registration ever made), so rows are flushed every FLUSH_ROWS; a later event about a flushed
    row reads it back and updates it."""

    FLUSH_ROWS = 50_000
    SORTED_INSERT = True


Attendees.rebuild_class = AttendeesRebuild
_ATTENDEES = Attendees()


def referenced_ids(event: Any) -> set[UUID]:
    """Registrations whose rows this event may change."""
    return set(_ATTENDEES.keys(event))


def fold(rows: MutableMapping[UUID, Row], event: Any) -> None:
    """Applies one domain event to `rows` (registration id -> row), replacing changed rows."""
    _ATTENDEES.fold(rows, event)


def replay(stream: Iterable[Any]) -> list[Row]:
    """The attendee list after these events of one CommunityEvent stream, in list order."""
    rows: dict[UUID, Row] = {}
    for event in stream:
        fold(rows, event)
    return sorted(rows.values(), key=sort_key)
