"""The account profile as both sides answer it: the write side after sign-up or an edit, the
read side on GET /api/me."""

from __future__ import annotations

from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, Field

from command_api.domain.vocabulary import Role


class NotificationSwitches(BaseModel):
    """Which notifications reach the member besides the inbox (both on by default)."""

    email: bool = Field(default=True, description="Notifications also by email")
    reminders: bool = Field(default=True, description="Reminders before events")


class ProfileOut(BaseModel):
    """The signed-in account's profile."""

    id: UUID
    email: str
    name: str
    role: Role
    timezone: str = Field(description="IANA zone times are shown in by default")
    locale: str
    email_verified: bool = Field(default=False, description="The address was confirmed through "
                                                           "the emailed link")
    notifications: NotificationSwitches = Field(default_factory=NotificationSwitches)

    @classmethod
    def of(cls, account: Any, **extra: Any) -> Self:
        """The profile of an `Account` aggregate (plus e.g. `position` for a command answer)."""
        return cls(id=account.id, email=account.email, name=account.name, role=account.role,
                   timezone=account.timezone, locale=account.locale,
                   email_verified=account.email_verified,
                   notifications=NotificationSwitches(email=account.email_notifications,
                                                      reminders=account.reminder_notifications),
                   **extra)
