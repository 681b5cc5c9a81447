"""One registration's page: what the guest's emailed link opens, and what its member, the
event's organizer and admins see.

Status, waitlist place and check-in come from the `attendees` read model. A guest proves the
registration is theirs with its cancel token, whose hash only the event store holds (it never
reaches a read model): the registration's own short stream is read, read-only, for it; or with
the signed link of its emails (`kernel.links.registration_token`). Anyone else gets the same 404
as for a registration that does not exist, so a guessed id reveals nothing.
"""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import Connection, and_, func, select

from command_api.domain.registration import Registration, hash_token
from command_api.domain.vocabulary import EventStatus, RegistrationStatus
from kernel.authz import Action, Principal, Resource, may
from kernel.deps import ContainerDep, OptionalPrincipal, optional_principal
from kernel.links import opens_registration
from kernel.problems import PROBLEM_CONTENT, Problem
from projections.tables import attendees
from query_api import listings
from query_api.deps import ZoneDep, wait_until_consistent
from query_api.event_store import read_stream
from query_api.routes import ERRORS
from query_api.schemas import EventOut

router = APIRouter(prefix="/api", tags=["queries"], responses=ERRORS,
                   dependencies=[Depends(optional_principal), Depends(wait_until_consistent)])


class RegistrationPageOut(BaseModel):
    """One registration as its holder sees it."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "registration_id": "5f0f3d3e-2b1e-5e7e-9f57-0d1f7c2a4b10", "name": "Asha Rao",
        "status": "waitlisted", "waitlist_position": 2, "checked_in_at": None}]})

    registration_id: UUID
    event: EventOut
    name: str
    status: RegistrationStatus
    waitlist_position: int | None
    checked_in_at: datetime | None


def registration_row(conn: Connection, event_id: UUID,
                      registration_id: UUID) -> dict[str, Any] | None:
    row = conn.execute(select(attendees).where(and_(
        attendees.c.registration_id == registration_id,
        attendees.c.event_id == event_id))).mappings().first()
    if row is None:
        return None
    found = dict(row)
    found["waitlist_position"] = None
    if found["status"] == RegistrationStatus.WAITLISTED:
        found["waitlist_position"] = conn.scalar(
            select(func.count()).select_from(attendees).where(and_(
                attendees.c.event_id == event_id,
                attendees.c.status == RegistrationStatus.WAITLISTED,
                attendees.c.waitlist_seq <= found["waitlist_seq"])))
    return found


def _token_hash(write_model: Any, registration_id: UUID) -> str | None:
    """The hash of the registration's current cancel token (a reopening hands out a new one)."""
    token_hash = None
    for recorded in read_stream(write_model, registration_id):
        if isinstance(recorded.event, Registration.Opened | Registration.Reopened):
            token_hash = recorded.event.cancel_token_hash
    return token_hash


def holds(principal: Principal, token: str | None, row: dict[str, Any], event: dict[str, Any],
           container: Any) -> bool:
    if may(principal, Action.AUDIT_EVENT, Resource(organizer_id=event["organizer_id"])):
        return True  # the organizer, admins
    if principal.id is not None and row["member_id"] == principal.id:
        return True
    if token is None:
        return False
    if opens_registration(container.link_secret, token, row["registration_id"]):
        return True
    token_hash = _token_hash(container.write_model, row["registration_id"])
    return token_hash is not None and hmac.compare_digest(hash_token(token), token_hash)


@router.get("/events/{event_id}/registrations/{registration_id}",
            response_model=RegistrationPageOut, summary="One registration",
            responses={404: {"description": "Unknown registration, or not yours "
                                            "(`not_found`)", "content": PROBLEM_CONTENT}})
def registration_page(
    event_id: UUID, registration_id: UUID, principal: OptionalPrincipal, container: ContainerDep,
    zone: ZoneDep,
    token: Annotated[str | None, Query(max_length=200, description="A guest's `cancel_token`, "
                                       "or the token of the link in their emails")] = None,
) -> RegistrationPageOut:
    """A registration's status, waitlist place and check-in, for the guest (with `token`), the
    member who holds it, the event's organizer and admins. Times in `tz` or the event's zone."""
    with container.read_engine.connect() as conn:
        event = listings.find_event(conn, event_id)
        row = registration_row(conn, event_id, registration_id) if event else None
    if (event is None or row is None or event["status"] == EventStatus.DELETED
            or not holds(principal, token, row, event, container)):
        raise Problem(404, "not_found", f"No registration {registration_id} for this event.")
    zone = zone or ZoneInfo(event["timezone"])
    return RegistrationPageOut(
        registration_id=row["registration_id"], event=listings.event_out(event, zone),
        name=row["name"], status=row["status"], waitlist_position=row["waitlist_position"],
        checked_in_at=row["checked_in_at"].astimezone(zone) if row["checked_in_at"] else None)
