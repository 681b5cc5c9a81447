"""The way out for an event a read model cannot apply: recorded failures and operator skips.

A failing read model stops right before the one event it cannot apply (projections/runner.py)
and records it here, in a transaction of its own: projections may run in another process
(`eventconnect serve`'s child, `eventconnect project`), and the API's `/api/ready` and
`eventconnect projections` must see it. An operator who decides the event cannot be projected
records a skip (`eventconnect skip`): that read model then passes over that position, live and in
rebuilds, and the skip says who, why and when.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, select, update

from projections.dialects import dialect_of
from projections.tables import projection_failures, projection_skips, tracking

MAX_ERROR_CHARS = 500


def describe(error: BaseException) -> str:
    """The error's type and first line, without the SQL and its parameters SQLAlchemy appends:
    those hold the rows' values (guests' names and e-mails), and this text is shown publicly
    by /api/ready. The full traceback goes to the log, once."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    text = f"{type(error).__name__}: {first}" if first else type(error).__name__
    return text.replace("\x00", "\\x00")[:MAX_ERROR_CHARS]


@dataclass(frozen=True)
class Failure:
    name: str
    position: int
    event_type: str
    error: str
    first_seen: datetime
    last_seen: datetime
    attempts: int


def record_failure(engine: Engine, name: str, position: int, event_type: str, error: str,
                   now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> Failure:
    """Records (or counts one more attempt at) `name` failing on the event at `position`."""
    at = now()
    with engine.begin() as conn:
        row = conn.execute(select(projection_failures)
                           .where(projection_failures.c.name == name)).mappings().first()
        if row is not None and row["position"] == position:
            values = {"event_type": event_type, "error": error, "last_seen": at,
                      "attempts": row["attempts"] + 1}
            conn.execute(update(projection_failures)
                         .where(projection_failures.c.name == name).values(**values))
            return Failure(**{**dict(row), **values})
        values = {"name": name, "position": position, "event_type": event_type, "error": error,
                  "first_seen": at, "last_seen": at, "attempts": 1}
        insert = dialect_of(conn).insert
        conn.execute(insert(projection_failures).values(**values).on_conflict_do_update(
            index_elements=["name"], set_={k: v for k, v in values.items() if k != "name"}))
        return Failure(**values)


def clear_failure(engine: Engine, name: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(projection_failures).where(projection_failures.c.name == name))


def failures(conn: Connection) -> dict[str, Failure]:
    return {row["name"]: Failure(**dict(row))
            for row in conn.execute(select(projection_failures)).mappings()}


def skipped_positions(conn: Connection) -> dict[str, frozenset[int]]:
    """Read model name -> the positions it passes over."""
    found: dict[str, set[int]] = {}
    for name, position in conn.execute(select(projection_skips.c.name, projection_skips.c.position)):
        found.setdefault(name, set()).add(position)
    return {name: frozenset(positions) for name, positions in found.items()}


def skips(conn: Connection) -> list[dict[str, Any]]:
    return [dict(row) for row in conn.execute(
        select(projection_skips).order_by(projection_skips.c.name, projection_skips.c.position))
        .mappings()]


def add_skip(engine: Engine, name: str, position: int, event_type: str, *, reason: str,
             skipped_by: str, now: datetime | None = None) -> dict[str, Any]:
    """Records that `name` passes over the event at `position`; idempotent (the first record
    stands). The failure recorded there, if any, goes with it into the skip."""
    with engine.begin() as conn:
        recorded = failures(conn).get(name)
        error = recorded.error if recorded and recorded.position == position else None
        values = {"name": name, "position": position, "event_type": event_type,
                  "error": error, "reason": reason, "skipped_by": skipped_by,
                  "skipped_at": now or datetime.now(UTC)}
        insert = dialect_of(conn).insert
        conn.execute(insert(projection_skips).values(**values)
                     .on_conflict_do_nothing(index_elements=["name", "position"]))
        return values


def status(conn: Connection, names: list[str], head: int) -> list[dict[str, Any]]:
    """Each read model's position, lag (events behind the store's head), failure and skips."""
    positions: Mapping[str, int] = dict(conn.execute(
        select(tracking.c.name, tracking.c.position)).all())
    failing = failures(conn)
    skipped = skipped_positions(conn)
    report = []
    for name in names:
        position = positions.get(name, 0)
        failure = failing.get(name)
        report.append({
            "name": name, "position": position, "lag": max(head - position, 0),
            "failing": failure is not None,
            "failure": None if failure is None else {
                "position": failure.position, "event_type": failure.event_type,
                "error": failure.error, "first_seen": failure.first_seen.isoformat(),
                "last_seen": failure.last_seen.isoformat(), "attempts": failure.attempts},
            "skipped_positions": sorted(skipped.get(name, ())),
        })
    return report


class FailureLog:
    """A runner's view of its failing read models: logs each failure once (and its recovery),
    keeps the durable record in step, masks skipped events, and spaces out retries."""

    def __init__(self, engine: Engine, log: Any, max_backoff: float) -> None:
        self.engine = engine
        self.log = log
        self.max_backoff = max_backoff
        self.failing: dict[str, int] | None = None  # name -> failing position; None: not read yet
        self.skipped: dict[str, frozenset[int]] = {}
        self._attempts: dict[str, int] = {}
        self._retry_at: dict[str, float] = {}

    def refresh(self, names: list[str], conn: Connection | None = None, *,
                force: bool = False) -> None:
        """Re-reads the records when they may have changed: at start, and while one of `names`
        is failing (an operator may just have skipped its event). Healthy catch-ups read nothing."""
        if not force and self.failing is not None and not any(n in self.failing for n in names):
            return
        if conn is None:
            try:
                with self.engine.connect() as own:
                    return self.refresh(names, own, force=True)
            except Exception as error:
                # Not migrated yet (0006), or the database is down: project without the records
                # rather than not at all; the catch-up itself reports an outage.
                if self.failing is None:
                    self.log.warning("cannot read the projection failure records (%s); run "
                                     "`eventconnect migrate`", describe(error))
                    self.failing = {}
                return None
        self.failing = {name: f.position for name, f in failures(conn).items()}
        self.skipped = skipped_positions(conn)
        return None

    def mask(self, name: str, items: list[Any]) -> list[Any]:
        """The batch as `name` sees it: a skipped event becomes an undecoded one (its position
        still moves the tracking row past it)."""
        skipped = self.skipped.get(name)
        if not skipped:
            return items
        return [(position, None) if position in skipped else (position, event)
                for position, event in items]

    def failed(self, name: str, item: Any, error: BaseException) -> str:
        position, event = item
        event_type = "unknown" if event is None else f"{type(event).__module__}.{type(event).__qualname__}"
        text = describe(error)
        known = self.failing or {}
        if known.get(name) != position:
            self.log.error("read model %s cannot apply the event at position %s (%s) and stops "
                           "before it: %s. Fix the projection and restart, or pass over the event: "
                           "eventconnect skip %s %s --reason '...'", name, position, event_type,
                           text, name, position, exc_info=error)
        try:
            record_failure(self.engine, name, position, event_type, text)
        except Exception as record_error:  # the database itself may be what fails
            self.log.debug("could not record the failure of %s: %s", name, record_error)
        if self.failing is not None:
            self.failing[name] = position
        return text

    def succeeded(self, name: str, position: int) -> None:
        if self.failing and name in self.failing:
            try:
                clear_failure(self.engine, name)
            except Exception as error:
                self.log.debug("could not clear the failure of %s: %s", name, error)
                return
            del self.failing[name]
            self.log.info("read model %s recovered; it is at position %s", name, position)

    # Back-off, for the background loops: an explicit catch-up always retries.
    def due(self, names: list[str], now: float) -> list[str]:
        return [n for n in names if self._retry_at.get(n, 0.0) <= now]

    def schedule(self, names: list[str], errors: Mapping[str, str], now: float) -> None:
        for name in names:
            if name in errors:
                self._attempts[name] = self._attempts.get(name, 0) + 1
                self._retry_at[name] = now + min(self.max_backoff, 0.5 * 2 ** self._attempts[name])
            else:
                self._attempts.pop(name, None)
                self._retry_at.pop(name, None)
