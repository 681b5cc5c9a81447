"""Configuration from the environment (pydantic-settings); nothing is read at import time."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob of a deployment. Embedded defaults: SQLite files under `./var`."""

    model_config = SettingsConfigDict(extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default=Path("var"), validation_alias="EVENTCONNECT_DATA_DIR")
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    consistency_timeout: float = Field(default=5.0, validation_alias="EVENTCONNECT_CONSISTENCY_TIMEOUT")
    cors_origins: list[str] = Field(default_factory=list, validation_alias="EVENTCONNECT_CORS_ORIGINS")

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
