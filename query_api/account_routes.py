"""GET endpoints of identity: my profile and registrations; the admin's user list and audit."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query

from command_api.domain.vocabulary import RegistrationStatus
from kernel.deps import AccountLookupDep, Admin, ContainerDep, CurrentPrincipal, ReadEngineDep
from kernel.inputs import Line
from kernel.problems import Problem
from kernel.profiles import ProfileOut, Role
from query_api import history, listings, users
from query_api.deps import PagingDep, ZoneDep, wait_until_consistent
from query_api.routes import _PROBLEM, ERRORS
from query_api.schemas import HistoryEntryOut, MyRegistrationOut, Page, UserOut

SIGNED_IN: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"description": "No, or a bad, bearer token (`unauthorized`)", "content": _PROBLEM}}
ADMIN_ONLY: dict[int | str, dict[str, Any]] = {
    **SIGNED_IN,
    403: {"description": "Admins only (`forbidden`)", "content": _PROBLEM}}

router = APIRouter(prefix="/api", tags=["identity"], responses=SIGNED_IN,
                   dependencies=[Depends(wait_until_consistent)])


@router.get("/me", response_model=ProfileOut, summary="My profile")
def my_profile(principal: CurrentPrincipal, accounts: AccountLookupDep) -> ProfileOut:
    """Returns the signed-in account's profile, email verification and notification switches."""
    return ProfileOut.of(accounts.load(UUID(principal.actor)))


@router.get("/me/registrations", response_model=Page[MyRegistrationOut],
            summary="My registrations")
def my_registrations(
    principal: CurrentPrincipal,
    accounts: AccountLookupDep,
    engine: ReadEngineDep,
    paging: PagingDep,
    zone: ZoneDep,
    status: RegistrationStatus | None = None,
) -> Page[MyRegistrationOut]:
    """Lists your registrations, soonest event first; times in `tz` or your profile's zone."""
    zone = zone or ZoneInfo(accounts.load(UUID(principal.actor)).timezone)
    with engine.connect() as conn:
        rows, total = users.my_registrations(conn, principal.actor, status=status,
                                             offset=paging.offset, limit=paging.page_size)
    items = [MyRegistrationOut(event=listings.event_out(event, zone),
                               registration_id=registration["registration_id"],
                               status=registration["status"],
                               waitlist_position=registration["waitlist_position"])
             for registration, event in rows]
    return Page(items=items, total=total, page=paging.page, page_size=paging.page_size)


@router.get("/users", response_model=Page[UserOut], responses=ADMIN_ONLY, summary="Users")
def list_users(
    admin: Admin,
    engine: ReadEngineDep,
    paging: PagingDep,
    role: Role | None = None,
    q: Annotated[Line | None, Query(max_length=200, description="Part of the email or name")] = None,
    active: bool | None = None,
) -> Page[UserOut]:
    """Lists accounts by email (admin only)."""
    with engine.connect() as conn:
        rows, total = users.list_users(conn, role=role, q=q, active=active,
                                       offset=paging.offset, limit=paging.page_size)
    return Page(items=[UserOut(**{k: row[k] for k in UserOut.model_fields}) for row in rows],
                total=total, page=paging.page, page_size=paging.page_size)


@router.get("/users/{user_id}/history", response_model=Page[HistoryEntryOut],
            responses={**ADMIN_ONLY, 404: {"description": "Unknown account (`not_found`)",
                                           "content": _PROBLEM}},
            summary="Account audit history")
def user_history(user_id: UUID, admin: Admin, container: ContainerDep,
                 paging: PagingDep) -> Page[HistoryEntryOut]:
    """Lists an account's domain events (sign-up, role grants with who granted them, ...)."""
    stream = history.account_stream(container.write_model, user_id)
    if stream is None:
        raise Problem(404, "not_found", f"No user {user_id}.")
    zone = ZoneInfo("UTC")
    page = history.summarized(container.write_model, stream)[
        paging.offset : paging.offset + paging.page_size]
    return Page(items=[history.entry(r, zone, text) for r, text in page], total=len(stream),
                page=paging.page, page_size=paging.page_size)
