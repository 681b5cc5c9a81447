"""The `ratings` read model: one row per rating, for an event's feedback page and "my rating".

A withdrawn rating keeps its row (flagged, with the last score it had), so rating again updates
the same row. A hidden comment keeps its text here too: the organizer's feedback tab shows it.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from command_api.domain.rating import Rating
from projections.base import Row
from projections.tables import ratings
from projections.toolkit import AggregateRows, FoldRebuild, handles


class Ratings(AggregateRows):
    """Ratings of each event: score, comment, author, hidden or not."""

    name = "ratings"
    table, key = ratings, "rating_id"

    @handles(Rating.Rated, creates=True)
    def rated(self, row: None, event: Rating.Rated) -> Row:
        return {
            "rating_id": event.originator_id,
            "event_id": event.event_id,
            "registration_id": UUID(event.registration_id),
            "member_id": event.member_id,
            "author_name": event.author_name,
            "score": event.score,
            "comment": event.comment,
            "hidden": False,
            "hidden_reason": None,
            "rated_at": event.timestamp,
            "updated_at": event.timestamp,
            "withdrawn": False,
        }

    @handles(Rating.Changed)
    def changed(self, row: Row, event: Rating.Changed) -> None:
        row.update(score=event.score, comment=event.comment, rated_at=event.timestamp,
                   withdrawn=False)

    @handles(Rating.Withdrawn)
    def withdrawn(self, row: Row, event: Any) -> None:
        row["withdrawn"] = True

    @handles(Rating.CommentHidden)
    def hidden(self, row: Row, event: Rating.CommentHidden) -> None:
        row.update(hidden=True, hidden_reason=event.reason)

    @handles(Rating.CommentUnhidden)
    def unhidden(self, row: Row, event: Any) -> None:
        row.update(hidden=False, hidden_reason=None)

    def touch(self, row: Row, event: Any) -> None:
        row["updated_at"] = event.timestamp


class RatingsRebuild(FoldRebuild):
    """Unbounded like the attendee list (a row per rating ever given): flushed in parts."""

    FLUSH_ROWS = 50_000
    SORTED_INSERT = True


Ratings.rebuild_class = RatingsRebuild
