"""A confirmed registration's ticket (its code and QR code) and the door's exports: the attendee
list and the waitlist as CSV (docs/check-in.md)."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from kernel.csv_export import csv_content, csv_response
from kernel.deps import (
    ContainerDep,
    EventAuditor,
    OptionalPrincipal,
    ReadEngineDep,
    optional_principal,
)
from kernel.problems import PROBLEM_CONTENT, Problem
from kernel.ticket_qr import qr_svg
from kernel.tickets import ticket_code
from query_api import attendance, listings
from query_api.deps import ZoneDep, wait_until_consistent
from query_api.registration_page import holds, registration_row
from query_api.routes import ERRORS, OWNER_ONLY, audited_event_zone
from query_api.schemas import AttendeeOut

router = APIRouter(prefix="/api/events/{event_id}", tags=["check-in"], responses=ERRORS,
                   dependencies=[Depends(optional_principal), Depends(wait_until_consistent)])

CSV_HEADER = ("name", "email", "status", "registered_at", "checked_in_at", "waitlist_position")
CSV_EXAMPLE = ("\ufeffname,email,status,registered_at,checked_in_at,waitlist_position\r\n"
               "Asha Rao,asha@example.org,confirmed,2030-04-02T11:00:00+05:30,,\r\n")
EXPORT_PAGE = 1000


class TicketOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "registration_id": "5f0f3d3e-2b1e-5e7e-9f57-0d1f7c2a4b10",
        "ticket_code": "K3QZ7XWB2M4TJ6PA", "qr_svg": "<svg xmlns=...>...</svg>"}]})

    registration_id: UUID
    ticket_code: str = Field(description="16 characters A-Z and 2-7; shown in groups of four")
    qr_svg: str = Field(description="The code as a QR code, an SVG document")


@router.get("/registrations/{registration_id}/ticket", response_model=TicketOut,
            summary="Ticket", responses={
                404: {"description": "Unknown registration, or not yours (`not_found`)",
                      "content": PROBLEM_CONTENT},
                409: {"description": "Not a confirmed registration (`not_confirmed`)",
                      "content": PROBLEM_CONTENT}})
def ticket(event_id: UUID, registration_id: UUID, principal: OptionalPrincipal,
           container: ContainerDep,
           token: Annotated[str | None, Query(max_length=200, description="A guest's "
                                              "`cancel_token`, or the token of their emails")] = None,
           ) -> TicketOut:
    """The ticket of a confirmed registration, for its holder, the organizer and admins."""
    with container.read_engine.connect() as conn:
        event = listings.find_event(conn, event_id)
        row = registration_row(conn, event_id, registration_id) if event else None
    if (event is None or row is None or event["status"] == EventStatus.DELETED
            or not holds(principal, token, row, event, container)):
        raise Problem(404, "not_found", f"No registration {registration_id} for this event.")
    if row["status"] != RegistrationStatus.CONFIRMED:
        raise Problem(409, "not_confirmed", "Only a confirmed registration has a ticket.")
    code = ticket_code(container.link_secret, registration_id)
    return TicketOut(registration_id=registration_id, ticket_code=code, qr_svg=qr_svg(code))


@router.get("/attendees.csv", response_class=Response, summary="Attendee list as CSV",
            responses={**OWNER_ONLY, **csv_content(CSV_EXAMPLE)})
def attendees_csv(event_id: UUID, principal: EventAuditor, engine: ReadEngineDep, zone: ZoneDep,
                  status: RegistrationStatus | None = None) -> Response:
    """Every registration (or those of one `status`: `waitlisted` is the waitlist in order),
    times in the event's zone; UTF-8 with a BOM, cells escaped against formula injection."""
    zone = audited_event_zone(engine, event_id, principal, zone)
    rows: list[AttendeeOut] = []
    with engine.connect() as conn:
        while True:  # page by page: a 5,000-person event is five short reads
            page, total = attendance.list_attendees(conn, event_id, status, offset=len(rows),
                                                    limit=EXPORT_PAGE)
            rows.extend(attendance.attendee_out(r, zone) for r in page)
            if not page or len(rows) >= total:
                break
    suffix = f"-{status}" if status else ""
    return csv_response(CSV_HEADER, ((a.name, a.email, a.status, a.registered_at,
                                      a.checked_in_at, a.waitlist_position) for a in rows),
                        filename=f"attendees-{event_id}{suffix}.csv", bom=True)
