"""Write-side routes for registrations: register (as a member or a guest), cancel, check in."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Query, Response, status

from command_api.application import Applicant
from command_api.deps import RegistrationsDep, WriteModelDep
from command_api.routes.common import COMMAND_ERRORS, positioned
from command_api.schemas import CancellationOut, CheckInOut, RegistrationIn, RegistrationOut
from kernel.deps import DoorKeeper, OptionalPrincipal, Registrant
from kernel.problems import Problem

router = APIRouter(prefix="/api/events/{event_id}/registrations", tags=["registrations"],
                   responses=COMMAND_ERRORS)


def _invalid(errors: list[dict[str, object]], detail: str) -> Problem:
    return Problem(422, "validation_error", detail, errors=errors)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RegistrationOut)
async def register(event_id: UUID, principal: Registrant, queue: RegistrationsDep,
                   response: Response,
             body: Annotated[RegistrationIn | None, Body()] = None) -> RegistrationOut:
    """Register for an event: a seat if one is free, else a place on the waitlist.

    With a bearer token you register as yourself (send `{}`); without one, as a guest with a
    name and an email (you get a `cancel_token`)."""
    body = body or RegistrationIn()
    if principal.is_anonymous:
        missing = [f for f in ("name", "email") if getattr(body, f) is None]
        if missing:
            raise _invalid([{"loc": ["body", f], "msg": "Field required"} for f in missing],
                           "A guest registers with a name and an email.")
        name, email, member_id = str(body.name), str(body.email), None
    else:
        given = [f for f in ("name", "email") if getattr(body, f) is not None]
        if given:
            raise _invalid([{"loc": ["body", f], "msg": "Signed in: you register as yourself"}
                            for f in given],
                           "Signed-in members register as themselves; send {} (or sign out to "
                           "register someone else as a guest).")
        name, email, member_id = principal.name or "", principal.email or "", principal.id
    # Queued for the next group commit (docs/decisions/0003); awaited, not run in a thread.
    admission = await queue.register(Applicant(event_id, name, email, principal.actor, member_id))
    return positioned(response, RegistrationOut(
        registration_id=admission.registration_id, status=admission.status,
        waitlist_position=admission.waitlist_position, cancel_token=admission.cancel_token,
        position=admission.position))


@router.delete("/{registration_id}", response_model=CancellationOut)
def cancel_registration(
    event_id: UUID, registration_id: UUID, principal: OptionalPrincipal, app: WriteModelDep,
    response: Response,
    token: Annotated[str | None, Query(max_length=200, description="The guest's cancel_token")] = None,
) -> CancellationOut:
    """Cancel a registration (yours, or any of an event you organize); a freed seat goes to
    the first person on the waitlist. Guests pass their `cancel_token`."""
    release = app.cancel_registration(event_id, registration_id, principal=principal,
                                      token=token)
    return positioned(response, CancellationOut(
        registration_id=release.registration_id,
        promoted_registration_id=release.promoted_registration_id, position=release.position))


@router.post("/{registration_id}/check-in", response_model=CheckInOut)
def check_in(event_id: UUID, registration_id: UUID, principal: DoorKeeper, app: WriteModelDep,
             response: Response) -> CheckInOut:
    """Check a confirmed attendee in at the door (the event's organizer or an admin)."""
    checked_in_at, position = app.check_in(event_id, registration_id, principal=principal)
    return positioned(response, CheckInOut(registration_id=registration_id,
                                           checked_in_at=checked_in_at, position=position))
