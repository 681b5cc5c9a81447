"""Write-side routes of accounts: one's own profile and password; roles and deactivation (admin)."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response

from command_api.account_schemas import (
    PasswordChangeIn,
    ProfilePatch,
    ProfileSaved,
    RoleChanged,
    RoleIn,
    TokenOut,
    UserChanged,
)
from command_api.deps import AccountsDep
from command_api.domain.errors import InvalidCredentials
from command_api.routes.auth import rate_limited, token_out
from command_api.routes.common import COMMAND_ERRORS, positioned
from kernel.deps import Admin, ClientAddress, CurrentPrincipal, LimitsDep

router = APIRouter(prefix="/api", tags=["identity"], responses=COMMAND_ERRORS)


@router.patch("/me", response_model=ProfileSaved)
def edit_profile(body: ProfilePatch, principal: CurrentPrincipal, accounts: AccountsDep,
                 response: Response) -> ProfileSaved:
    """Change your name, time zone, language or notification switches (`notifications`)."""
    changes = body.model_dump(exclude_unset=True, exclude_none=True, exclude={"notifications"})
    switches = body.notifications
    account, position = accounts.edit_profile(
        UUID(principal.actor), actor=principal.actor, changes=changes,
        email=switches.email if switches else None,
        reminders=switches.reminders if switches else None)
    return positioned(response, ProfileSaved.of(account, position=position))


@router.put("/me/password", response_model=TokenOut)
def change_password(body: PasswordChangeIn, principal: CurrentPrincipal, accounts: AccountsDep,
                    limits: LimitsDep, address: ClientAddress) -> TokenOut:
    """Set a new password. Every session ends; the answer is a fresh one for this client."""
    email = principal.email or ""
    wait = limits.login_retry_after(email, address)
    if wait is not None:
        raise rate_limited(wait)
    try:
        pair = accounts.change_password(UUID(principal.actor),
                                        current=body.current_password.get_secret_value(),
                                        new=body.new_password.get_secret_value())
    except InvalidCredentials:
        limits.login_failed(email, address)
        raise
    return token_out(pair)


@router.put("/users/{user_id}/role", response_model=RoleChanged)
def change_role(user_id: UUID, body: RoleIn, admin: Admin, accounts: AccountsDep,
                response: Response) -> RoleChanged:
    """Give a user another role (admin only; not your own). Recorded with who did it."""
    account, position = accounts.grant_role(user_id, body.role, actor=admin.actor)
    return positioned(response, RoleChanged(id=account.id, role=account.role,
                                            position=position))


@router.post("/users/{user_id}/deactivate", response_model=UserChanged)
def deactivate_user(user_id: UUID, admin: Admin, accounts: AccountsDep,
                    response: Response) -> UserChanged:
    """Deactivate a user (admin only; not yourself): their sessions end, sign-in stops working."""
    position = accounts.deactivate(user_id, actor=admin.actor)
    return positioned(response, UserChanged(id=user_id, position=position))
