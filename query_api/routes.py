"""GET endpoints of the read side. Thin: parse, query a read model (or the store), shape."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Header, Query, Response

from command_api.domain.vocabulary import Category, EventStatus, RegistrationStatus
from kernel.authz import Action, Principal, Resource, may, require
from kernel.deps import (
    ContainerDep,
    EventAuditor,
    OptionalPrincipal,
    ReadEngineDep,
    optional_principal,
)
from kernel.inputs import Instant, Line
from kernel.problems import PROBLEM_CONTENT, Problem
from query_api import attendance, history, ical, listings
from query_api.deps import Paging, PagingDep, ZoneDep, wait_until_consistent
from query_api.language import preferred_language
from query_api.schemas import (
    AttendeeOut,
    EventOut,
    HistoryEntryOut,
    Page,
    WaitlistEntryOut,
)

_PROBLEM = PROBLEM_CONTENT
ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "A bad bearer token (`unauthorized`); no token is anonymous",
          "content": _PROBLEM},
    422: {"description": "Invalid parameter (`validation_error`), or an `X-Consistent-With` "
                         "beyond the store's last position (`unknown_position`)",
          "content": _PROBLEM},
    503: {"description": "`X-Consistent-With` not reached in time (`not_yet_consistent`), or the "
                         "database unavailable (`unavailable`); retry after `Retry-After`",
          "content": _PROBLEM},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown or deleted event (`not_found`)", "content": _PROBLEM}}
OWNER_ONLY: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    401: {"description": "No, or a bad, bearer token (`unauthorized`)", "content": _PROBLEM},
    403: {"description": "Not the event's organizer nor an admin (`not_owner`, `forbidden`)",
          "content": _PROBLEM}}

router = APIRouter(prefix="/api", tags=["queries"], responses=ERRORS,
                   # The caller first: a present but bad token is 401 on public GETs too (a
                   # client learns its token is stale instead of silently reading as nobody).
                   dependencies=[Depends(optional_principal), Depends(wait_until_consistent)])

AsOf = Annotated[Instant | None, Query(
    description="An instant with offset: the answer as it stood then",
    examples=["2030-04-15T12:00:00+05:30"])]


def _not_found(event_id: UUID) -> Problem:
    return Problem(404, "not_found", f"No event {event_id}.")


def _event_row(engine: Any, event_id: UUID, *, deleted_ok: bool = False) -> dict[str, Any]:
    with engine.connect() as conn:
        row = listings.find_event(conn, event_id)
    if row is None or (row["status"] == EventStatus.DELETED and not deleted_ok):
        raise _not_found(event_id)
    return row


def _visible_event_row(engine: Any, event_id: UUID, principal: Principal) -> dict[str, Any]:
    """The event's row if the caller may see it: a draft is its organizer's and admins' only."""
    row = _event_row(engine, event_id)
    if row["status"] == EventStatus.DRAFT and not may(
            principal, Action.AUDIT_EVENT, Resource(organizer_id=row["organizer_id"])):
        raise _not_found(event_id)
    return row


def audited_event_zone(engine: Any, event_id: UUID, principal: Principal,
                        zone: ZoneInfo | None) -> ZoneInfo:
    """Refuses callers who may not audit this event (deleted ones too); returns the zone to render in."""
    row = _event_row(engine, event_id, deleted_ok=True)
    require(principal, Action.AUDIT_EVENT, Resource(organizer_id=row["organizer_id"]))
    return zone or ZoneInfo(row["timezone"])


def _slice(rows: list[Any], paging: Paging) -> tuple[int, list[Any]]:
    """Pages a list computed in memory (a fold of the store for `as_of`): (total, page)."""
    return len(rows), rows[paging.offset : paging.offset + paging.page_size]


@router.get("/events", response_model=Page[EventOut], summary="Search events")
def search_events(
    container: ContainerDep,
    engine: ReadEngineDep,
    paging: PagingDep,
    zone: ZoneDep,
    q: Annotated[Line | None, Query(max_length=200, description="Full text over title, "
                                   "description and tags", examples=["bike repair"])] = None,
    category: Category | None = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", examples=["IN"])] = None,
    city: Annotated[Line | None, Query(max_length=100, examples=["Pune"])] = None,
    starts_from: Annotated[Instant | None, Query(
        examples=["2030-05-01T00:00:00+05:30"])] = None,
    starts_to: Annotated[Instant | None, Query(
        examples=["2030-06-01T00:00:00+05:30"])] = None,
    status: listings.When = "upcoming",
    sort: listings.Sort = "starts_at",
) -> Page[EventOut]:
    """Lists published and cancelled events matching the filters (drafts and deleted never)."""
    search = listings.Search(q=q, category=category, country=country, city=city,
                             starts_from=starts_from, starts_to=starts_to, status=status,
                             sort=sort)
    with engine.connect() as conn:
        found = listings.search_page(conn, search, now=container.write_model.clock(),
                                     offset=paging.offset, limit=paging.page_size)
    return Page(items=[listings.event_out(r, zone) for r in found.rows], total=found.total,
                total_exact=found.exact, page=paging.page, page_size=paging.page_size)


@router.get("/events/{event_id}", response_model=EventOut, responses=NOT_FOUND,
            summary="One event")
def get_event(event_id: UUID, engine: ReadEngineDep, zone: ZoneDep,
              principal: OptionalPrincipal) -> EventOut:
    """Returns one event. A draft only to its organizer and admins (404 to anyone else, as if
    it did not exist); deleted ones are gone (404)."""
    return listings.event_out(_visible_event_row(engine, event_id, principal), zone)


@router.get("/events/{event_id}/attendees", response_model=Page[AttendeeOut],
            responses=OWNER_ONLY, summary="Attendee list")
def list_attendees(
    event_id: UUID,
    principal: EventAuditor,
    container: ContainerDep,
    engine: ReadEngineDep,
    paging: PagingDep,
    zone: ZoneDep,
    status: RegistrationStatus | None = None,
    as_of: AsOf = None,
) -> Page[AttendeeOut]:
    """Lists registrations: confirmed, then waitlisted in line order, then cancelled."""
    zone = audited_event_zone(engine, event_id, principal, zone)
    if as_of is not None:
        total, rows = _registrations_as_of(container, event_id, as_of, status, paging)
    else:
        with engine.connect() as conn:
            rows, total = attendance.list_attendees(conn, event_id, status,
                                                    offset=paging.offset,
                                                    limit=paging.page_size)
    return Page(items=[attendance.attendee_out(r, zone) for r in rows], total=total,
                page=paging.page, page_size=paging.page_size)


def _registrations_as_of(container: Any, event_id: UUID, as_of: datetime,
                         status: RegistrationStatus | None, paging: Paging) -> tuple[int, list[Any]]:
    """One page of the registrations (of one status, or all) as they stood at `as_of`, replayed
    from the event store: the attendee list and the waitlist of the time-travel control."""
    rows = attendance.attendees_as_of(container.write_model, event_id, as_of)
    return _slice([r for r in rows if status is None or r["status"] == status], paging)


@router.get("/events/{event_id}/waitlist", response_model=Page[WaitlistEntryOut],
            responses=OWNER_ONLY, summary="Waitlist")
def list_waitlist(
    event_id: UUID,
    principal: EventAuditor,
    container: ContainerDep,
    engine: ReadEngineDep,
    paging: PagingDep,
    zone: ZoneDep,
    as_of: AsOf = None,
) -> Page[WaitlistEntryOut]:
    """Lists the waitlist in promotion order; position 1 gets the next free seat."""
    zone = audited_event_zone(engine, event_id, principal, zone)
    if as_of is not None:
        total, rows = _registrations_as_of(container, event_id, as_of,
                                           RegistrationStatus.WAITLISTED, paging)
    else:
        with engine.connect() as conn:
            rows, total = attendance.list_waitlist(conn, event_id, offset=paging.offset,
                                                   limit=paging.page_size)
    items = [attendance.waitlist_entry_out(r, paging.offset + i + 1, zone)
             for i, r in enumerate(rows)]
    return Page(items=items, total=total, page=paging.page, page_size=paging.page_size)


@router.get("/events/{event_id}/history", response_model=Page[HistoryEntryOut],
            responses=OWNER_ONLY, summary="Audit history")
def event_history(
    event_id: UUID,
    principal: EventAuditor,
    container: ContainerDep,
    paging: PagingDep,
    zone: ZoneDep,
    as_of: AsOf = None,
    accept_language: Annotated[str | None, Header(
        alias="Accept-Language",
        description="Language of each item's `summary`: `de` for German, anything else "
                    "(or none) English; q-values are honoured, e.g. `fr, de;q=0.8` is German")
    ] = None,
) -> Page[HistoryEntryOut]:
    """Lists the event's domain events, oldest first, read from the event store itself."""
    stream = history.event_stream(container.write_model, event_id)
    if stream is None:
        raise _not_found(event_id)
    # Ownership from the store itself: the history does not wait for the catalogue.
    require(principal, Action.AUDIT_EVENT,
            Resource(organizer_id=stream[0].event.organizer_id))
    zone = zone or history.current_zone(stream)
    entries = history.summarized(container.write_model, stream,
                                 preferred_language(accept_language))
    if as_of is not None:
        entries = [(r, text) for r, text in entries if r.event.timestamp <= as_of]
    total, page = _slice(entries, paging)
    return Page(items=[history.entry(r, zone, text) for r, text in page], total=total,
                page=paging.page, page_size=paging.page_size)


ICS_EXAMPLE = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//EventConnect//Community events//EN"
               "\r\nBEGIN:VEVENT\r\nUID:0d5c6f0e-7f55-4d53-9a43-5b0b1c3f9a11@eventconnect.example"
               "\r\nDTSTART:20300501T123000Z\r\nDTEND:20300501T143000Z\r\n"
               "SUMMARY:Intro to bike repair\r\n...\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")


@router.get("/events/{event_id}/calendar.ics", response_class=Response,
            summary="Calendar file", responses={
                **NOT_FOUND,
                200: {"description": "iCalendar (RFC 5545)",
                      "content": {"text/calendar": {"example": ICS_EXAMPLE}}}})
def calendar_file(event_id: UUID, engine: ReadEngineDep, principal: OptionalPrincipal) -> Response:
    """Returns the event as an iCalendar file to add to any calendar app."""
    row = _visible_event_row(engine, event_id, principal)
    return Response(ical.render(row), media_type="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="event-{event_id}.ics"'})
