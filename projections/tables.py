"""Read-model tables (SQLAlchemy Core). The query side selects from these; only projections write.

The schema itself is created by the Alembic migrations in `projections/migrations/`; these
definitions are what the code reads and writes, and a test checks the two agree.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    Uuid,
)


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC in and out on every database (SQLite keeps no offset, so we store UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; pass an aware instant")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData()

tracking = Table(
    "projection_tracking",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("position", BigInteger, nullable=False),
)

# A read model that cannot apply the event after its position (projections/failures.py): one row
# per failing read model, written in its own transaction so every process (and /api/ready) sees it.
projection_failures = Table(
    "projection_failures",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("position", BigInteger, nullable=False),  # of the event that fails
    Column("event_type", String(300), nullable=False),
    Column("error", Text, nullable=False),
    Column("first_seen", UtcDateTime, nullable=False),
    Column("last_seen", UtcDateTime, nullable=False),
    Column("attempts", Integer, nullable=False),
)

# Events an operator told one read model to pass over (`eventconnect skip`): who, why, when.
projection_skips = Table(
    "projection_skips",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("position", BigInteger, primary_key=True),
    Column("event_type", String(300), nullable=False),
    Column("error", Text),  # the failure it was skipped for, if one was recorded
    Column("reason", Text, nullable=False),
    Column("skipped_by", String(120), nullable=False),
    Column("skipped_at", UtcDateTime, nullable=False),
)

# One row per community event, deleted ones included (status "deleted"): listings filter them
# out, history and attendee audits still find them.
events = Table(
    "events",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("title", String(200), nullable=False),
    Column("description", Text, nullable=False),
    Column("category", String(20), nullable=False),
    Column("tags", JSON, nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("country", String(2), nullable=False),
    Column("city", String(100), nullable=False),
    # casefolded city: the filter is case-insensitive and still uses an index. Wider than `city`:
    # folding may triple a character ("ﬃ" -> "ffi"), and events stored before the edge checked the
    # folded length must still project (migration 0006).
    Column("city_key", String(300), nullable=False),
    Column("venue", String(200)),
    Column("online_url", String(500)),
    Column("capacity", Integer, nullable=False),
    Column("confirmed_count", Integer, nullable=False),
    Column("waitlist_length", Integer, nullable=False),
    Column("waitlist_enabled", Boolean, nullable=False),
    Column("status", String(12), nullable=False),
    Column("organizer_id", String(64), nullable=False),
    Column("organizer_name", String(120), nullable=False),
    Column("rating_avg", Float),
    Column("rating_count", Integer, nullable=False),
    # The sum of the counted scores (migration 0007), so `rating_avg` is always total / count,
    # exactly, however many ratings change.
    Column("rating_total", Integer, nullable=False, server_default="0"),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False),
    # An integer twin of `id` (projections.catalogue.search_key): SQLite's FTS rowid, so a text
    # search joins its hits to rows on an integer. Nullable only because migration 0005 added it.
    Column("search_key", BigInteger),
    # The recurring series the event is an occurrence of (migration 0013); null when none.
    Column("series_id", Uuid),
    Index("ix_events_status_starts_at", "status", "starts_at"),
    Index("ix_events_series_id", "series_id"),
    Index("ix_events_status_ends_at", "status", "ends_at"),
    Index("ix_events_category_starts_at", "category", "starts_at"),
    Index("ix_events_country_city_key", "country", "city_key"),
    Index("ix_events_organizer_id", "organizer_id"),
    Index("ix_events_popularity", "confirmed_count"),
    Index("ix_events_rating", "rating_avg"),
)

# One row per registration ever made for an event; a re-registration reuses its (deterministic)
# id, so the row is overwritten.
attendees = Table(
    "attendees",
    metadata,
    Column("registration_id", Uuid, primary_key=True),
    Column("event_id", Uuid, nullable=False),
    Column("name", String(120), nullable=False),
    Column("email", String(254), nullable=False),
    Column("status", String(12), nullable=False),
    Column("registered_at", UtcDateTime, nullable=False),
    # version of the event's stream that admitted this registration: a total, stable order
    Column("seq", Integer, nullable=False),
    # set while waitlisted; FIFO promotion order within the event
    Column("waitlist_seq", Integer),
    Column("checked_in_at", UtcDateTime),
    Column("cancelled_at", UtcDateTime),
    Column("member_id", String(64)),
    Index("ix_attendees_event_status_seq", "event_id", "status", "seq"),
    Index("ix_attendees_member_id", "member_id"),
)

# One row per account, for the admin's user list. Never a password hash: the store keeps those.
users = Table(
    "users",
    metadata,
    Column("id", Uuid, primary_key=True),
    Column("email", String(254), nullable=False),
    Column("name", String(120), nullable=False),
    Column("role", String(16), nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("locale", String(35), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    # H5 (migration 0010): email ownership and the notification switches.
    Column("email_verified", Boolean, nullable=False, default=False),
    Column("email_notifications", Boolean, nullable=False, default=True),
    Column("reminder_notifications", Boolean, nullable=False, default=True),
    # Issue 12 (migration 0014): SHA-256 of the member's calendar feed secret; null when none.
    Column("calendar_feed_hash", String(64)),
    Index("ix_users_email", "email", unique=True),
    Index("ix_users_calendar_feed_hash", "calendar_feed_hash", unique=True),
    Index("ix_users_role_email", "role", "email"),
)

# --- reminders (H3): what the scheduler has done, per registration (projections/reminder_schedule)
# The schedule itself is a join: published events about to start (events) x their confirmed
# registrations (attendees), minus the reminders already sent and the registrations stopped.
reminders_sent = Table(
    "reminders_sent",
    metadata,
    Column("registration_id", Uuid, primary_key=True),
    Column("offset_seconds", Integer, primary_key=True),
    Column("due_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime, nullable=False),
)

# A row once a registration's reminders were stopped (guest unsubscribe) or it was asked for
# feedback; absent: neither.
reminder_marks = Table(
    "reminder_marks",
    metadata,
    Column("registration_id", Uuid, primary_key=True),
    Column("stopped_at", UtcDateTime),
    Column("feedback_requested_at", UtcDateTime),
)

# --- ratings (H1): one row per rating (projections/ratings.py); a withdrawn one stays, flagged,
# with the last score it had. `rated_at`: when the score and comment as they stand were given.
ratings = Table(
    "ratings",
    metadata,
    Column("rating_id", Uuid, primary_key=True),
    Column("event_id", Uuid, nullable=False),
    Column("registration_id", Uuid, nullable=False),
    Column("member_id", String(64)),
    Column("author_name", String(120), nullable=False),
    Column("score", Integer, nullable=False),
    Column("comment", Text),
    Column("hidden", Boolean, nullable=False),
    Column("hidden_reason", Text),
    Column("rated_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    Column("withdrawn", Boolean, nullable=False),
    Index("ix_ratings_event_rated_at", "event_id", "rated_at"),
    Index("ix_ratings_event_score", "event_id", "score"),
)

# --- notifications (H2): a member's inbox (projections/inbox.py) and the email queue
# (reactions/mail/delivery.py, which keeps its own tracking row: a rebuild of the read models
# must never empty it, or every email would go out again).
inbox = Table(
    "inbox",
    metadata,
    Column("id", Uuid, primary_key=True),  # the notification id
    Column("member_id", String(64), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("event_id", Uuid),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("read", Boolean, nullable=False),
    Column("position", BigInteger, nullable=False),  # of the Issued event: the live hub's cursor
    Index("ix_inbox_member_position", "member_id", "position"),
    Index("ix_inbox_member_read", "member_id", "read"),
)

email_deliveries = Table(
    "email_deliveries",
    metadata,
    Column("message_id", String(200), primary_key=True),
    Column("notification_id", Uuid, nullable=False),
    Column("to", String(254), nullable=False),
    Column("kind", String(32), nullable=False),
    # pending -> sending (claimed, until its lease ends) -> sent; a failure: retry (at
    # next_attempt_at) until MAX_ATTEMPTS, then failed
    Column("state", String(12), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("next_attempt_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    Column("claim", String(32)),  # which sender holds it while `sending`
    Column("payload", JSON, nullable=False),  # the Notification.Issued fields to render
    Column("created_at", UtcDateTime, nullable=False),
    Index("ix_email_deliveries_due", "state", "next_attempt_at"),
    Index("ix_email_deliveries_notification", "notification_id"),
)

# --- analytics (projections/analytics.py): the dashboard's numbers, each a fold of domain events
# (never a query over the other read models), so `eventconnect rebuild analytics` recomputes a
# metric added later over all history. Definitions: ../API.md "Analytics".
analytics_events = Table(
    "analytics_events",
    metadata,
    Column("event_id", Uuid, primary_key=True),
    # the event's details as they stand (the overview's filters and labels)
    Column("title", String(200), nullable=False),
    Column("organizer_id", String(64), nullable=False),
    Column("category", String(20), nullable=False),
    Column("country", String(2), nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("start_month", String(7), nullable=False),  # "YYYY-MM" of starts_at in `timezone`
    Column("status", String(12), nullable=False),
    Column("capacity", Integer, nullable=False),
    # counts by the contract's definitions
    Column("registrations", Integer, nullable=False),
    Column("cancellations", Integer, nullable=False),
    Column("waitlist_joins", Integer, nullable=False),
    Column("promotions", Integer, nullable=False),
    Column("confirmed", Integer, nullable=False),
    Column("checked_in", Integer, nullable=False),
    Column("sold_out_at", UtcDateTime),
    # ratings counted now (withdrawn ones leave; hidden comments still count): sum and per score
    Column("rating_count", Integer, nullable=False),
    Column("rating_sum", Integer, nullable=False),
    Column("rating_1", Integer, nullable=False),
    Column("rating_2", Integer, nullable=False),
    Column("rating_3", Integer, nullable=False),
    Column("rating_4", Integer, nullable=False),
    Column("rating_5", Integer, nullable=False),
    # The store position of the last domain event that touched the row: the API's in-memory
    # copy (query_api/analytics_frame.py) re-reads only rows changed after the position it holds.
    Column("last_position", BigInteger, nullable=False, server_default="0"),
    Index("ix_analytics_events_starts_at", "starts_at"),
    Index("ix_analytics_events_last_position", "last_position"),
    Index("ix_analytics_events_organizer_starts_at", "organizer_id", "starts_at"),
    Index("ix_analytics_events_category_starts_at", "category", "starts_at"),
    Index("ix_analytics_events_country_starts_at", "country", "starts_at"),
    Index("ix_analytics_events_registrations", "registrations"),
)

# Activity per event per 15-minute UTC bucket: grouped into the event's local dates when read, so
# the daily series is right in every zone (all offsets are multiples of 15 minutes) and after the
# event's time zone changes.
analytics_activity = Table(
    "analytics_activity",
    metadata,
    Column("event_id", Uuid, primary_key=True),
    Column("bucket", UtcDateTime, primary_key=True),
    Column("registrations", Integer, nullable=False),
    Column("cancellations", Integer, nullable=False),
    Column("waitlist_joins", Integer, nullable=False),
    Column("promotions", Integer, nullable=False),
    Column("check_ins", Integer, nullable=False),
)

# The analytics read model's own state of each registration (a cancellation must know whether
# the seat was checked in) and each rating (a change or withdrawal must know the old score).
analytics_registrations = Table(
    "analytics_registrations",
    metadata,
    Column("registration_id", Uuid, primary_key=True),
    Column("event_id", Uuid, nullable=False),
    Column("person", String(254), nullable=False),  # command_api.domain.keys.email_key
    Column("status", String(12), nullable=False),  # confirmed | waitlisted | cancelled
    Column("checked_in", Boolean, nullable=False),
)

analytics_ratings = Table(
    "analytics_ratings",
    metadata,
    Column("rating_id", Uuid, primary_key=True),
    Column("event_id", Uuid, nullable=False),
    Column("score", Integer),  # None while withdrawn
)

# People (normalised email: a guest and a member with one email are one person, since account ids
# derive from the same key) and the events each had a registration accepted for.
analytics_attendance = Table(
    "analytics_attendance",
    metadata,
    Column("person", String(254), primary_key=True),
    Column("event_id", Uuid, primary_key=True),
    # The store position of the registration that made the pair: rows only ever arrive (deleted
    # events are filtered when read), so the API's in-memory copy (query_api/analytics_frame.py)
    # catches up by reading the rows after the position it holds.
    Column("position", BigInteger, nullable=False, server_default="0"),
    # (event_id, person): covers the overview's "distinct people of these events" alone
    Index("ix_analytics_attendance_event", "event_id", "person"),
    Index("ix_analytics_attendance_position", "position"),
)

analytics_people = Table(
    "analytics_people",
    metadata,
    Column("person", String(254), primary_key=True),
    Column("events", Integer, nullable=False),  # events accepted for; >= 2: a repeat attendee
    Index("ix_analytics_people_events", "events"),
)
