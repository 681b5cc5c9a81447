"""Request and response models of the series commands. Shapes and bounds are checked here; how
the rule's fields combine (and how many occurrences it yields) is the domain's rule
(`command_api.domain.recurrence`), answered with its own codes."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, StrictInt

from command_api.schemas import EXAMPLE_EVENT, EventIn, Positioned, Strict

Weekday = Literal["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

EXAMPLE_SERIES: dict[str, Any] = {
    **EXAMPLE_EVENT, "timezone": "Europe/Berlin",
    "starts_at": "2030-05-07T19:00:00+02:00", "ends_at": "2030-05-07T21:00:00+02:00",
    "recurrence": {"freq": "weekly", "by_weekday": ["TU"], "count": 10},
}


class RecurrenceIn(Strict):
    """Weekly (on `by_weekday`) or monthly (on day `by_month_day`, or on the
    `by_set_position`-th `by_weekday`, -1 = last), every `interval` weeks or months; ends after
    `count` occurrences or on the local date `until` (inclusive). At most 100 occurrences."""

    freq: Literal["weekly", "monthly"]
    interval: Annotated[StrictInt, Field(ge=1, le=99)] = 1
    by_weekday: list[Weekday] = Field(default_factory=list, max_length=7)
    by_set_position: StrictInt | None = Field(None, description="-1 or 1..5, with one weekday")
    by_month_day: StrictInt | None = Field(None, description="1..31, monthly only")
    count: Annotated[StrictInt, Field(ge=1)] | None = Field(None, description="1..100")
    until: date | None = None


class SeriesIn(EventIn):
    """A new event that repeats: EventIn's fields are the first occurrence's."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [EXAMPLE_SERIES]})

    recurrence: RecurrenceIn


class SeriesCreated(Positioned):
    series_id: UUID
    event_ids: list[UUID]


class SeriesChanged(Positioned):
    event_ids: list[UUID] = Field(description="The occurrences that were edited, in order")
