"""An event's ledger as audit entries: every domain event of its stream, and of its ratings'
streams, with store positions."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from command_api.domain.account import Account
from command_api.domain.community_event import CommunityEvent
from command_api.domain.rating import Rating, rating_id_for
from kernel.store_adapter import stored_ids
from query_api.event_store import Recorded, read_stream
from query_api.history_summaries import summaries
from query_api.schemas import HistoryEntryOut

# Fields every entry already shows at top level, or that say nothing to a reader.
ENVELOPE = {"originator_id", "originator_version", "originator_topic", "timestamp", "actor"}
# Never shown, whatever a future event carries (cancel tokens live only as hashes, and not here).
SECRET = re.compile(r"token|password|secret", re.IGNORECASE)

TYPES: dict[type, str] = {
    CommunityEvent.Scheduled: "event.scheduled",
    CommunityEvent.Published: "event.published",
    CommunityEvent.Cancelled: "event.cancelled",
    CommunityEvent.Deleted: "event.deleted",
    CommunityEvent.DetailsChanged: "event.details_changed",
    CommunityEvent.CapacityChanged: "event.capacity_changed",
    CommunityEvent.RegistrationConfirmed: "registration.confirmed",
    CommunityEvent.RegistrantWaitlisted: "registration.waitlisted",
    CommunityEvent.RegistrationCancelled: "registration.cancelled",
    CommunityEvent.AttendeeCheckedIn: "registration.checked_in",
    CommunityEvent.CheckInBackdated: "registration.check_in_backdated",
    CommunityEvent.CheckInUndone: "registration.check_in_undone",
    Account.SignedUp: "account.signed_up",
    Account.ProfileChanged: "account.profile_changed",
    Account.RoleGranted: "account.role_granted",
    Account.PasswordChanged: "account.password_changed",
    Account.Deactivated: "account.deactivated",
    Account.VerificationRequested: "account.verification_requested",
    Account.EmailVerified: "account.email_verified",
    Account.PasswordResetRequested: "account.password_reset_requested",
    Account.PasswordReset: "account.password_reset",
    Account.NotificationPreferencesChanged: "account.notification_preferences_changed",
    Account.CalendarFeedIssued: "account.calendar_feed_issued",
    Account.CalendarFeedRevoked: "account.calendar_feed_revoked",
    Rating.Rated: "rating.rated",
    Rating.Changed: "rating.changed",
    Rating.Withdrawn: "rating.withdrawn",
    Rating.CommentHidden: "rating.comment_hidden",
    Rating.CommentUnhidden: "rating.comment_unhidden",
}
ADMISSIONS = (CommunityEvent.RegistrationConfirmed, CommunityEvent.RegistrantWaitlisted)
IDS_PER_QUERY = 500


def type_name(event: Any) -> str:
    """A stable dotted name; events added later get `event.<snake_case>` until named here."""
    name = TYPES.get(type(event))
    if name is not None:
        return name
    return "event." + re.sub(r"(?<!^)(?=[A-Z])", "_", type(event).__name__).lower()


def plain(value: Any) -> Any:
    """JSON-ready data: instants in UTC ISO 8601, ids as strings, secrets dropped."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items() if not SECRET.search(str(k))}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def event_stream(write_model: Any, event_id: UUID) -> list[Recorded] | None:
    """The CommunityEvent stream of this id with its ratings' events, in store order; None if
    the id is not a community event."""
    stream = read_stream(write_model, event_id)
    if not stream or not isinstance(stream[0].event, CommunityEvent.Scheduled):
        return None
    rated = rating_streams(write_model, event_id, stream)
    if not rated:
        return stream
    return sorted([*stream, *rated], key=lambda recorded: recorded.position)


def rating_streams(write_model: Any, event_id: UUID, stream: list[Recorded]) -> list[Recorded]:
    """The events of the event's ratings, found from the store alone: a rating's id derives from
    (event, registration), the event's ledger names every registration ever admitted, and one
    query per few hundred of them says which have rated (most have not)."""
    registrations = {UUID(r.event.registration_id) for r in stream
                     if isinstance(r.event, ADMISSIONS)}
    candidates = sorted(rating_id_for(event_id, registration) for registration in registrations)
    found: list[Recorded] = []
    for start in range(0, len(candidates), IDS_PER_QUERY):
        for rating_id in sorted(stored_ids(write_model.recorder,
                                           candidates[start : start + IDS_PER_QUERY])):
            found.extend(read_stream(write_model, rating_id))
    return found


def account_stream(write_model: Any, account_id: UUID) -> list[Recorded] | None:
    """The Account stream of this id (password hashes are dropped by `entry`); None otherwise."""
    stream = read_stream(write_model, account_id)
    if not stream or not isinstance(stream[0].event, Account.SignedUp):
        return None
    return stream


def current_zone(stream: list[Recorded]) -> ZoneInfo:
    zone = stream[0].event.timezone
    for recorded in stream:
        if isinstance(recorded.event, CommunityEvent.DetailsChanged):
            zone = recorded.event.changes.get("timezone", zone)
    return ZoneInfo(zone)


def account_names(write_model: Any) -> Callable[[str], str | None]:
    """Actor id -> the account's current name, read from the store like the rest of the history
    (the `users` read model may lag); None for actors that are no account."""

    def name_of(actor: str) -> str | None:
        try:
            account_id = UUID(actor)
        except ValueError:
            return None
        stream = read_stream(write_model, account_id)
        if not stream or not isinstance(stream[0].event, Account.SignedUp):
            return None
        name: str = stream[0].event.name
        for recorded in stream[1:]:
            if isinstance(recorded.event, Account.ProfileChanged):
                name = recorded.event.changes.get("name", name)
        return name

    return name_of


def summarized(write_model: Any, stream: list[Recorded],
               language: str = "en") -> list[tuple[Recorded, str]]:
    """Each entry with its sentence in `language`, from one fold of the WHOLE stream: filter and
    page after this, so an entry reads the same whatever page or `as_of` shows it."""
    sentences = summaries((r.event for r in stream), account_names(write_model), language)
    return list(zip(stream, sentences, strict=True))


def entry(recorded: Recorded, zone: ZoneInfo, summary: str = "") -> HistoryEntryOut:
    event = recorded.event
    data = {k: v for k, v in vars(event).items() if k not in ENVELOPE}
    return HistoryEntryOut(position=recorded.position, type=type_name(event),
                           occurred_at=event.timestamp.astimezone(zone),
                           actor=getattr(event, "actor", "system"), data=plain(data),
                           summary=summary or type_name(event))
