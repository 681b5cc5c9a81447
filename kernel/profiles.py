"""The account profile as both sides answer it: the write side after sign-up or an edit, the
read side on GET /api/me."""

from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, Field

from command_api.domain.vocabulary import Role


class ProfileOut(BaseModel):
    """The signed-in account's profile."""

    id: UUID
    email: str
    name: str
    role: Role
    timezone: str = Field(description="IANA zone times are shown in by default")
    locale: str
