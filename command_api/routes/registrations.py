"""Write-side routes for registrations: register (as a member or a guest), cancel, check in."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Header, Query, Response, status

from command_api.application import Applicant
from command_api.deps import RegistrationsDep, WriteModelDep
from command_api.routes.auth import rate_limited
from command_api.routes.common import COMMAND_ERRORS, PROBLEM, positioned
from command_api.schemas import CancellationOut, CheckInOut, RegistrationIn, RegistrationOut
from kernel.authz import system
from kernel.deps import (
    ClientAddress,
    ContainerDep,
    DoorKeeper,
    EmailLimitsDep,
    OptionalPrincipal,
    Registrant,
)
from kernel.links import opens_registration
from kernel.problems import Problem

router = APIRouter(prefix="/api/events/{event_id}/registrations", tags=["registrations"],
                   responses=COMMAND_ERRORS)


# The languages emails are written in; a guest's first supported one wins, else English.
EMAIL_LOCALES = ("en", "de")


def _invalid(errors: list[dict[str, object]], detail: str) -> Problem:
    return Problem(422, "validation_error", detail, errors=errors)


def guest_locale(accept_language: str | None) -> str:
    """The first language of `Accept-Language` emails are written in (by preference, q=0
    excluded); `en` when none is."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate((accept_language or "")[:500].split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        base = tag.strip().split("-")[0].lower()
        if base in EMAIL_LOCALES and quality > 0:
            ranked.append((-quality, index, base))
    return min(ranked)[2] if ranked else "en"


@router.post("", status_code=status.HTTP_201_CREATED, response_model=RegistrationOut,
             responses={429: {"description": "Too many guest registrations from this address "
                                             "(`rate_limited`; see Retry-After)",
                              "content": PROBLEM}})
async def register(event_id: UUID, principal: Registrant, queue: RegistrationsDep,
                   response: Response, limits: EmailLimitsDep, address: ClientAddress,
                   body: Annotated[RegistrationIn | None, Body()] = None,
                   accept_language: Annotated[str | None, Header(
                       include_in_schema=False)] = None) -> RegistrationOut:
    """Register for an event: a seat if one is free, else a place on the waitlist.

    With a bearer token you register as yourself (send `{}`); without one, as a guest with a
    name and an email (you get a `cancel_token`; emails come in your `Accept-Language`). A
    guest registration with the address of a verified member is that member's too."""
    body = body or RegistrationIn()
    locale = "en"
    if principal.is_anonymous:
        missing = [f for f in ("name", "email") if getattr(body, f) is None]
        if missing:
            raise _invalid([{"loc": ["body", f], "msg": "Field required", "type": "missing"}
                            for f in missing],
                           "A guest registers with a name and an email.")
        wait = limits.take(limits.guest_registrations, address)
        if wait is not None:
            raise rate_limited(wait)
        name, email, member_id = str(body.name), str(body.email), None
        locale = guest_locale(accept_language)
    else:
        given = [f for f in ("name", "email") if getattr(body, f) is not None]
        if given:
            raise _invalid([{"loc": ["body", f], "msg": "Signed in: you register as yourself",
                             "type": "signed_in_registers_self"}
                            for f in given],
                           "Signed-in members register as themselves; send {} (or sign out to "
                           "register someone else as a guest).")
        name, email, member_id = principal.name or "", principal.email or "", principal.id
    # Queued for the next group commit (docs/decisions/0003); awaited, not run in a thread.
    admission = await queue.register(Applicant(event_id, name, email, principal.actor, member_id,
                                               locale))
    return positioned(response, RegistrationOut(
        registration_id=admission.registration_id, status=admission.status,
        waitlist_position=admission.waitlist_position, cancel_token=admission.cancel_token,
        position=admission.position))


@router.delete("/{registration_id}", response_model=CancellationOut)
def cancel_registration(
    event_id: UUID, registration_id: UUID, principal: OptionalPrincipal, app: WriteModelDep,
    container: ContainerDep, response: Response,
    token: Annotated[str | None, Query(max_length=200, description="The guest's cancel_token, "
                                       "or the token of the link in their emails")] = None,
) -> CancellationOut:
    """Cancel a registration (yours, or any of an event you organize); a freed seat goes to
    the first person on the waitlist. Guests pass their `cancel_token` (or their email link's)."""
    if (token and principal.is_anonymous
            and opens_registration(container.link_secret, token, registration_id)):
        # The signed link of this registration's emails: its holder, recorded as the guest.
        principal = system("guest")
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
