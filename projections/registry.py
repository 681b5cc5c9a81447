"""Every read model the runner maintains, and lookup by name (for `eventconnect rebuild`)."""

from __future__ import annotations

from projections.analytics import Analytics
from projections.attendees import Attendees
from projections.base import Projection
from projections.catalogue import Catalogue
from projections.inbox import Inbox
from projections.ratings import Ratings
from projections.reminder_schedule import ReminderSchedule
from projections.users import Users


def all_projections() -> list[Projection]:
    """A fresh instance of each projection, in the order the runner applies them."""
    return [Catalogue(), Attendees(), Users(), ReminderSchedule(), Ratings(), Inbox(),
            Analytics()]


def names() -> list[str]:
    return [p.name for p in all_projections()]


def get_projection(name: str) -> Projection:
    """The projection called `name`; KeyError (listing the known names) otherwise."""
    for projection in all_projections():
        if projection.name == name:
            return projection
    raise KeyError(f"no read model {name!r}; known: {', '.join(names())}")
