"""Request and response models of identity: sign-up, tokens, profile, password, roles, email
verification and password reset.

Passwords are `SecretStr`, so a model printed or logged by mistake shows `**********`, and the
validation errors about them never echo the value.
"""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StrictBool,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from command_api.schemas import Email, PersonName, Positioned, Strict, TimeZoneName
from kernel.inputs import SINGLE_LINE, EncodableSecret
from kernel.profiles import ProfileOut, Role
from kernel.security import MIN_PASSWORD_LENGTH, password_problem

Locale = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$",
                                          max_length=35)]
PASSWORD_HELP = (f"At least {MIN_PASSWORD_LENGTH} characters (at most 72 bytes), not one of the "
                 "most common passwords")


def _checked(password: SecretStr, email: str | None = None) -> SecretStr:
    problem = password_problem(password.get_secret_value(), email=email)
    if problem:
        raise ValueError(f"password {problem}")
    return password


class SignupIn(Strict):
    """A new account. Everyone starts as a `member`; an admin grants other roles."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "email": "asha@example.org", "password": "correct horse battery", "name": "Asha Rao",
        "timezone": "Asia/Kolkata", "locale": "en-IN"}]})

    email: Email
    password: Annotated[SecretStr, Field(max_length=1024, description=PASSWORD_HELP),
                        EncodableSecret]
    name: PersonName
    timezone: TimeZoneName = "UTC"
    locale: Locale = "en"

    @field_validator("password")
    @classmethod
    def _strong(cls, password: SecretStr, info: ValidationInfo) -> SecretStr:
        return _checked(password, info.data.get("email"))


class SignedUp(ProfileOut, Positioned):
    pass


class NotificationsPatch(Strict):
    """Either switch, or both; a switch left out stays as it is."""

    email: StrictBool | None = None
    reminders: StrictBool | None = None


class ProfilePatch(Strict):
    """Any of name, time zone, language and the notification switches."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "timezone": "Europe/Berlin", "locale": "de", "notifications": {"reminders": False}}]})

    name: PersonName | None = None
    timezone: TimeZoneName | None = None
    locale: Locale | None = None
    notifications: NotificationsPatch | None = None


class ProfileSaved(ProfileOut, Positioned):
    pass


class PasswordChangeIn(Strict):
    """The current password and a new one; every other session ends."""

    current_password: Annotated[SecretStr, Field(max_length=1024), EncodableSecret]
    new_password: Annotated[SecretStr, Field(max_length=1024, description=PASSWORD_HELP),
                            EncodableSecret]

    @field_validator("new_password")
    @classmethod
    def _strong(cls, password: SecretStr) -> SecretStr:
        return _checked(password)


class TokenOut(BaseModel):
    """OAuth2 bearer tokens: a short-lived access token and a one-use refresh token."""

    access_token: str
    refresh_token: str = Field(description="Use once with POST /api/auth/refresh; a second use "
                                           "revokes the session")
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
    expires_in: int = Field(description="Seconds the access token is valid")


class RefreshIn(Strict):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=4096), SINGLE_LINE]


class RoleIn(Strict):
    role: Role


class RoleChanged(Positioned):
    id: UUID
    role: Role


class UserChanged(Positioned):
    id: UUID


# --- email links ------------------------------------------------------------------------------------

# `<account hex>.<43 url-safe characters>`; anything longer or stranger is no token of ours.
EmailToken = Annotated[str, StringConstraints(min_length=1, max_length=200,
                                              pattern=r"^[A-Za-z0-9._-]+$")]


class VerifiedOut(Positioned):
    email_verified: Literal[True] = True


class PasswordResetIn(Strict):
    """The address of the account whose password was forgotten."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "email": "asha@example.org"}]})

    email: Email


class PasswordResetAccepted(BaseModel):
    """The same answer whether or not an account has this address."""

    detail: str = ("If an account has this address, a link to choose a new password is on its "
                   "way; it is valid for one hour.")


class PasswordResetConfirmIn(Strict):
    """The token of the emailed link and the new password."""

    token: EmailToken
    new_password: Annotated[SecretStr, Field(max_length=1024, description=PASSWORD_HELP),
                            EncodableSecret]

    @field_validator("new_password")
    @classmethod
    def _strong(cls, password: SecretStr) -> SecretStr:
        return _checked(password)


class PasswordResetDone(Positioned):
    detail: str = "Your password was changed; every session ended. Sign in with the new one."
