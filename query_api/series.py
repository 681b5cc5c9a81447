"""GET /api/series/{id}: a recurring series' rule and its occurrences (from the catalogue)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy import select

from command_api.domain.series import Series
from command_api.domain.vocabulary import EventStatus
from kernel.authz import Action, Resource, may
from kernel.deps import ContainerDep, OptionalPrincipal, ReadEngineDep, optional_principal
from kernel.problems import Problem
from projections.tables import events
from query_api import listings
from query_api.deps import ZoneDep, wait_until_consistent
from query_api.event_store import read_stream
from query_api.routes import _PROBLEM, ERRORS
from query_api.schemas import EventOut

router = APIRouter(prefix="/api/series", tags=["queries"], responses=ERRORS,
                   dependencies=[Depends(optional_principal), Depends(wait_until_consistent)])


class RecurrenceOut(BaseModel):
    freq: str
    interval: int
    by_weekday: list[str]
    by_set_position: int | None
    by_month_day: int | None
    count: int | None
    until: str | None = Field(description="Local date (YYYY-MM-DD) of the last possible occurrence")


class SeriesOut(BaseModel):
    """A recurring event: its rule and its occurrences, oldest first (drafts only to the
    organizer and admins; deleted ones left out)."""

    series_id: UUID
    timezone: str
    recurrence: RecurrenceOut
    occurrences: list[EventOut]


def _started(container: Any, series_id: UUID) -> Series.Started:
    # The rule is written once, by the series' first event; the store is its only home (the
    # catalogue has the occurrences, which are what changes).
    recorded = read_stream(container.write_model, series_id)
    if not recorded or not isinstance(recorded[0].event, Series.Started):
        raise Problem(404, "not_found", f"No series {series_id}.")
    started: Series.Started = recorded[0].event
    return started


@router.get("/{series_id}", response_model=SeriesOut, summary="One recurring series",
            responses={404: {"description": "Unknown series (`not_found`)", "content": _PROBLEM}})
def get_series(series_id: UUID, container: ContainerDep, engine: ReadEngineDep, zone: ZoneDep,
               principal: OptionalPrincipal) -> SeriesOut:
    """Returns a series' rule and its occurrences (times in `tz`, or each event's own zone)."""
    started = _started(container, series_id)
    sees_drafts = may(principal, Action.AUDIT_EVENT, Resource(organizer_id=started.organizer_id))
    with engine.connect() as conn:
        rows = conn.execute(select(events).where(events.c.series_id == series_id,
                                                 events.c.status != EventStatus.DELETED)
                            .order_by(events.c.starts_at)).mappings().all()
    occurrences = [listings.event_out(dict(r), zone) for r in rows
                   if sees_drafts or r["status"] != EventStatus.DRAFT]
    return SeriesOut(series_id=series_id, timezone=started.timezone,
                     recurrence=RecurrenceOut(**started.recurrence), occurrences=occurrences)
