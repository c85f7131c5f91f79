"""Settings from `DIRECTO_*` environment variables (and `.env`). Built by the composition root, never at import."""

from __future__ import annotations

from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError

__all__ = ["Settings", "TelegramMode", "bundled_playbook_path", "load_settings"]

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./directo.sqlite3"


def bundled_playbook_path() -> Path:
    """The example playbook that ships inside the package (a fictional mobile carrier)."""
    return Path(str(resources.files("bot") / "examples" / "playbook.yaml"))


class TelegramMode(StrEnum):
    POLLING = "polling"
    WEBHOOK = "webhook"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DIRECTO_", env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_DATABASE_URL
    telegram_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    telegram_mode: TelegramMode = TelegramMode.POLLING
    public_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    playbook: Path = Field(default_factory=bundled_playbook_path)
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    generic_webhook_secret: SecretStr | None = None
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    webhook_tolerance_seconds: int = Field(default=300, ge=1)
    invite_ttl_hours: float = Field(default=24.0, gt=0)
    sweep_interval_seconds: float = Field(default=2.0, gt=0, le=60)
    pipeline_process: bool = True
    """Triage in a child process of its own (off the web process's GIL); false: in the web process."""
    source_max_per_second: float = Field(default=5000.0, gt=0)
    source_burst: float = Field(default=20000.0, ge=1)
    card_edit_interval_seconds: float = Field(default=5.0, ge=0, le=300)
    telegram_private_per_second: float = Field(default=1.0, gt=0, le=30)
    telegram_group_per_minute: float = Field(default=20.0, gt=0, le=60)
    telegram_global_per_second: float = Field(default=30.0, gt=0, le=1000)
    log_level: str = "INFO"
    log_format: Literal["json", "text"] = "json"

    @field_validator("telegram_token", "telegram_webhook_secret", "generic_webhook_secret", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("playbook", mode="before")
    @classmethod
    def _empty_is_bundled(cls, value: Any) -> Any:
        return bundled_playbook_path() if value in ("", None) else value

    @field_validator("telegram_api_url", "public_url")
    @classmethod
    def _no_trailing_slash(cls, value: str | None) -> str | None:
        return value.rstrip("/") if value else value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        # Accept the URLs people paste from elsewhere and pick the async driver for them.
        if value.startswith("postgres://"):
            value = "postgresql://" + value.removeprefix("postgres://")
        if value.startswith("postgresql://"):
            return "postgresql+asyncpg://" + value.removeprefix("postgresql://")
        if value.startswith("sqlite://") and not value.startswith("sqlite+aiosqlite://"):
            return "sqlite+aiosqlite://" + value.removeprefix("sqlite://")
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("must be a sqlite:// or postgresql:// URL")
        return value

    @model_validator(mode="after")
    def _webhook_needs_public_url(self) -> Settings:
        if self.telegram_mode is TelegramMode.WEBHOOK and self.telegram_token and not self.public_url:
            raise ValueError(
                "DIRECTO_TELEGRAM_MODE=webhook needs DIRECTO_PUBLIC_URL (the https root Telegram posts to)"
            )
        return self

    @property
    def telegram_configured(self) -> bool:
        return self.telegram_token is not None


def load_settings(**overrides: Any) -> Settings:
    """Read the settings, turning pydantic's report into one readable `ConfigError`."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = ".".join(str(part) for part in err["loc"])
            name = f"DIRECTO_{loc.upper()}" if loc else "settings"
            lines.append(f"{name}: {err['msg']}")
        raise ConfigError("bad settings:\n  " + "\n  ".join(lines)) from None
