"""GET endpoint of the inbox: a member's notifications, newest first, and how many are unread."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from command_api.domain.vocabulary import NotificationKind
from kernel.deps import CurrentPrincipal, ReadEngineDep
from projections import inbox
from query_api.deps import PagingDep, wait_until_consistent
from query_api.routes import _PROBLEM, ERRORS
from query_api.schemas import Page

SIGNED_IN: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"description": "No, or a bad, bearer token (`unauthorized`)", "content": _PROBLEM}}

router = APIRouter(prefix="/api/me", tags=["notifications"], responses=SIGNED_IN,
                   dependencies=[Depends(wait_until_consistent)])


class NotificationOut(BaseModel):
    id: UUID
    kind: NotificationKind
    event_id: UUID | None
    title: str
    body: str
    created_at: datetime
    read: bool


class InboxPage(Page[NotificationOut]):
    unread: int


@router.get("/notifications", response_model=InboxPage, summary="My notifications")
def my_notifications(principal: CurrentPrincipal, engine: ReadEngineDep,
                     paging: PagingDep) -> InboxPage:
    """Lists your notifications, newest first, with the number still unread."""
    with engine.connect() as conn:
        rows, total = inbox.page_of(conn, principal.actor, offset=paging.offset,
                                    limit=paging.page_size)
        unread = inbox.unread_count(conn, principal.actor)
    return InboxPage(items=[NotificationOut.model_validate(row) for row in rows], total=total,
                     page=paging.page, page_size=paging.page_size, unread=unread)
