"""Write-side routes of the personal calendar feed: a secret URL to subscribe to (issue 12)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response
from pydantic import Field

from command_api.deps import AccountsDep
from command_api.routes.common import COMMAND_ERRORS, positioned
from command_api.schemas import Positioned
from kernel.deps import ContainerDep, CurrentPrincipal

router = APIRouter(prefix="/api/me/calendar-feed", tags=["identity"], responses=COMMAND_ERRORS)


class CalendarFeedOut(Positioned):
    url: str = Field(description="Secret: anyone with it can read your calendar. Shown once.",
                     examples=["https://events.example.org/api/calendar/Jc1x....ics"])


class CalendarFeedRevokedOut(Positioned):
    pass


@router.post("", response_model=CalendarFeedOut, status_code=201)
def create_calendar_feed(principal: CurrentPrincipal, accounts: AccountsDep,
                         container: ContainerDep, response: Response) -> CalendarFeedOut:
    """A new secret URL of your events as a calendar feed; the previous URL stops working."""
    secret, position = accounts.issue_calendar_feed(UUID(principal.actor), actor=principal.actor)
    url = f"{container.settings.link_base}/api/calendar/{secret}.ics"
    return positioned(response, CalendarFeedOut(url=url, position=position))


@router.delete("", response_model=CalendarFeedRevokedOut)
def revoke_calendar_feed(principal: CurrentPrincipal, accounts: AccountsDep,
                         response: Response) -> CalendarFeedRevokedOut:
    """Stops your calendar feed URL from working (nothing happens if you had none)."""
    position = accounts.revoke_calendar_feed(UUID(principal.actor), actor=principal.actor)
    return positioned(response, CalendarFeedRevokedOut(position=position))
