"""GET endpoints of ratings: an event's average, distribution and comments; the caller's own
rating (a member's, or a guest's with their registration token)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from eventsourcing.application import AggregateNotFoundError
from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import Connection, func, select

from command_api.domain.errors import BadCancelToken
from command_api.domain.rating import MAX_SCORE, MIN_SCORE, rating_id_for
from command_api.domain.registration import Registration, registration_id_for
from command_api.domain.vocabulary import EventStatus
from kernel.authz import Action, Principal, Resource, may, require
from kernel.deps import (
    ContainerDep,
    CurrentPrincipal,
    OptionalPrincipal,
    ReadEngineDep,
    optional_principal,
)
from kernel.links import opens_registration
from kernel.problems import Problem
from projections.tables import ratings
from query_api import listings
from query_api.deps import PagingDep, ZoneDep, wait_until_consistent
from query_api.routes import _PROBLEM, ERRORS, NOT_FOUND

router = APIRouter(prefix="/api/events/{event_id}/ratings", tags=["ratings"], responses=ERRORS,
                   dependencies=[Depends(optional_principal), Depends(wait_until_consistent)])

Row = dict[str, Any]
LISTED = ratings.c.withdrawn.is_(False)


class RatingOut(BaseModel):
    """One rating as the event page shows it; `hidden_reason` only for moderators."""

    rating_id: UUID
    score: int
    comment: str | None
    author_name: str
    rated_at: datetime = Field(description="When the score and comment as they stand were given")
    hidden: bool = Field(description="True only in `include_hidden=true` lists")
    hidden_reason: str | None = None


class RatingsPage(BaseModel):
    """An event's ratings: summary over every counted score (hidden comments' too), and a page
    of items newest first."""

    model_config = {"json_schema_extra": {"examples": [{
        "average": 4.5, "count": 2, "distribution": {"1": 0, "2": 0, "3": 0, "4": 1, "5": 1},
        "items": [{"rating_id": "9b2f7f57-6f0e-5c43-a1d1-3d7f2c1e9a10", "score": 5,
                   "comment": "Loved it", "author_name": "Asha Rao",
                   "rated_at": "2030-05-01T21:00:00+05:30", "hidden": False,
                   "hidden_reason": None}],
        "total": 1, "page": 1, "page_size": 20}]}}

    average: float | None
    count: int
    distribution: dict[str, int] = Field(description='Scores "1" to "5" and how many gave each')
    items: list[RatingOut]
    total: int
    page: int
    page_size: int


class MyRatingOut(RatingOut):
    """Your own rating, hidden or not (you see your comment either way)."""

    updated_at: datetime


OWN_RATING: dict[int | str, dict[str, Any]] = {
    404: {"description": "Unknown event, or no rating of yours (`not_found`)",
          "content": _PROBLEM}}


def _listed_event(conn: Connection, event_id: UUID, principal: Principal) -> Row:
    """The event's row if the caller may see it (drafts: their organizer and admins)."""
    row = listings.find_event(conn, event_id)
    if row is None or row["status"] == EventStatus.DELETED or (
            row["status"] == EventStatus.DRAFT and not may(
                principal, Action.AUDIT_EVENT, Resource(organizer_id=row["organizer_id"]))):
        raise Problem(404, "not_found", f"No event {event_id}.")
    return row


def _item(row: Row, zone: ZoneInfo, *, moderator: bool) -> RatingOut:
    return RatingOut(rating_id=row["rating_id"], score=row["score"], comment=row["comment"],
                     author_name=row["author_name"], rated_at=row["rated_at"].astimezone(zone),
                     hidden=row["hidden"], hidden_reason=row["hidden_reason"] if moderator else None)


def summary(conn: Connection, event_id: UUID) -> tuple[float | None, int, dict[str, int]]:
    """Average, count and distribution of the event's counted (not withdrawn) scores."""
    counts: dict[int, int] = dict(conn.execute(select(ratings.c.score, func.count())
                               .where(ratings.c.event_id == event_id, LISTED)
                               .group_by(ratings.c.score)).all())
    distribution = {str(s): int(counts.get(s, 0)) for s in range(MIN_SCORE, MAX_SCORE + 1)}
    count = sum(distribution.values())
    total = sum(int(s) * n for s, n in distribution.items())
    return (total / count if count else None), count, distribution


@router.get("", response_model=RatingsPage, responses={
    **NOT_FOUND,
    403: {"description": "`include_hidden=true` by someone who is not the event's organizer "
                         "nor an admin (`not_owner`, `forbidden`)", "content": _PROBLEM}},
    summary="An event's ratings")
def event_ratings(
    event_id: UUID,
    principal: OptionalPrincipal,
    engine: ReadEngineDep,
    paging: PagingDep,
    zone: ZoneDep,
    include_hidden: Annotated[bool, Query(
        description="The organizer and admins: list hidden comments too (`hidden: true`)")] = False,
) -> RatingsPage:
    """Returns the average, count and distribution of an event's ratings and its visible
    ratings, newest first. Hiding a comment hides the item, not its score."""
    with engine.connect() as conn:
        event = _listed_event(conn, event_id, principal)
        moderator = may(principal, Action.MODERATE_RATINGS,
                        Resource(organizer_id=event["organizer_id"]))
        if include_hidden:  # 401 anonymous, 403 `not_owner` or `forbidden` otherwise
            require(principal, Action.MODERATE_RATINGS, Resource(organizer_id=event["organizer_id"]))
        average, count, distribution = summary(conn, event_id)
        conditions = [ratings.c.event_id == event_id, LISTED]
        if not include_hidden:
            conditions.append(ratings.c.hidden.is_(False))
        total = conn.scalar(select(func.count()).select_from(ratings).where(*conditions)) or 0
        rows = conn.execute(select(ratings).where(*conditions)
                            .order_by(ratings.c.rated_at.desc(), ratings.c.rating_id.desc())
                            .offset(paging.offset).limit(paging.page_size)).mappings().all()
    zone = zone or ZoneInfo(event["timezone"])
    return RatingsPage(average=average, count=count, distribution=distribution,
                       items=[_item(dict(r), zone, moderator=moderator) for r in rows],
                       total=total, page=paging.page, page_size=paging.page_size)


def _own_rating(engine: Any, event_id: UUID, registration_id: UUID, principal: Principal,
                zone: ZoneInfo | None) -> MyRatingOut:
    with engine.connect() as conn:
        event = _listed_event(conn, event_id, principal)
        row = conn.execute(select(ratings).where(
            ratings.c.rating_id == rating_id_for(event_id, registration_id), LISTED)
        ).mappings().first()
    if row is None:
        raise Problem(404, "not_found", "You have not rated this event.")
    zone = zone or ZoneInfo(event["timezone"])
    return MyRatingOut(**_item(dict(row), zone, moderator=False).model_dump(),
                       updated_at=row["updated_at"].astimezone(zone))


@router.get("/me", response_model=MyRatingOut, responses={
    **OWN_RATING,
    401: {"description": "No, or a bad, bearer token (`unauthorized`)", "content": _PROBLEM}},
    summary="My rating of an event")
def my_rating(event_id: UUID, principal: CurrentPrincipal, engine: ReadEngineDep,
              zone: ZoneDep) -> MyRatingOut:
    """Returns the signed-in member's rating of the event (404 if they have none)."""
    registration_id = registration_id_for(event_id, principal.email or "")
    return _own_rating(engine, event_id, registration_id, principal, zone)


@router.get("/guest", response_model=MyRatingOut, responses={
    **OWN_RATING,
    403: {"description": "The registration and token do not match (`forbidden`)",
          "content": _PROBLEM}},
    summary="A guest's rating of an event")
def guest_rating(
    event_id: UUID,
    registration_id: Annotated[UUID, Query(description="The guest's `registration_id`")],
    token: Annotated[str, Query(min_length=1, max_length=200,
                                description="The guest's `cancel_token`")],
    principal: OptionalPrincipal,
    container: ContainerDep,
    engine: ReadEngineDep,
    zone: ZoneDep,
) -> MyRatingOut:
    """Returns a guest's rating, for their registration page (404 if they have none)."""
    # The token's hash lives only in the store: read the registration, read-only.
    try:
        registration: Any = container.write_model.repository.get(registration_id)
    except AggregateNotFoundError:
        registration = None
    # An unknown registration answers as a wrong token does (ids derive from event and email:
    # a 404 would tell whether an email is registered).
    try:
        if not isinstance(registration, Registration) or registration.event_id != event_id:
            raise BadCancelToken("The registration and token do not match.")
        if not opens_registration(container.link_secret, token, registration_id):
            registration.check_token(token)  # else the signed link of its emails
    except BadCancelToken as refused:
        raise Problem(403, refused.code, refused.detail) from None
    return _own_rating(engine, event_id, registration_id, principal, zone)
