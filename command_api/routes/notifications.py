"""Write-side routes of the inbox: mark one notification read, or all of them."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request, Response
from pydantic import Field

from command_api.deps import WriteModelDep
from command_api.routes.common import COMMAND_ERRORS, positioned
from command_api.schemas import Positioned
from kernel.deps import CurrentPrincipal
from projections import inbox

router = APIRouter(prefix="/api/me/notifications", tags=["notifications"],
                   responses=COMMAND_ERRORS)


class UnreadOut(Positioned):
    unread: int = Field(description="Your notifications still unread, this change included")


def _unread_after(request: Request, member_id: str, position: int) -> int:
    """The unread count once the inbox has processed `position` (bounded wait: past it, the
    count may still include what was just marked)."""
    container = request.app.state.container
    if position:
        container.runner.wait_for(position, container.settings.consistency_timeout)
    with container.read_engine.connect() as conn:
        return inbox.unread_count(conn, member_id)


@router.post("/{notification_id}/read", response_model=UnreadOut,
             summary="Mark a notification read")
def mark_read(notification_id: UUID, principal: CurrentPrincipal, app: WriteModelDep,
              request: Request, response: Response) -> UnreadOut:
    """Marks one of your notifications read (again: no change); answers how many stay unread."""
    position = app.mark_notification_read(notification_id, principal=principal)
    unread = _unread_after(request, principal.actor, position)
    return positioned(response, UnreadOut(unread=unread, position=position))


@router.post("/read-all", response_model=UnreadOut, summary="Mark all notifications read")
def mark_all_read(principal: CurrentPrincipal, app: WriteModelDep, request: Request,
                  response: Response) -> UnreadOut:
    """Marks every one of your notifications read; answers how many stay unread (0, or those
    issued meanwhile)."""
    with request.app.state.container.read_engine.connect() as conn:
        ids = inbox.unread_ids(conn, principal.actor)
    position = app.mark_notifications_read(ids, principal=principal)
    unread = _unread_after(request, principal.actor, position)
    return positioned(response, UnreadOut(unread=unread, position=position))
