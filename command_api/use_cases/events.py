"""Use cases of events: schedule (and publish), edit, publish, cancel, delete."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from command_api.domain.community_event import CommunityEvent
from command_api.write_model import WriteModel, retry_on_conflict
from kernel.authz import Action, Principal, require, resource_of


class EventUseCases(WriteModel):
    """Mixed into `EventConnect`; each method returns the position its events reached."""

    def create_event(self, *, actor: str, publish: bool, **details: Any) -> tuple[UUID, int]:
        # Nothing is loaded, so the route's role check (`kernel.deps.EventCreator`) is the
        # whole decision: there is no owner to ask about yet.
        now = self.clock()
        event = CommunityEvent.schedule(actor=actor, now=now, **details)
        if publish:
            event.publish(actor=actor, now=now)
        return event.id, self.commit(event)

    def _load_managed(self, event_id: UUID, principal: Principal) -> CommunityEvent:
        event = self.load_event(event_id)
        require(principal, Action.MANAGE_EVENT, resource_of(event))
        return event

    @retry_on_conflict
    def edit_event(self, event_id: UUID, *, principal: Principal, capacity: int | None = None,
                   **changes: Any) -> int:
        now = self.clock()
        event = self._load_managed(event_id, principal)
        event.edit(actor=principal.actor, now=now, **changes)
        if capacity is not None:
            event.change_capacity(capacity, actor=principal.actor, now=now)
        return self.commit(event)

    @retry_on_conflict
    def publish_event(self, event_id: UUID, *, principal: Principal) -> int:
        event = self._load_managed(event_id, principal)
        event.publish(actor=principal.actor, now=self.clock())
        return self.commit(event)

    @retry_on_conflict
    def cancel_event(self, event_id: UUID, *, reason: str, principal: Principal) -> int:
        event = self._load_managed(event_id, principal)
        event.cancel(reason=reason, actor=principal.actor, now=self.clock())
        return self.commit(event)

    @retry_on_conflict
    def delete_event(self, event_id: UUID, *, principal: Principal) -> int:
        event = self._load_managed(event_id, principal)
        event.delete(actor=principal.actor, now=self.clock())
        return self.commit(event)
