"""Write-side routes for registrations: register, cancel, check in."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from command_api.routes.common import ANONYMOUS, COMMAND_ERRORS, GUEST, positioned
from command_api.schemas import CancellationOut, CheckInOut, GuestIn, RegistrationOut
from eventconnect.deps import WriteModelDep

router = APIRouter(prefix="/api/events/{event_id}/registrations", tags=["registrations"],
                   responses=COMMAND_ERRORS)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RegistrationOut)
def register(event_id: UUID, body: GuestIn, app: WriteModelDep,
             response: Response) -> RegistrationOut:
    """Register for an event: a seat if one is free, else a place on the waitlist."""
    admission = app.register(event_id, name=body.name, email=str(body.email), actor=GUEST)
    return positioned(response, RegistrationOut(
        registration_id=admission.registration_id, status=admission.status,  # type: ignore[arg-type]
        waitlist_position=admission.waitlist_position, cancel_token=admission.cancel_token,
        position=admission.position))


@router.delete("/{registration_id}", response_model=CancellationOut)
def cancel_registration(
    event_id: UUID, registration_id: UUID, app: WriteModelDep, response: Response,
    token: Annotated[str | None, Query(max_length=200, description="The guest's cancel_token")] = None,
) -> CancellationOut:
    """Cancel a registration; a freed seat goes to the first person on the waitlist."""
    release = app.cancel_registration(event_id, registration_id, actor=GUEST, token=token)
    return positioned(response, CancellationOut(
        registration_id=release.registration_id,
        promoted_registration_id=release.promoted_registration_id, position=release.position))


@router.post("/{registration_id}/check-in", response_model=CheckInOut)
def check_in(event_id: UUID, registration_id: UUID, app: WriteModelDep,
             response: Response) -> CheckInOut:
    """Check a confirmed attendee in at the door."""
    checked_in_at, position = app.check_in(event_id, registration_id, actor=ANONYMOUS)
    return positioned(response, CheckInOut(registration_id=registration_id,
                                           checked_in_at=checked_in_at, position=position))
