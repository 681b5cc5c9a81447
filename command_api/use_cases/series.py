"""Use cases of recurring series: create one (all occurrences in one commit), and edit an
occurrence with every later one."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from eventsourcing.application import AggregateNotFoundError

from command_api.domain.community_event import CommunityEvent
from command_api.domain.errors import NotFound
from command_api.domain.recurrence import Recurrence, local_of, shift_local
from command_api.domain.series import Series
from command_api.domain.vocabulary import EventStatus
from command_api.write_model import WriteModel, retry_on_conflict
from kernel.authz import Action, Principal, Resource, require


class SeriesUseCases(WriteModel):
    """Mixed into `EventConnect`; each method returns the ids it touched and the position."""

    def create_series(self, recurrence: Recurrence, *, actor: str, publish: bool,
                      **details: Any) -> tuple[UUID, list[UUID], int]:
        # As `create_event`: the route's role check is the whole decision (no owner yet).
        series, occurrences = Series.start(recurrence, actor=actor, now=self.clock(),
                                           publish=publish, **details)
        # ONE save: the occurrences and the series are recorded together or not at all.
        position = self.commit(series, *occurrences)
        return series.id, [e.id for e in occurrences], position

    def load_series(self, series_id: UUID) -> Series:
        try:
            series: Any = self.repository.get(series_id)
        except AggregateNotFoundError:
            raise NotFound(f"No series {series_id}.") from None
        if not isinstance(series, Series):
            raise NotFound(f"No series {series_id}.")
        return series

    @retry_on_conflict
    def edit_series(self, series_id: UUID, from_event_id: UUID, *, principal: Principal,
                    capacity: int | None = None, **changes: Any) -> tuple[list[UUID], int]:
        """Applies `changes` to the occurrence `from_event_id` and every later one that is
        neither cancelled nor deleted. A new start or end moves each of them by the same change
        of local wall-clock time (so they stay at the new local time across DST)."""
        now = self.clock()
        series = self.load_series(series_id)
        require(principal, Action.MANAGE_EVENT, Resource(organizer_id=series.organizer_id))
        first, *later = [self.load_event(i) for i in series.from_onwards(from_event_id)]
        later = [e for e in later if e.status not in (EventStatus.CANCELLED, EventStatus.DELETED)]
        first.check_not_deleted()
        shifts = _wall_clock_shifts(first, changes)
        edited = []
        for event in [first, *later]:
            own = dict(changes)
            old_zone = ZoneInfo(event.timezone)
            new_zone = ZoneInfo(changes.get("timezone", event.timezone))
            for name, delta in shifts.items():
                own[name] = shift_local(getattr(event, name), old_zone, new_zone, delta)
            event.edit(actor=principal.actor, now=now, **own)
            if capacity is not None:
                event.change_capacity(capacity, actor=principal.actor, now=now)
            edited.append(event)
        ids = [e.id for e in edited]
        fields = [*changes, *(["capacity"] if capacity is not None else [])]
        series.revise(from_event_id, ids, fields, actor=principal.actor, now=now)
        return ids, self.commit(series, *edited)


def _wall_clock_shifts(first: CommunityEvent, changes: dict[str, Any]) -> dict[str, timedelta]:
    """How far the first occurrence's start and end move on the local wall clock."""
    old_zone = ZoneInfo(first.timezone)
    new_zone = ZoneInfo(changes.get("timezone", first.timezone))
    return {name: local_of(changes[name], new_zone) - local_of(getattr(first, name), old_zone)
            for name in ("starts_at", "ends_at") if name in changes}
