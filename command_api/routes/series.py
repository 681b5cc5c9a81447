"""Write-side routes for recurring series: create one, edit an occurrence and all later ones.

One occurrence alone is edited, cancelled or deleted through /api/events/{id}.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from command_api.deps import WriteModelDep
from command_api.domain.recurrence import Recurrence
from command_api.routes.common import COMMAND_ERRORS, PROBLEM, positioned
from command_api.schemas import EventPatch
from command_api.series_schemas import SeriesChanged, SeriesCreated, SeriesIn
from kernel.deps import EventCreator, EventManager

router = APIRouter(prefix="/api/series", tags=["series (commands)"], responses={
    **COMMAND_ERRORS,
    422: {"description": "Invalid input (`validation_error`), or a rule that does not work: "
                         "`count_or_until` (neither or both), `too_many_occurrences` (over 100), "
                         "`invalid_recurrence` (fields that do not combine), `start_not_in_rule` "
                         "(the start is not a date of the rule), `not_in_series` (`from`)",
          "content": PROBLEM}})


@router.post("", status_code=status.HTTP_201_CREATED, response_model=SeriesCreated)
def create_series(body: SeriesIn, organizer: EventCreator, app: WriteModelDep,
                  response: Response) -> SeriesCreated:
    """Create a recurring event: every occurrence at once, published unless `publish` is false."""
    details = body.model_dump(exclude={"publish", "organizer_name", "recurrence"}, mode="python")
    details["location"] = body.location.model_dump(mode="json", exclude_none=True)
    recurrence = Recurrence.from_dict(body.recurrence.model_dump(mode="python"))
    series_id, event_ids, position = app.create_series(
        recurrence, actor=organizer.actor, publish=body.publish,
        organizer_name=organizer.name or "Organizer", **details, organizer_id=organizer.actor)
    response.headers["Location"] = f"/api/series/{series_id}"
    return positioned(response, SeriesCreated(series_id=series_id, event_ids=event_ids,
                                              position=position))


@router.patch("/{series_id}", response_model=SeriesChanged)
def edit_series(series_id: UUID, body: EventPatch, principal: EventManager, app: WriteModelDep,
                response: Response,
                from_event: Annotated[UUID, Query(alias="from", description=(
                    "The first occurrence to change; later ones change with it"))]
                ) -> SeriesChanged:
    """Change this occurrence and all later ones; new times keep each at the new local time."""
    changes = body.model_dump(exclude_unset=True, exclude_none=True, mode="python",
                              exclude={"organizer_name"})
    if body.location is not None:
        changes["location"] = body.location.model_dump(mode="json", exclude_none=True)
    event_ids, position = app.edit_series(series_id, from_event, principal=principal, **changes)
    return positioned(response, SeriesChanged(event_ids=event_ids, position=position))
