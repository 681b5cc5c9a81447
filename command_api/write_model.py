"""The write model's core: load aggregates, commit their events, tell the after-commit listeners,
retry on a version conflict. The use cases (`command_api.use_cases`) are written on it.

Every commit returns the store position its events reached, so the caller can read its own
writes (`X-Consistent-With`). Version conflicts — two requests deciding on the same aggregate
version — are retried here (`retry_on_conflict`) and nowhere else.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, ProcessRecorder

from command_api.domain.community_event import CommunityEvent
from command_api.domain.errors import NotFound
from command_api.domain.registration import Registration
from kernel.store_adapter import SnapshotAsSaved, save_tracked
from kernel.unavailable import TooMuchContention

Clock = Callable[[], datetime]
P = ParamSpec("P")
R = TypeVar("R")

MAX_ATTEMPTS = 64

log = logging.getLogger(__name__)


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


class WriteModel(SnapshotAsSaved, Application[UUID]):
    """Load, commit (with after-commit listeners), the clock. Snapshots are taken from the
    aggregates as saved (`kernel.store_adapter.SnapshotAsSaved`)."""

    def __init__(self, env: dict[str, str] | None = None, clock: Clock = utc_now) -> None:
        super().__init__(env=env)
        self.clock = clock
        # Called with the highest position after every commit (runner wake, projector pipe,
        # consistency waiter); see `_tell_listeners` for why they cannot fail a command.
        self.after_commit: list[Callable[[int], None]] = []

    def construct_recorder(self) -> ProcessRecorder:
        # A process recorder: the events table plus a tracking table, so a policy that follows
        # this log (the notifier) saves its new events and its position in ONE transaction.
        return self.factory.process_recorder()

    @property
    def process_recorder(self) -> ProcessRecorder:
        recorder = self.recorder
        assert isinstance(recorder, ProcessRecorder)
        return recorder

    def tracking_position(self, name: str) -> int:
        """How far the process `name` has read this log (0 before its first commit)."""
        return self.process_recorder.max_tracking_id(name) or 0

    def commit_tracked(self, name: str, position: int, *aggregates: Any) -> int:
        """Saves the aggregates' pending events with the tracking position of the process `name`
        in one transaction (exactly once: kernel.store_adapter.save_tracked); IntegrityError if
        another process got there first. Returns the highest position of the new events, or 0
        when only the tracking position moved (then nobody is told: nothing new to read)."""
        recordings = save_tracked(self, name, position, *aggregates)
        reached = max((r.notification.id for r in recordings), default=0)
        if reached:
            self._tell_listeners(reached)
        return reached

    def load(self, aggregate_id: UUID) -> Any:
        """The aggregate as stored (AggregateNotFoundError if it has no events)."""
        return self.repository.get(aggregate_id)

    def commit(self, *aggregates: Any) -> int:
        """Saves the aggregates' pending events in one transaction, tells the after-commit
        listeners, and returns the highest store position reached (0 if nothing was pending)."""
        return max(self.commit_positions(*aggregates).values(), default=0)

    def commit_positions(self, *aggregates: Any) -> dict[tuple[UUID, int], int]:
        """As `commit`, but returns each saved domain event's store position by (aggregate id,
        version), for a batch whose every answer carries its own position."""
        recordings = self.save(*aggregates)
        positions = {(r.domain_event.originator_id, r.domain_event.originator_version):
                     r.notification.id for r in recordings}
        self._tell_listeners(max(positions.values(), default=0))
        return positions

    def _tell_listeners(self, position: int) -> None:
        # The transaction is already committed: a listener that fails must not turn the
        # command's success into an error (the client would retry a change that stands), nor
        # keep the listeners after it from hearing of the commit.
        for listener in list(self.after_commit):
            try:
                listener(position)
            except Exception:
                log.exception("after-commit listener %r failed at position %d", listener, position)

    def load_event(self, event_id: UUID) -> CommunityEvent:
        try:
            event: Any = self.repository.get(event_id)
        except AggregateNotFoundError:
            raise NotFound(f"No event {event_id}.") from None
        if not isinstance(event, CommunityEvent):
            raise NotFound(f"No event {event_id}.")
        return event

    def load_registration(self, event: CommunityEvent, registration_id: UUID) -> Registration:
        try:
            registration: Any = self.repository.get(registration_id)
        except AggregateNotFoundError:
            raise NotFound(f"No registration {registration_id}.") from None
        if not isinstance(registration, Registration) or registration.event_id != event.id:
            raise NotFound(f"No registration {registration_id} for this event.")
        return registration
