"""The organizer's home: their own events (every event for admins) from the catalogue, drafts
included, with seats and waitlist at a glance (EventOut carries the counts)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends
from sqlalchemy import Connection, func, select

from command_api.domain.account import ADMIN
from command_api.domain.vocabulary import EventStatus
from kernel.authz import Principal
from kernel.deps import ContainerDep, EventCreator, ReadEngineDep
from kernel.problems import PROBLEM_CONTENT
from projections.tables import events
from query_api import listings
from query_api.deps import PagingDep, ZoneDep, wait_until_consistent
from query_api.routes import ERRORS
from query_api.schemas import EventOut, Page

MyWhen = Literal["upcoming", "past", "drafts"]

router = APIRouter(prefix="/api", tags=["queries"], responses={
    **ERRORS,
    401: {"description": "No, or a bad, bearer token (`unauthorized`)", "content": PROBLEM_CONTENT},
    403: {"description": "Organizers and admins only (`forbidden`)", "content": PROBLEM_CONTENT}},
    dependencies=[Depends(wait_until_consistent)])


def my_events(conn: Connection, principal: Principal, when: MyWhen, *, now: datetime,
              offset: int, limit: int) -> tuple[list[dict[str, Any]], int]:
    """A page of the caller's events: upcoming soonest first, past latest first, drafts by
    start. Published and cancelled events count as upcoming/past; deleted ones never show."""
    conditions: list[Any] = []
    if principal.role != ADMIN and not principal.trusted:
        conditions.append(events.c.organizer_id == principal.actor)
    if when == "drafts":
        conditions.append(events.c.status == EventStatus.DRAFT)
        order = [events.c.starts_at.asc(), events.c.id.asc()]
    else:
        conditions.append(events.c.status.in_([EventStatus.PUBLISHED, EventStatus.CANCELLED]))
        if when == "upcoming":  # still to come or under way
            conditions.append(events.c.ends_at > now)
            order = [events.c.starts_at.asc(), events.c.id.asc()]
        else:
            conditions.append(events.c.ends_at <= now)
            order = [events.c.starts_at.desc(), events.c.id.asc()]
    rows = conn.execute(select(events).where(*conditions).order_by(*order)
                        .offset(offset).limit(limit)).mappings().all()
    total = conn.scalar(select(func.count()).select_from(events).where(*conditions)) or 0
    return [dict(r) for r in rows], total


@router.get("/me/events", response_model=Page[EventOut], summary="My events (organizers)")
def list_my_events(
    principal: EventCreator,
    container: ContainerDep,
    engine: ReadEngineDep,
    paging: PagingDep,
    zone: ZoneDep,
    when: MyWhen = "upcoming",
) -> Page[EventOut]:
    """Lists the events you organize (admins: every event): `upcoming` (not yet ended),
    `past`, or `drafts`; each with confirmed seats, capacity and waitlist length."""
    with engine.connect() as conn:
        rows, total = my_events(conn, principal, when, now=container.write_model.clock(),
                                offset=paging.offset, limit=paging.page_size)
    return Page(items=[listings.event_out(r, zone) for r in rows], total=total,
                page=paging.page, page_size=paging.page_size)
