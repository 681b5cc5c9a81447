"""Configuration from the environment (pydantic-settings); nothing is read at import time."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of a deployment. Embedded defaults: SQLite files under `./var`."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default=Path("var"), validation_alias="EVENTCONNECT_DATA_DIR")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    consistency_timeout: float = Field(default=5.0, validation_alias="EVENTCONNECT_CONSISTENCY_TIMEOUT")
    # Origins allowed to call the API from a browser page served elsewhere; none by default.
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias="EVENTCONNECT_CORS_ORIGINS")

    # --- identity -----------------------------------------------------------------------------
    # HS256 signing key; unset: generated once into <data_dir>/jwt_secret (mode 0600).
    jwt_secret: SecretStr | None = Field(default=None, validation_alias="EVENTCONNECT_JWT_SECRET")
    access_token_minutes: float = Field(default=15, gt=0, le=60,
                                        validation_alias="EVENTCONNECT_ACCESS_TOKEN_MINUTES")
    refresh_token_days: float = Field(default=14, gt=0, le=90,
                                      validation_alias="EVENTCONNECT_REFRESH_TOKEN_DAYS")
    # 12 in production; tests lower it for speed (each +1 doubles the time of a hash).
    bcrypt_rounds: int = Field(default=12, ge=4, le=16, validation_alias="EVENTCONNECT_BCRYPT_ROUNDS")
    login_failures_per_account: int = Field(
        default=5, ge=1, validation_alias="EVENTCONNECT_LOGIN_FAILURES_PER_ACCOUNT")
    # Per (client address, account): guesses from one address lock only the accounts guessed at,
    # never the right password's owner behind the same address (an office, a carrier's NAT).
    login_failures_per_address_and_account: int = Field(
        default=20, ge=1, validation_alias="EVENTCONNECT_LOGIN_FAILURES_PER_ADDRESS_AND_ACCOUNT")
    login_window_seconds: float = Field(default=300, gt=0,
                                        validation_alias="EVENTCONNECT_LOGIN_WINDOW_SECONDS")
    signups_per_address_per_hour: int = Field(
        default=20, ge=1, validation_alias="EVENTCONNECT_SIGNUPS_PER_ADDRESS_PER_HOUR")

    # --- database -----------------------------------------------------------------------------
    # Longest wait for the database per step (a connection, a lock, a statement): past it a
    # request answers 503 `unavailable` instead of hanging and committing after its client left.
    db_timeout: float = Field(default=3.0, ge=1, le=60, validation_alias="EVENTCONNECT_DB_TIMEOUT")
    # A pending Idempotency-Key claim older than this belongs to a request that died (no request
    # lives this long with bounded waits) and may be taken over by a retry.
    idempotency_lease_seconds: float = Field(
        default=60, ge=1, le=3600, validation_alias="EVENTCONNECT_IDEMPOTENCY_LEASE_SECONDS")

    # --- http edge ----------------------------------------------------------------------------
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed (addresses or CIDRs, comma-
    # separated; `*` for any). None by default: otherwise any local process could pick the client
    # address the per-address sign-in and sign-up limits count.
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias="EVENTCONNECT_TRUSTED_PROXIES")

    @field_validator("trusted_proxies", mode="before")
    @classmethod
    def _proxy_networks(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        for entry in value if isinstance(value, list) else ():
            if isinstance(entry, str) and entry != "*":
                ipaddress.ip_network(entry, strict=False)  # ValueError names the bad entry
        return value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @property
    def is_postgres(self) -> bool:
        return bool(self.database_url) and self.database_url.startswith("postgresql")  # type: ignore[union-attr]

    @property
    def read_model_url(self) -> str:
        """SQLAlchemy URL of the read models: the same PostgreSQL database, or their own SQLite
        file (a separate file keeps projection writes from queueing behind command writes)."""
        if self.database_url:
            if self.is_postgres and self.database_url.startswith("postgresql://"):
                return "postgresql+psycopg://" + self.database_url.removeprefix("postgresql://")
            return self.database_url
        return f"sqlite:///{self.data_dir / 'read_models.sqlite'}"

    @property
    def event_store_path(self) -> Path:
        return self.data_dir / "events.sqlite"
