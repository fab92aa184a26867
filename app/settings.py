"""Configuration read from EXPLORER_* environment variables."""

import secrets
from functools import cached_property
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(RuntimeError):
    """The environment does not describe a configuration the app can run with."""


class Settings(BaseSettings):
    """Everything the app reads from its environment."""

    model_config = SettingsConfigDict(env_prefix="EXPLORER_", extra="ignore")

    env: Literal["dev", "prod"] = "prod"
    database_url: str = "sqlite:///./data/explorer.db"
    secret_key: SecretStr | None = None
    admin_user: str | None = None
    admin_password: SecretStr | None = None
    content_dir: Path = PROJECT_ROOT / "content"
    # Import content/ on start-up when the database holds none yet.
    import_on_start: bool = True
    # Migrate the schema on start-up; off where a separate job migrates (deploy/k8s/migrate-job.yaml).
    migrate_on_start: bool = True
    # Addresses (IPs or CIDRs, comma-separated, or "*") whose X-Forwarded-* headers are believed; none by default.
    forwarded_allow_ips: str | None = None
    # Host names (comma-separated; "*.example.com" for subdomains) the app answers for; others get 400. "*": any
    # (the app writes no absolute URL from the Host header, so this is a second line of defence).
    allowed_hosts: str = "*"
    # Seconds a stopping server gives requests in flight before it closes them.
    graceful_shutdown_seconds: int = 20
    # Seconds a client has to send a request's headers (from the connection's first byte), and its body (from the
    # end of its headers): a client sending one byte a second is cut off with 408 (headers: app/http/header_deadline.py,
    # bodies: app/http/slow_clients.py).
    header_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    body_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    # The site's public address (https://explorer.example.com): canonical and hreflang links and the sitemap name
    # it. Unset, pages link their languages by path and the sitemap names the host it was asked on.
    public_url: str | None = None

    @field_validator("public_url")
    @classmethod
    def _plain_origin(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
            raise ValueError("EXPLORER_PUBLIC_URL must be an http(s) address such as https://explorer.example.com")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _require_secret_outside_dev(self) -> "Settings":
        if self.env != "dev" and (self.secret_key is None or len(self.secret_key.get_secret_value()) < 32):
            raise ConfigurationError(
                "EXPLORER_SECRET_KEY must be set to at least 32 characters when EXPLORER_ENV is not 'dev' "
                "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')"
            )
        return self

    @cached_property
    def session_secret(self) -> str:
        """The key that signs cookies: the configured one, or a random one per process in development."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        return secrets.token_urlsafe(48)
