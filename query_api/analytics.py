"""GET endpoints of the analytics dashboard: one event's numbers and the overview across events,
as JSON or as CSV (`?format=csv`). Who: admins and analysts everything, an organizer their own
events (kernel/authz.py, Action.READ_ANALYTICS)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from command_api.domain.vocabulary import Category, EventStatus
from kernel.authz import Action, Principal, Resource, may, require
from kernel.csv_export import csv_content, csv_response
from kernel.deps import ContainerDep, ReadEngineDep, allowed, optional_principal
from kernel.problems import Problem
from query_api import analytics_queries as queries
from query_api.analytics_frame import analytics_copy
from query_api.analytics_overview import overview
from query_api.analytics_schemas import (
    AnalyticsOverviewOut,
    CategoryRowOut,
    DailyActivityOut,
    EventAnalyticsOut,
    MonthRowOut,
    TopEventOut,
)
from query_api.deps import ZoneDep, wait_until_consistent
from query_api.routes import _PROBLEM, ERRORS, NOT_FOUND

router = APIRouter(prefix="/api/analytics", tags=["analytics"], responses=ERRORS,
                   dependencies=[Depends(optional_principal), Depends(wait_until_consistent)])

AnalyticsReader = Annotated[Principal, Depends(allowed(Action.READ_ANALYTICS))]
Format = Annotated[Literal["json", "csv"], Query(
    description="`csv`: the main list as `text/csv`, one row per item, with a header row")]
WHO: dict[int | str, dict[str, Any]] = {
    401: {"description": "No, or a bad, bearer token (`unauthorized`)", "content": _PROBLEM},
    403: {"description": "A member (`forbidden`), or an organizer asking for another "
                         "organizer's events (`not_owner`)", "content": _PROBLEM}}
OVERVIEW_TABLES: dict[str, type[BaseModel]] = {
    "by_month": MonthRowOut, "by_category": CategoryRowOut, "top_events": TopEventOut}


def _rating(row: dict[str, Any]) -> dict[str, Any]:
    distribution = {str(s): int(row[f"rating_{s}"]) for s in queries.SCORES}
    return {"rating_avg": queries.ratio(row["rating_sum"], row["rating_count"]),
            "rating_count": row["rating_count"], "rating_distribution": distribution}


@router.get("/events/{event_id}", response_model=EventAnalyticsOut, summary="One event's analytics",
            responses={**NOT_FOUND, **WHO, **csv_content(
                "date,registrations,cancellations,waitlist_joins,promotions,check_ins\r\n"
                "2030-04-20,4,1,2,1,0\r\n")})
def event_analytics(event_id: UUID, principal: AnalyticsReader, container: ContainerDep,
                    engine: ReadEngineDep, zone: ZoneDep,
                    format: Format = "json") -> EventAnalyticsOut | Response:
    """Returns one event's registrations, cancellations, waitlist and check-in counts, rates,
    ratings and daily activity (dates in the event's time zone). CSV: the daily rows."""
    with engine.connect() as conn:
        row = queries.find_event(conn, event_id)
        if row is None or row["status"] == EventStatus.DELETED or (
                row["status"] == EventStatus.DRAFT and not may(
                    principal, Action.READ_ANALYTICS, Resource(organizer_id=row["organizer_id"]))):
            raise Problem(404, "not_found", f"No event {event_id}.")
        require(principal, Action.READ_ANALYTICS, Resource(organizer_id=row["organizer_id"]))
        own_zone = ZoneInfo(row["timezone"])
        days = queries.daily(conn, event_id, own_zone)
    if format == "csv":
        return csv_response(["date", *queries.DAILY_COUNTS],
                            ([d["date"], *(d[n] for n in queries.DAILY_COUNTS)] for d in days),
                            filename=f"event-{event_id}-daily.csv")
    zone = zone or own_zone
    attendance = queries.ratio(row["checked_in"], row["confirmed"])
    ended = row["ends_at"] <= container.write_model.clock()
    sold_out_at = row["sold_out_at"]
    return EventAnalyticsOut(
        **{k: row[k] for k in ("event_id", "title", "timezone", "status", "category", "country",
                               "organizer_id", "capacity", "registrations", "cancellations",
                               "waitlist_joins", "promotions", "confirmed", "checked_in")},
        starts_at=row["starts_at"].astimezone(zone), ends_at=row["ends_at"].astimezone(zone),
        attendance_rate=attendance,
        no_show_rate=1 - attendance if ended and attendance is not None else None,
        waitlist_conversion_rate=queries.ratio(row["promotions"], row["waitlist_joins"]),
        sold_out_at=sold_out_at.astimezone(zone) if sold_out_at is not None else None,
        **_rating(row), daily=[DailyActivityOut(**d) for d in days])


def _organizer_filter(principal: Principal, organizer_id: str | None) -> str | None:
    """Admins and analysts filter as they like; an organizer sees their own events only: no
    `organizer_id` means theirs, another organizer's is 403 `not_owner`."""
    if may(principal, Action.READ_ANALYTICS, Resource(organizer_id=organizer_id)):
        return organizer_id
    if organizer_id is None:
        organizer_id = principal.id
    require(principal, Action.READ_ANALYTICS, Resource(organizer_id=organizer_id))
    return organizer_id


@router.get("/overview", response_model=AnalyticsOverviewOut, summary="Analytics across events",
            responses={**WHO, **csv_content("month,events,registrations,attendance_rate\r\n"
                                            "2030-05,2,7,0.6\r\n")})
def analytics_overview(
    principal: AnalyticsReader,
    engine: ReadEngineDep,
    start: Annotated[date | None, Query(alias="from", description=(
        "Events starting on or after this date (00:00 UTC)"), examples=["2030-01-01"])] = None,
    to: Annotated[date | None, Query(description=(
        "Events starting on or before this date (until 24:00 UTC)"),
        examples=["2030-12-31"])] = None,
    category: Category | None = None,
    country: Annotated[str | None, Query(pattern="^[A-Za-z]{2}$", examples=["IN"])] = None,
    # No control characters (NUL above all: PostgreSQL refuses it in text): 422, not a 500.
    organizer_id: Annotated[str | None, Query(min_length=1, max_length=64,
                                              pattern=r"^[^\x00-\x1f\x7f]+$", description=(
        "Admins and analysts: one organizer's events; organizers always get their own"))] = None,
    format: Format = "json",
    table: Annotated[Literal["by_month", "by_category", "top_events"], Query(
        description="With `format=csv`: which of the tables")] = "by_month",
) -> AnalyticsOverviewOut | Response:
    """Returns totals, unique and repeat attendees, attendance and rating over the published and
    cancelled events that match the filters, with per-month, per-category and top-10 tables."""
    if start is not None and to is not None and start > to:
        raise Problem(422, "invalid_date_range", f"`from` ({start}) is after `to` ({to}).")
    filters = queries.Filters(start=start, to=to, category=category, country=country,
                              organizer_id=_organizer_filter(principal, organizer_id))
    with engine.connect() as conn:
        found = overview(conn, filters, analytics_copy(engine))
    if format == "csv":
        columns = list(OVERVIEW_TABLES[table].model_fields)
        return csv_response(columns, ([item[c] for c in columns] for item in found[table]),
                            filename=f"analytics-{table.replace('_', '-')}.csv")
    return AnalyticsOverviewOut(
        **{k: v for k, v in found.items() if k not in OVERVIEW_TABLES},
        by_month=[MonthRowOut(**r) for r in found["by_month"]],
        by_category=[CategoryRowOut(**r) for r in found["by_category"]],
        top_events=[TopEventOut(**r) for r in found["top_events"]])
