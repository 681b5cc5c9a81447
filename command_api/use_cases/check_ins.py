"""Use cases of the door: scan a ticket (online, or later from a scanner that was offline) and
undo a mistaken check-in.

Two scans of one ticket merge deterministically, whatever order they arrive in: the attendee is
checked in once, at the earliest scan's time. A later scan is reported as a repeat with the
kept time; an earlier one that arrives late (an offline scanner) moves the check-in back to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from command_api.domain.errors import ScanTimeOutOfRange
from command_api.write_model import WriteModel, retry_on_conflict
from kernel.authz import Action, Principal, require, resource_of

# A scanner's clock may run a little ahead; a scan from further ahead is no real scan.
CLOCK_SKEW = timedelta(minutes=5)
# How long a scanner may hold scans offline (a multi-day festival's gate, at most).
OFFLINE_LIMIT = timedelta(days=7)


@dataclass(frozen=True)
class Scan:
    registration_id: UUID
    checked_in_at: datetime
    already_checked_in: bool
    position: int | None  # None when nothing was recorded (a plain repeat)


class CheckInUseCases(WriteModel):
    @retry_on_conflict
    def scan(self, event_id: UUID, registration_id: UUID, *, principal: Principal,
             scanned_at: datetime | None = None) -> Scan:
        now = self.clock()
        if scanned_at is not None:
            if not now - OFFLINE_LIMIT <= scanned_at <= now + CLOCK_SKEW:
                raise ScanTimeOutOfRange(
                    "checked_in_at must lie within the last 7 days and not in the future.",
                    field="checked_in_at")
            scanned_at = min(scanned_at, now)
        actor = principal.actor
        event = self.load_event(event_id)
        require(principal, Action.CHECK_IN, resource_of(event))
        registration = self.load_registration(event, registration_id)
        registration.check_active()
        kept = registration.checked_in_at
        if kept is None:
            event.check_in(registration.id, already=False, actor=actor, now=now,
                           scanned_at=scanned_at)
            registration.check_in(actor=actor, now=now, scanned_at=scanned_at)
            return Scan(registration.id, scanned_at or now, False,
                        self.commit(event, registration))
        if scanned_at is None or scanned_at >= kept:
            return Scan(registration.id, kept, True, None)  # a repeat: the first scan stands
        event.backdate_check_in(registration.id, checked_in_at=kept, scanned_at=scanned_at,
                                actor=actor, now=now)
        registration.backdate_check_in(actor=actor, now=now, scanned_at=scanned_at)
        return Scan(registration.id, scanned_at, True, self.commit(event, registration))

    @retry_on_conflict
    def undo_check_in(self, event_id: UUID, registration_id: UUID, *,
                      principal: Principal) -> int:
        now = self.clock()
        event = self.load_event(event_id)
        require(principal, Action.CHECK_IN, resource_of(event))
        registration = self.load_registration(event, registration_id)
        kept = registration.checked_in_at
        event.undo_check_in(registration.id, checked_in_at=kept, actor=principal.actor, now=now)
        registration.undo_check_in(actor=principal.actor, now=now)
        return self.commit(event, registration)
