"""The Series aggregate: a recurrence rule and the community events it produced.

Each occurrence is a full `CommunityEvent` (own capacity, registrations, cancel); the series only
remembers the rule and the occurrences' ids in order, so "this and all later events" can be
found. It is saved in the same commit as its occurrences: a series is never half-created.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from eventsourcing.domain import Aggregate

from command_api.domain.community_event import CommunityEvent
from command_api.domain.errors import NotInSeries
from command_api.domain.recurrence import Recurrence, expand


class Series(Aggregate):
    """A recurring event: its rule, its organizer and its occurrences (oldest first)."""

    class Started(Aggregate.Created):
        actor: str
        organizer_id: str
        timezone: str
        recurrence: dict[str, Any]
        occurrence_ids: list[str]

    def __init__(self, actor: str, organizer_id: str, timezone: str,
                 recurrence: dict[str, Any], occurrence_ids: list[str]) -> None:
        self.organizer_id = organizer_id
        self.timezone = timezone
        self.recurrence = recurrence
        self.occurrence_ids = occurrence_ids

    @classmethod
    def start(cls, recurrence: Recurrence, *, actor: str, organizer_id: str, now: datetime,
              publish: bool, **details: Any) -> tuple[Series, list[CommunityEvent]]:
        """The series and its occurrences, each scheduled (and published) like a single event."""
        zone = ZoneInfo(details["timezone"])
        starts: list[datetime] = expand(recurrence, details["starts_at"], zone)
        duration: timedelta = details["ends_at"] - details["starts_at"]
        series_id = uuid4()
        occurrences = []
        for starts_at in starts:
            event = CommunityEvent.schedule(
                actor=actor, now=now, organizer_id=organizer_id, series_id=series_id,
                **{**details, "starts_at": starts_at, "ends_at": starts_at + duration})
            if publish:
                event.publish(actor=actor, now=now)
            occurrences.append(event)
        series = cls._create(cls.Started, id=series_id, timestamp=now, actor=actor,
                             organizer_id=organizer_id, timezone=details["timezone"],
                             recurrence=recurrence.as_dict(),
                             occurrence_ids=[e.id.hex for e in occurrences])
        return series, occurrences

    def from_onwards(self, event_id: UUID) -> list[UUID]:
        """The occurrence `event_id` and every later one, in order."""
        ids = [UUID(i) for i in self.occurrence_ids]
        if event_id not in ids:
            raise NotInSeries(f"Event {event_id} is not an occurrence of this series.",
                              field="from")
        return ids[ids.index(event_id):]

    class Revised(Aggregate.Event):
        """Occurrences from one onwards were edited together (the fields, not their values:
        each occurrence's own history has those)."""

        actor: str
        from_event_id: str
        event_ids: list[str]
        fields: list[str]

    def revise(self, from_event_id: UUID, event_ids: list[UUID], fields: list[str], *,
               actor: str, now: datetime) -> None:
        self.trigger_event(self.Revised, from_event_id=from_event_id.hex,
                           event_ids=[i.hex for i in event_ids], fields=sorted(fields),
                           actor=actor, timestamp=now)
