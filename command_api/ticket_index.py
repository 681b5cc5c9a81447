"""Which registration a ticket code belongs to, for the check-in desk.

Ticket codes are derived, never stored (`kernel.tickets`), so the desk finds a code's registration
by recomputing the codes of the event's registrations. The registration ids come from the event's
own stream in the event store — never from a read model, which may lag behind a registration made
a second ago — and are read once per event: each lookup reads only the events recorded since the
last one (docs/decisions/0008).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from command_api.domain.community_event import CommunityEvent
from kernel.tickets import normalise_ticket_code, ticket_code

ADMISSIONS = (CommunityEvent.RegistrationConfirmed, CommunityEvent.RegistrantWaitlisted)
EVENTS_KEPT = 64  # events with a door open at the same time, per process


@dataclass
class _Codes:
    version: int = 0
    by_code: dict[str, UUID] = field(default_factory=dict)


class TicketIndex:
    """Code -> registration id per event, caught up from the store on each lookup."""

    def __init__(self, write_model: Any, secret: str) -> None:
        self.write_model = write_model
        self.secret = secret
        self._events: OrderedDict[UUID, _Codes] = OrderedDict()
        self._lock = threading.Lock()

    def registration_of(self, event_id: UUID, typed: str) -> UUID | None:
        code = normalise_ticket_code(typed)
        with self._lock:
            codes = self._events.pop(event_id, None) or _Codes()
            self._events[event_id] = codes  # most recently used last
            while len(self._events) > EVENTS_KEPT:
                self._events.popitem(last=False)
            self._catch_up(event_id, codes)
            return codes.by_code.get(code)

    def _catch_up(self, event_id: UUID, codes: _Codes) -> None:
        for event in self.write_model.repository.event_store.get(event_id, gt=codes.version):
            codes.version = event.originator_version
            if isinstance(event, ADMISSIONS):
                # A re-registration keeps its id (and so its code): setting it again is harmless.
                registration_id = UUID(event.registration_id)
                codes.by_code[ticket_code(self.secret, registration_id)] = registration_id
