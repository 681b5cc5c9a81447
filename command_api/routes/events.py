"""Write-side routes for events: thin adapters from HTTP to the application's use cases.

Organizers create events and manage their own; admins manage all. The role is checked by the
dependency before anything loads; ownership by the use case, on the aggregate it loaded.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Response, status

from command_api.deps import WriteModelDep
from command_api.routes.common import COMMAND_ERRORS, positioned
from command_api.schemas import CancelEventIn, EventChanged, EventCreated, EventIn, EventPatch
from kernel.deps import EventCreator, EventManager

router = APIRouter(prefix="/api/events", tags=["events (commands)"], responses=COMMAND_ERRORS)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=EventCreated)
def create_event(body: EventIn, organizer: EventCreator, app: WriteModelDep,
                 response: Response) -> EventCreated:
    """Create an event you organize (published at once unless `publish` is false)."""
    details = body.model_dump(exclude={"publish", "organizer_name"}, mode="python")
    details["location"] = body.location.model_dump(mode="json", exclude_none=True)
    # The organizer is the caller; their name comes from their account, not the request.
    event_id, position = app.create_event(
        actor=organizer.actor, publish=body.publish, organizer_id=organizer.actor,
        organizer_name=organizer.name or "Organizer", **details)
    response.headers["Location"] = f"/api/events/{event_id}"
    return positioned(response, EventCreated(id=event_id, position=position))


@router.patch("/{event_id}", response_model=EventChanged)
def edit_event(event_id: UUID, body: EventPatch, principal: EventManager, app: WriteModelDep,
               response: Response) -> EventChanged:
    """Change some of an event's details; raising capacity promotes from the waitlist."""
    changes = body.model_dump(exclude_unset=True, exclude_none=True, mode="python",
                              exclude={"organizer_name"})
    if body.location is not None:
        changes["location"] = body.location.model_dump(mode="json", exclude_none=True)
    position = app.edit_event(event_id, principal=principal, **changes)
    return positioned(response, EventChanged(id=event_id, position=position))


@router.post("/{event_id}/publish", response_model=EventChanged)
def publish_event(event_id: UUID, principal: EventManager, app: WriteModelDep,
                  response: Response) -> EventChanged:
    """Publish a draft so people can find it and register."""
    position = app.publish_event(event_id, principal=principal)
    return positioned(response, EventChanged(id=event_id, position=position))


@router.post("/{event_id}/cancel", response_model=EventChanged)
def cancel_event(event_id: UUID, principal: EventManager, app: WriteModelDep, response: Response,
                 body: Annotated[CancelEventIn | None, Body()] = None) -> EventChanged:
    """Cancel an event; registrations close and the reason is kept in its history."""
    reason = body.reason if body else ""
    position = app.cancel_event(event_id, reason=reason, principal=principal)
    return positioned(response, EventChanged(id=event_id, position=position))


@router.delete("/{event_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_event(event_id: UUID, principal: EventManager, app: WriteModelDep) -> Response:
    """Delete an event: gone from listings, kept in history."""
    position = app.delete_event(event_id, principal=principal)
    return Response(status_code=204, headers={"X-Position": str(position)})
