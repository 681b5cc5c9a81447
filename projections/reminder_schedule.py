"""The `reminder_schedule` read model: what the reminder scheduler has done, and the queries
that find what it has still to do.

The projection keeps only the scheduler's own traces (reminders sent, registrations stopped or
asked for feedback). What is *due* is one join over read models that already exist: published
events about to start (`events`, by its status/start index) x their confirmed registrations
(`attendees`, by its event/status index), minus what was sent. Event times are the catalogue's,
so a moved event's pending reminders move with it without a row to rewrite here.

A candidate is only a candidate: the command it leads to decides on the aggregates
(command_api/use_cases/reminders.py), so a lagging read model can cost a refused command, never
a wrong or second reminder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Interval, Uuid, exists, func, insert, literal, select, tuple_

from command_api.domain.registration import Registration
from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from projections.base import Item, Projection, Row, load_rows, write_rows
from projections.tables import UtcDateTime, attendees, events, reminder_marks, reminders_sent


class ReminderSchedule(Projection):
    """Reminders sent, and registrations stopped or asked for feedback."""

    name = "reminder_schedule"
    tables = (reminders_sent, reminder_marks)
    reads = (Registration.ReminderSent, Registration.FeedbackRequested,
             Registration.RemindersStopped)

    def apply(self, conn: Connection, items: Sequence[Item]) -> None:
        sent: list[Row] = []
        marked: list[tuple[UUID, str, datetime]] = []
        for _, event in items:
            if isinstance(event, Registration.ReminderSent):
                sent.append({"registration_id": event.originator_id,
                             "offset_seconds": event.offset_seconds, "due_at": event.due_at,
                             "sent_at": event.timestamp})
            elif isinstance(event, Registration.FeedbackRequested):
                marked.append((event.originator_id, "feedback_requested_at", event.timestamp))
            elif isinstance(event, Registration.RemindersStopped):
                marked.append((event.originator_id, "stopped_at", event.timestamp))
        if sent:
            # The aggregate sends each offset once, and tracking applies each event once.
            conn.execute(insert(reminders_sent), sent)
        if marked:
            key = "registration_id"
            before = load_rows(conn, reminder_marks, key, {m[0] for m in marked})
            after = dict(before)
            for registration_id, column, at in marked:
                row = after.get(registration_id) or {key: registration_id, "stopped_at": None,
                                                     "feedback_requested_at": None}
                after[registration_id] = {**row, column: at}
            write_rows(conn, reminder_marks, key, before, after)


@dataclass(frozen=True)
class Candidate:
    """Due work found; `after` pages on from it (the order is (instant, event, seq))."""

    registration_id: UUID
    event_id: UUID
    at: datetime  # the event's start (reminders) or end (feedback)
    seq: int

    @property
    def after(self) -> tuple[datetime, UUID, int]:
        return self.at, self.event_id, self.seq


Page = tuple[datetime, UUID, int] | None


def _page(statement: Any, at: Any, after: Page, limit: int) -> Any:
    """Keyset pagination: a sweep walks every candidate once, so refused ones (an opted-out
    member) never crowd out the rest, whatever their number."""
    a = attendees.c
    if after is not None:
        instant, event_id, seq = after
        statement = statement.where(tuple_(at, a.event_id, a.seq) > tuple_(
            literal(instant, UtcDateTime()), literal(event_id, Uuid()), literal(seq)))
    return statement.order_by(at, a.event_id, a.seq).limit(limit)


def _unmarked(column: str) -> Any:
    """The registration has no `column` mark (not stopped / not asked for feedback yet)."""
    marks = reminder_marks.c
    return ~exists().where(marks.registration_id == attendees.c.registration_id,
                           marks[column].is_not(None))


def _made_before(conn: Connection, offset_seconds: int) -> Any:
    """`attendees.registered_at <= events.starts_at - offset`: a registration made after a
    reminder's due time does not get that stale reminder. Date arithmetic differs by dialect
    (SQLite keeps instants as UTC text: julianday; PostgreSQL: timestamptz minus an interval)."""
    registered_at, starts_at = attendees.c.registered_at, events.c.starts_at
    if conn.dialect.name == "sqlite":
        return (func.julianday(registered_at)
                <= func.julianday(starts_at) - literal(offset_seconds / 86_400.0))
    return registered_at <= starts_at - literal(timedelta(seconds=offset_seconds), Interval())


def due_reminders(conn: Connection, *, now: datetime, offset_seconds: int, limit: int,
                  after: Page = None) -> list[Candidate]:
    """Confirmed registrations of published events whose reminder `offset_seconds` before the
    start is due at `now` and not sent yet, made before that due time.

    A range on `events(status, starts_at)` (the events starting within the offset), each one's
    confirmed attendees by `attendees(event_id, status, seq)`, anti-joins by primary key."""
    offset = timedelta(seconds=offset_seconds)
    a, e, s = attendees.c, events.c, reminders_sent.c
    statement = (
        select(a.registration_id, a.event_id, e.starts_at, a.seq)
        .select_from(events.join(attendees, a.event_id == e.id))
        .where(e.status == EventStatus.PUBLISHED, e.starts_at > now, e.starts_at <= now + offset,
               a.status == RegistrationStatus.CONFIRMED, _made_before(conn, offset_seconds),
               _unmarked("stopped_at"),
               ~exists().where(s.registration_id == a.registration_id,
                               s.offset_seconds == offset_seconds)))
    statement = _page(statement, e.starts_at, after, limit)
    return [Candidate(*row) for row in conn.execute(statement)]


def due_feedback(conn: Connection, *, now: datetime, window: timedelta, limit: int,
                 after: Page = None) -> list[Candidate]:
    """Confirmed registrations of published events that ended within `window` before `now` and
    were not asked for feedback yet (range on `events(status, ends_at)`)."""
    a, e = attendees.c, events.c
    statement = (
        select(a.registration_id, a.event_id, e.ends_at, a.seq)
        .select_from(events.join(attendees, a.event_id == e.id))
        .where(e.status == EventStatus.PUBLISHED, e.ends_at <= now, e.ends_at > now - window,
               a.status == RegistrationStatus.CONFIRMED,
               _unmarked("stopped_at"), _unmarked("feedback_requested_at")))
    statement = _page(statement, e.ends_at, after, limit)
    return [Candidate(*row) for row in conn.execute(statement)]


__all__ = ["Candidate", "ReminderSchedule", "due_feedback", "due_reminders"]
