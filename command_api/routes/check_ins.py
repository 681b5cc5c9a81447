"""The door: check attendees in by ticket code (scanned or typed) or from the attendee list,
merge an offline scanner's scans, and undo a mistaken check-in (docs/check-in.md)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Body, Response

from command_api.deps import WriteModelDep
from command_api.domain.errors import TicketNotFound
from command_api.routes.common import COMMAND_ERRORS, PROBLEM, positioned
from command_api.schemas import Positioned, ScanIn, ScanOut
from command_api.ticket_index import TicketIndex
from kernel.deps import ContainerDep, DoorKeeper

router = APIRouter(prefix="/api/events/{event_id}", tags=["check-in"], responses={
    **COMMAND_ERRORS,
    404: {"description": "Unknown event or registration (`not_found`), or a code that is no "
                         "ticket of this event (`ticket_not_found`)", "content": PROBLEM},
    409: {"description": "Not a confirmed registration (`not_confirmed`), nothing to undo "
                         "(`not_checked_in`), or the registration was cancelled "
                         "(`registration_not_active`)", "content": PROBLEM},
    422: {"description": "Invalid input (`validation_error`), or an offline scan's time in the "
                         "future or over 7 days old (`checked_in_at_out_of_range`)",
          "content": PROBLEM}})


def _tickets(app: WriteModelDep, container: ContainerDep) -> TicketIndex:
    # One index per write model: it remembers each event's codes between scans.
    index: TicketIndex | None = getattr(app, "ticket_index", None)
    if index is None or index.secret != container.link_secret:
        index = app.ticket_index = TicketIndex(app, container.link_secret)  # type: ignore[attr-defined]
    return index


@router.post("/check-ins", response_model=ScanOut, summary="Check in a ticket")
def check_in_ticket(event_id: UUID, body: Annotated[ScanIn, Body()], principal: DoorKeeper,
                    app: WriteModelDep, container: ContainerDep, response: Response) -> ScanOut:
    """Checks an attendee in by `ticket_code` (as scanned or typed) or `registration_id`. A
    second scan is answered `already_checked_in: true` with the first scan's time and counted
    once; an offline scanner sends `checked_in_at`, and the earliest scan of a ticket wins."""
    registration_id = body.registration_id
    if registration_id is None:
        registration_id = _tickets(app, container).registration_of(event_id, body.ticket_code or "")
        if registration_id is None:
            raise TicketNotFound("This code is not a ticket for this event.", field="ticket_code")
    scan = app.scan(event_id, registration_id, principal=principal, scanned_at=body.checked_in_at)
    return positioned(response, ScanOut(
        registration_id=scan.registration_id, checked_in_at=scan.checked_in_at,
        already_checked_in=scan.already_checked_in, position=scan.position or 0))


@router.delete("/registrations/{registration_id}/check-in", response_model=Positioned,
               summary="Undo a check-in")
def undo_check_in(event_id: UUID, registration_id: UUID, principal: DoorKeeper,
                  app: WriteModelDep, response: Response) -> Positioned:
    """Takes back a mistaken check-in; the attendee stays confirmed and can be scanned again."""
    position = app.undo_check_in(event_id, registration_id, principal=principal)
    return positioned(response, Positioned(position=position))
