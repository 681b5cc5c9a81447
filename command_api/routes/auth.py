"""Signing up and in: accounts, the OAuth2 password flow, refresh-token rotation, sign-out;
the emailed links: verifying the address, choosing a new password."""

from __future__ import annotations

import logging
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, BackgroundTasks, Form, Query, Response, status

from command_api.account_schemas import (
    EmailToken,
    PasswordResetAccepted,
    PasswordResetConfirmIn,
    PasswordResetDone,
    PasswordResetIn,
    RefreshIn,
    SignedUp,
    SignupIn,
    TokenOut,
    VerifiedOut,
)
from command_api.deps import AccountsDep
from command_api.domain.errors import InvalidCredentials
from command_api.domain.registration import normalise_email
from command_api.routes.common import PROBLEM, TRANSPORT_ERRORS, positioned
from command_api.schemas import Positioned
from command_api.use_cases.accounts import Accounts, TokenPair
from kernel.deps import ClientAddress, CurrentPrincipal, EmailLimitsDep, LimitsDep
from kernel.problems import Problem

log = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, Any]] = {
    **TRANSPORT_ERRORS,
    401: {"description": "Wrong credentials or token (`invalid_credentials`, `unauthorized`, "
                         "`token_reused`)", "content": PROBLEM},
    422: {"description": "Invalid input (`validation_error`)", "content": PROBLEM},
    429: {"description": "Too many attempts (`rate_limited`; see Retry-After)",
          "content": PROBLEM},
}

router = APIRouter(prefix="/api/auth", tags=["identity"], responses=ERRORS)


SIGNED_IN_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"description": "No, or a bad, bearer token (`unauthorized`)", "content": PROBLEM}}


def rate_limited(seconds: int) -> Problem:
    return Problem(429, "rate_limited", f"Too many attempts; try again in {seconds} s.",
                   headers={"Retry-After": str(seconds)})


def token_out(pair: TokenPair) -> TokenOut:
    return TokenOut(access_token=pair.access_token, refresh_token=pair.refresh_token,
                    expires_in=pair.expires_in)


@router.post("/signup", status_code=status.HTTP_201_CREATED, response_model=SignedUp,
             responses={409: {"description": "`email_taken`", "content": PROBLEM}})
def sign_up(body: SignupIn, accounts: AccountsDep, limits: LimitsDep, address: ClientAddress,
            response: Response) -> SignedUp:
    """Create an account (role `member`); then sign in with POST /api/auth/token."""
    wait = limits.signups_per_address.retry_after(address)
    if wait is not None:
        raise rate_limited(wait)
    limits.signups_per_address.hit(address)
    account, position = accounts.sign_up(
        email=str(body.email), password=body.password.get_secret_value(), name=body.name,
        timezone=body.timezone, locale=body.locale)
    response.headers["Location"] = "/api/me"
    return positioned(response, SignedUp.of(account, position=position))


@router.post("/token", response_model=TokenOut)
def log_in(
    accounts: AccountsDep, limits: LimitsDep, address: ClientAddress,
    username: Annotated[str, Form(max_length=254, description="Your email")],
    password: Annotated[str, Form(max_length=1024, json_schema_extra={"format": "password"})],
    grant_type: Annotated[str | None, Form(pattern="^password$")] = None,
) -> TokenOut:
    """Sign in (OAuth2 password flow): form fields `username` (email) and `password`."""
    email = normalise_email(username)
    wait = limits.login_retry_after(email, address)
    if wait is not None:
        raise rate_limited(wait)
    try:
        pair = accounts.log_in(email, password)
    except InvalidCredentials:
        limits.login_failed(email, address)
        raise
    limits.login_succeeded(email, address)
    return token_out(pair)


@router.post("/refresh", response_model=TokenOut)
def refresh(body: RefreshIn, accounts: AccountsDep) -> TokenOut:
    """Trade a refresh token for a new pair; the old refresh token stops working."""
    return token_out(accounts.refresh(body.refresh_token))


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def log_out(body: RefreshIn, accounts: AccountsDep) -> Response:
    """Sign out: the session's refresh tokens stop working (access tokens expire within minutes)."""
    position = accounts.log_out(body.refresh_token)
    return Response(status_code=204, headers={"X-Position": str(position)})


# --- the emailed links ------------------------------------------------------------------------------

INVALID_TOKEN: dict[int | str, dict[str, Any]] = {
    409: {"description": "The link is unknown, used, replaced or expired (`invalid_token`)",
          "content": PROBLEM}}


@router.post("/verify", response_model=VerifiedOut, responses=INVALID_TOKEN)
def verify_email(accounts: AccountsDep, response: Response,
                 token: Annotated[EmailToken, Query(description="From the emailed link")],
                 ) -> VerifiedOut:
    """Confirm your email address with the link sent at sign-up."""
    _, position = accounts.verify_email(token)
    return positioned(response, VerifiedOut(position=position))


@router.post("/verify/resend", response_model=Positioned, status_code=status.HTTP_202_ACCEPTED,
             responses={**SIGNED_IN_ERRORS,
                        409: {"description": "Already verified (`invalid_state`)",
                              "content": PROBLEM}})
def resend_verification(principal: CurrentPrincipal, accounts: AccountsDep,
                        limits: EmailLimitsDep, response: Response) -> Positioned:
    """Email a new verification link (the previous one stops working)."""
    wait = limits.take(limits.verification_resends, principal.actor)
    if wait is not None:
        raise rate_limited(wait)
    return positioned(response, Positioned(
        position=accounts.resend_verification(UUID(principal.actor))))


def _send_reset_link(accounts: Accounts, email: str) -> None:
    # After the answer is sent: whether an account exists shows neither in it nor in its timing.
    try:
        accounts.request_password_reset(email)
    except Exception:
        log.exception("password reset request failed")


@router.post("/password-reset", status_code=status.HTTP_202_ACCEPTED,
             response_model=PasswordResetAccepted)
def request_password_reset(body: PasswordResetIn, accounts: AccountsDep, limits: EmailLimitsDep,
                           address: ClientAddress, tasks: BackgroundTasks,
                           ) -> PasswordResetAccepted:
    """Forgot your password? Emails a single-use link valid for one hour, if an account has
    this address. The answer is the same either way."""
    wait = limits.take(limits.resets_per_address, address)
    if wait is not None:
        raise rate_limited(wait)
    # Past a few per hour an inbox gets no more (the answer stays the same: nothing to learn).
    if limits.take(limits.resets_per_email, normalise_email(str(body.email))) is None:
        tasks.add_task(_send_reset_link, accounts, str(body.email))
    return PasswordResetAccepted()


@router.post("/password-reset/confirm", response_model=PasswordResetDone,
             responses=INVALID_TOKEN)
def confirm_password_reset(body: PasswordResetConfirmIn, accounts: AccountsDep,
                           response: Response) -> PasswordResetDone:
    """Choose a new password with the emailed link; every session of the account ends."""
    position = accounts.reset_password(body.token, body.new_password.get_secret_value())
    return positioned(response, PasswordResetDone(position=position))
