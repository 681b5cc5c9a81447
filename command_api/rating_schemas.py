"""Request and response models of the rating commands. Bounds are checked here; the window and
who may rate are the aggregates' rules."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import ConfigDict, Field, StrictInt, StringConstraints

from command_api.domain.rating import MAX_COMMENT_LENGTH, MAX_SCORE, MIN_SCORE
from command_api.schemas import Positioned, Strict
from kernel.inputs import MULTI_LINE

Comment = Annotated[str, StringConstraints(max_length=MAX_COMMENT_LENGTH), MULTI_LINE]
# Strict: `"4"`, `4.0` or `true` is not a score.
Score = Annotated[StrictInt, Field(ge=MIN_SCORE, le=MAX_SCORE)]


class RatingIn(Strict):
    """A score from 1 to 5 and an optional comment; a blank comment is no comment."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"score": 5, "comment": "Clear, friendly and hands-on."}, {"score": 3}]})

    score: Score
    comment: Comment | None = None


class HideCommentIn(Strict):
    """Why the comment is hidden (kept in the event's history)."""

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                             max_length=1000), MULTI_LINE]


class RatingSavedOut(Positioned):
    rating_id: UUID
    score: int
    comment: str | None


class RatingChangedOut(Positioned):
    """The rating command's store position (0 when nothing needed saving)."""
