"""Signing up and in: accounts, the OAuth2 password flow, refresh-token rotation, sign-out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Response, status

from command_api.account_schemas import RefreshIn, SignedUp, SignupIn, TokenOut
from command_api.deps import AccountsDep
from command_api.domain.errors import InvalidCredentials
from command_api.domain.registration import normalise_email
from command_api.routes.common import PROBLEM, TRANSPORT_ERRORS, positioned
from command_api.use_cases.accounts import TokenPair
from kernel.deps import ClientAddress, LimitsDep
from kernel.problems import Problem

ERRORS: dict[int | str, dict[str, Any]] = {
    **TRANSPORT_ERRORS,
    401: {"description": "Wrong credentials or token (`invalid_credentials`, `unauthorized`, "
                         "`token_reused`)", "content": PROBLEM},
    422: {"description": "Invalid input (`validation_error`)", "content": PROBLEM},
    429: {"description": "Too many attempts (`rate_limited`; see Retry-After)",
          "content": PROBLEM},
}

router = APIRouter(prefix="/api/auth", tags=["identity"], responses=ERRORS)


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
    return positioned(response, SignedUp(
        id=account.id, email=account.email, name=account.name, role=account.role,
        timezone=account.timezone, locale=account.locale, position=position))


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
