"""Configuration from the environment (pydantic-settings); nothing is read at import time."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of a deployment. Embedded defaults: SQLite files under `./var`."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default=Path("var"), validation_alias="EVENTCONNECT_DATA_DIR")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    consistency_timeout: float = Field(default=5.0, validation_alias="EVENTCONNECT_CONSISTENCY_TIMEOUT")
    # The live hub (query_api/live_hub.py) is woken by commits and NOTIFY; this slow poll of the
    # store's head is only its safety net (tests raise it to prove the wake-ups alone suffice).
    live_poll_seconds: float = Field(default=1.0, gt=0, le=300,
                                     validation_alias="EVENTCONNECT_LIVE_POLL_SECONDS")
    # Origins allowed to call the API from a browser page served elsewhere; none by default.
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias="EVENTCONNECT_CORS_ORIGINS")

    # --- logs (eventconnect/logs.py) ------------------------------------------------------------
    # auto: plain text when stderr is a terminal, one JSON object a line otherwise.
    log_format: Literal["json", "text", "auto"] = Field(default="auto",
                                                        validation_alias="EVENTCONNECT_LOG_FORMAT")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="INFO", validation_alias="EVENTCONNECT_LOG_LEVEL")

    @field_validator("log_format", mode="before")
    @classmethod
    def _log_format(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

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

    # --- email ownership (H5) -----------------------------------------------------------------
    # Guest registrations per client address, `<count>/<window>` (units s m h d) or `off`: one
    # address cannot fill an event with made-up guests. Benchmarks and tests set `off`.
    guest_registration_limit: str = Field(default="30/10m",
                                          validation_alias="EVENTCONNECT_GUEST_REGISTRATION_LIMIT")
    # Reset emails per address per hour (more are silently not sent: the answer is 202 always,
    # so nobody can mail-bomb an inbox through us) and reset requests per client address.
    password_resets_per_email_per_hour: int = Field(
        default=3, ge=1, validation_alias="EVENTCONNECT_PASSWORD_RESETS_PER_EMAIL_PER_HOUR")
    password_resets_per_address_per_hour: int = Field(
        default=20, ge=1, validation_alias="EVENTCONNECT_PASSWORD_RESETS_PER_ADDRESS_PER_HOUR")

    @field_validator("guest_registration_limit")
    @classmethod
    def _guest_limit(cls, value: str) -> str:
        from kernel.ratelimit import parse_limit  # ValueError names what is wrong

        parse_limit(value)
        return value

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

    # --- mail (H2) ----------------------------------------------------------------------------
    # SMTP host set: mail goes there; unset: one `.eml` per message in <data_dir>/outbox.
    smtp_host: str | None = Field(default=None, validation_alias="EVENTCONNECT_SMTP_HOST")
    smtp_port: int = Field(default=587, ge=1, le=65535, validation_alias="EVENTCONNECT_SMTP_PORT")
    smtp_user: str | None = Field(default=None, validation_alias="EVENTCONNECT_SMTP_USER")
    smtp_password: SecretStr | None = Field(default=None,
                                            validation_alias="EVENTCONNECT_SMTP_PASSWORD")
    smtp_tls: Literal["starttls", "ssl", "none"] = Field(
        default="starttls", validation_alias="EVENTCONNECT_SMTP_TLS")
    mail_from: str = Field(default="EventConnect <no-reply@localhost>",
                           validation_alias="EVENTCONNECT_MAIL_FROM")
    # Base of the links in emails; unset: `serve` fills in its own http://<host>:<port>.
    public_url: str | None = Field(default=None, validation_alias="EVENTCONNECT_PUBLIC_URL")

    @property
    def link_base(self) -> str:
        """The base URL for links in emails, without a trailing slash."""
        return (self.public_url or "http://127.0.0.1:8000").rstrip("/")

    # --- reminders (H3) -----------------------------------------------------------------------
    # Before each event's start, e.g. "24h,1h" (units d h m s); kept as seconds, largest first.
    reminder_offsets: Annotated[list[int], NoDecode] = Field(
        default_factory=lambda: [86_400, 3_600], validation_alias="EVENTCONNECT_REMINDER_OFFSETS")
    # How often the scheduler looks for due work; a reminder goes out within this of its due time.
    reminder_sweep_seconds: float = Field(default=5.0, gt=0, le=30,
                                          validation_alias="EVENTCONNECT_REMINDER_SWEEP_SECONDS")

    @field_validator("reminder_offsets", mode="before")
    @classmethod
    def _offsets(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [parse_duration(part) for part in value.split(",") if part.strip()]
        if isinstance(value, list):
            if not value or len(value) > 10 or len(set(value)) != len(value):
                raise ValueError("one to 10 reminder offsets, each once")
            if any(not isinstance(v, int) or not 0 < v <= MAX_REMINDER_OFFSET for v in value):
                raise ValueError("reminder offsets lie between 1 s and 365 d")
            return sorted(value, reverse=True)
        return value

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


# --- reminder offsets (H3) ------------------------------------------------------------------------
DURATION_UNITS = {"d": 86_400, "h": 3_600, "m": 60, "s": 1}
MAX_REMINDER_OFFSET = 365 * 86_400


def parse_duration(text: str) -> int:
    """Seconds of "24h", "90m", "1d", "30s" (one number, one unit); ValueError otherwise."""
    text = text.strip().lower()
    number, unit = text[:-1], text[-1:]
    if unit not in DURATION_UNITS or not number.isascii() or not number.isdigit():
        raise ValueError(f"not a duration: {text!r} (use a whole number and d, h, m or s)")
    seconds = int(number) * DURATION_UNITS[unit]
    if not 0 < seconds <= MAX_REMINDER_OFFSET:
        raise ValueError(f"reminder offset {text!r} must lie between 1 s and 365 d")
    return seconds
