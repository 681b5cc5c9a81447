"""The overview's data in memory, as columns: its sums, tables, top events and distinct people
over any filter in a few milliseconds, on either database.

In SQL the overview cost 50-90 ms for all events and 370 ms for one year on SQLite with 20,000
events and 1,000,000 domain events (the dashboard's target is 50 ms): the distinct people of the
matching events mean grouping ~400,000 attendance rows by person, and the planners pick an index
walk with a random read per row for the wide filters. Here every event is one position in numpy
arrays (codes for its category, country, organizer and month; its counts), every attendance row
two small integers (its person's and its event's number), and a filter is a boolean mask:
sums are `bincount`s with weights, distinct people a `bincount` over the masked rows.

The copy follows the analytics read model by store position: each use reads the read model's
position and, when it moved, the `analytics_events` rows whose `last_position` and the
`analytics_attendance` rows whose `position` are past what it holds (attendance only ever gains
rows). It starts over when the position went back (a database restored from a backup). A
rebuild writes the same rows with the same positions (rebuild equals live,
tests/integration/test_analytics_projection.py), so it needs nothing. One copy per read-model
engine, shared by the API's threads under a lock; 30 MB with 110,000 people and 159,000
attendance rows (the people's keys are most of it).
"""

from __future__ import annotations

import logging
import threading
from array import array
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID
from weakref import WeakKeyDictionary

import numpy as np
from sqlalchemy import Connection, Engine, String, select, type_coerce

from command_api.domain.vocabulary import LISTED_STATUSES
from projections.tables import analytics_attendance, analytics_events, tracking

log = logging.getLogger(__name__)

READ_MODEL = "analytics"
EVENTS, ATTENDANCE = analytics_events.c, analytics_attendance.c
SUMMED = ("registrations", "cancellations", "confirmed", "checked_in", "rating_sum",
          "rating_count")
LABELLED = ("category", "country", "organizer_id", "start_month")
_LISTED = {str(s) for s in LISTED_STATUSES}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)
_EVENT_COLUMNS = (type_coerce(EVENTS.event_id, String).label("key"), EVENTS.title,
                  EVENTS.starts_at, EVENTS.status, EVENTS.last_position,
                  *(EVENTS[n] for n in LABELLED), *(EVENTS[n] for n in SUMMED))


def microseconds(instant: datetime) -> int:
    return (instant - _EPOCH) // _MICROSECOND


class Labels:
    """Dense codes of one text column's values (a category, a month ...), in first-seen order."""

    def __init__(self) -> None:
        self.code: dict[str, int] = {}
        self.names: list[str] = []

    def of(self, value: str) -> int:
        code = self.code.get(value)
        if code is None:
            code = self.code[value] = len(self.names)
            self.names.append(value)
        return code


class Column:
    """A growable numpy column."""

    def __init__(self, dtype: Any) -> None:
        self.values = np.zeros(1024, dtype=dtype)

    def put(self, at: int, value: Any) -> None:
        if at >= len(self.values):
            grown = np.zeros(max(at + 1, 2 * len(self.values)), dtype=self.values.dtype)
            grown[: len(self.values)] = self.values
            self.values = grown
        self.values[at] = value


class Frame:
    """What the overview reads, held by a `Copy` and used under its lock."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}  # event key -> its position in the columns
        self.ids: list[UUID] = []
        self.titles: list[str] = []
        self.labels = {name: Labels() for name in LABELLED}
        self.columns = {name: Column(np.int64) for name in (*LABELLED, *SUMMED, "starts_at")}
        self.columns["listed"] = Column(np.bool_)
        self.people: dict[str, int] = {}
        self.person_of_row = array("i")
        self.event_of_row = array("i")

    def __len__(self) -> int:
        return len(self.ids)

    def column(self, name: str) -> np.ndarray:
        return self.columns[name].values[: len(self)]

    def event(self, key: str) -> int:
        at = self.number.get(key)
        if at is None:
            at = self.number[key] = len(self.ids)
            self.ids.append(UUID(key))
            self.titles.append("")
        return at

    def put_event(self, row: Any) -> None:
        at = self.event(event_key(row.key))
        self.titles[at] = row.title
        columns = self.columns
        columns["starts_at"].put(at, microseconds(row.starts_at))
        columns["listed"].put(at, row.status in _LISTED)
        for name in LABELLED:
            columns[name].put(at, self.labels[name].of(getattr(row, name)))
        for name in SUMMED:
            columns[name].put(at, getattr(row, name))

    def put_attendance(self, person: str, key: str) -> None:
        number = self.people.get(person)
        if number is None:
            number = self.people[person] = len(self.people)
        self.person_of_row.append(number)
        self.event_of_row.append(self.event(key))

    def people_of(self, mask: np.ndarray) -> tuple[int, int]:
        """(unique, repeat) people accepted for the masked events (repeat: for two or more)."""
        if not self.person_of_row:
            return 0, 0
        event_of_row = np.frombuffer(self.event_of_row, dtype=np.int32)
        person_of_row = np.frombuffer(self.person_of_row, dtype=np.int32)
        # Events known only from attendance (not in the events table yet) are never chosen.
        chosen = np.zeros(len(self), dtype=bool)
        chosen[: len(mask)] = mask
        times = np.bincount(person_of_row[chosen[event_of_row]], minlength=len(self.people))
        return int(np.count_nonzero(times)), int(np.count_nonzero(times >= 2))


class Copy:
    """The analytics read model's overview data in memory, brought up to date on each use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._start_over()

    def _start_over(self) -> None:
        self.frame = Frame()
        self.read_model_position = -1
        self.events_position = -1  # the highest last_position read
        self.attendance_position = -1  # the highest attendance position read

    def use(self, conn: Connection, reader: Callable[[Frame], Any]) -> Any:
        """`reader(frame)` on a frame as new as the read model's position now."""
        with self._lock:
            self._catch_up(conn)
            return reader(self.frame)

    def _catch_up(self, conn: Connection) -> None:
        reached = conn.scalar(select(tracking.c.position).where(tracking.c.name == READ_MODEL))
        reached = int(reached or 0)
        if reached < self.read_model_position:
            self._start_over()
        if reached == self.read_model_position:
            return
        frame = self.frame
        # Rows committed later carry higher positions than any read here (one writer at a time
        # per read model, its batches committed in position order), so "after the highest
        # position read" misses nothing.
        for row in conn.execute(select(*_EVENT_COLUMNS)
                                .where(EVENTS.last_position > self.events_position)):
            frame.put_event(row)
            self.events_position = max(self.events_position, row.last_position)
        for person, key, position in conn.execute(
                select(ATTENDANCE.person, type_coerce(ATTENDANCE.event_id, String),
                       ATTENDANCE.position)
                .where(ATTENDANCE.position > self.attendance_position)):
            frame.put_attendance(person, event_key(key))
            self.attendance_position = max(self.attendance_position, position)
        self.read_model_position = reached


def event_key(value: Any) -> str:
    """An event id as the frame keys it, whatever form the database reads it back in."""
    return str(value).replace("-", "")


_copies: WeakKeyDictionary[Engine, Copy] = WeakKeyDictionary()
_copies_lock = threading.Lock()


def analytics_copy(engine: Engine) -> Copy:
    with _copies_lock:
        found = _copies.get(engine)
        if found is None:
            found = _copies[engine] = Copy()
        return found


def warm(engine: Engine) -> None:
    """Loads the copy ahead of the first dashboard request (`serve` calls it in a thread at
    start: with 1,000,000 domain events behind it the first load takes a second or two)."""
    try:
        with engine.connect() as conn:
            analytics_copy(engine).use(conn, len)
    except Exception:  # the first request loads it instead, or answers why it cannot
        log.warning("could not load the analytics overview's copy ahead of time", exc_info=True)
