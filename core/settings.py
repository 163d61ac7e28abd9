"""Typed configuration read from the environment and `.env`.

Development defaults make `make run` work with no configuration at all; `Settings.check_production`
refuses to start a production process that still carries a development secret.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AnyUrl, Field, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Development-only values, refused in production by Settings.check_production.
DEV_JWT_SECRET = "dev-only-jwt-secret-change-me-0123456789abcdef"  # noqa: S105
DEV_ENCRYPTION_KEY = "ZGV2LW9ubHktZW5jcnlwdGlvbi1rZXktMzItYnl0ZXM="
DEV_STRIPE_KEY = "sk_test_simdesk_local"
DEV_STRIPE_WEBHOOK_SECRET = "whsec_simdesk_local"  # noqa: S105
DEV_ADMIN_PASSWORD = "simdesk-demo-2026"  # noqa: S105


class Environment(StrEnum):
    development = "development"
    test = "test"
    production = "production"


class ConfigurationError(RuntimeError):
    """A setting is missing, malformed or unsafe; the message names the setting."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", case_sensitive=False)

    environment: Environment = Environment.development
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    public_url: str = ""
    data_dir: Path = PROJECT_ROOT / ".data"
    log_level: str = "INFO"
    log_json: bool = True
    sentry_dsn: str = ""

    database_url: str = "postgresql+asyncpg://postgres@127.0.0.1:5432/simdesk"
    database_pool_size: int = Field(default=10, ge=1)
    database_max_overflow: int = Field(default=10, ge=0)
    redis_url: str = "redis://127.0.0.1:6379/0"

    temporal_address: str = "127.0.0.1:7233"
    temporal_namespace: str = "default"
    temporal_ui_url: str = "http://127.0.0.1:8233"
    temporal_task_queue_prefix: str = ""
    # An app user's order not paid within this time is cancelled and its SIM put back.
    order_payment_timeout_seconds: int = Field(default=1800, gt=0)
    # A delivered SIM or sent eSIM not activated within this time earns the customer a reminder.
    activation_reminder_seconds: int = Field(default=7 * 86400, gt=0)
    # Refunds above this amount wait for a second staff member's approval.
    refund_approval_threshold: Decimal = Field(default=Decimal("500.00"), ge=0)
    # Reports are read and stored this many rows at a time; progress is recorded per chunk.
    report_chunk_rows: int = Field(default=2000, ge=1, le=100_000)
    # Reseller onboarding: approvers are reminded this often while a decision is due; an
    # onboarding not finished (verified, documents in, decided) this long after it began expires.
    reseller_onboarding_reminder_seconds: int = Field(default=86400, gt=0)
    reseller_onboarding_expiry_seconds: int = Field(default=14 * 86400, gt=0)
    # Custom email campaigns: recipients per activity, and the send rate they are held to.
    campaign_batch_size: int = Field(default=100, ge=1, le=1000)
    campaign_messages_per_second: float = Field(default=10.0, gt=0)

    meili_url: str = ""
    meili_api_key: SecretStr = SecretStr("")

    stripe_api_key: SecretStr = SecretStr(DEV_STRIPE_KEY)
    stripe_api_base: str = "http://127.0.0.1:8420"
    stripe_webhook_secret: SecretStr = SecretStr(DEV_STRIPE_WEBHOOK_SECRET)

    twilio_account_sid: str = ""
    twilio_auth_token: SecretStr = SecretStr("")
    twilio_from_number: str = ""
    sendgrid_api_key: SecretStr = SecretStr("")
    email_from: str = "simdesk <no-reply@example.com>"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = Field(default=8025, ge=1, le=65535)
    # Delivery and provider webhooks (messaging/delivery.py, routes/provider_webhooks.py).
    sendgrid_api_base: str = "https://api.sendgrid.com"
    # The "Verification Key" of SendGrid's signed event webhook (base64 DER, ECDSA P-256);
    # empty: /api/webhooks/sendgrid/ accepts nothing.
    sendgrid_webhook_public_key: str = ""
    twilio_api_base: str = "https://api.twilio.com"
    # Outgoing webhooks to reseller endpoints (services/outgoing_webhooks.py).
    outgoing_webhook_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # Messages and outgoing webhooks are retried with exponential backoff (doubling from this,
    # at most an hour apart) and failed after this many attempts (10: about 2.5 hours).
    delivery_retry_initial_seconds: float = Field(default=10.0, gt=0)
    delivery_max_attempts: int = Field(default=10, ge=1, le=100)

    jwt_secret: SecretStr = SecretStr(DEV_JWT_SECRET)
    jwt_access_ttl_seconds: int = Field(default=900, ge=60)
    jwt_refresh_ttl_seconds: int = Field(default=86_400, ge=300)
    jwt_refresh_remember_ttl_seconds: int = Field(default=30 * 86_400, ge=300)
    # Roles that may not turn 2FA off (and are asked to enrol at login).
    two_factor_required_roles: Annotated[list[str], NoDecode] = Field(default_factory=list)
    data_encryption_key: SecretStr = SecretStr(DEV_ENCRYPTION_KEY)

    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_body_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    # Uploaded files (avatars, logos, documents); keys are random, never client-supplied names.
    # Unset: <DATA_DIR>/storage (filled in by _storage_under_data_dir).
    storage_dir: Path = Field(default=None, validate_default=True)
    # Below max_body_bytes, so an oversized file gets the upload's own clear 413.
    max_upload_bytes: int = Field(default=5 * 1024 * 1024, ge=1024)
    activity_flush_seconds: float = Field(default=1.0, gt=0)
    # Requests per window, per route and caller (API key, account, or client IP when anonymous).
    rate_limit_enabled: bool = True
    rate_limit_window_seconds: int = Field(default=60, ge=1)
    rate_limit_authenticated: int = Field(default=300, ge=1)
    rate_limit_anonymous: int = Field(default=120, ge=1)
    # Auth routes that check a secret (reset token, code, password) without their own throttle.
    rate_limit_strict: int = Field(default=10, ge=1)
    # Live updates (/api/ws/): the Redis channel every API process and worker shares, how often
    # a socket is pinged (and its session re-checked), how long a new socket may take to send
    # its token, and how many events may wait for a slow client before it is disconnected.
    live_channel: str = Field(default="simdesk:live", min_length=1)
    live_heartbeat_seconds: float = Field(default=25.0, gt=0)
    live_auth_timeout_seconds: float = Field(default=10.0, gt=0)
    live_send_queue_size: int = Field(default=256, ge=1)

    demo_admin_email: str = "admin@example.com"
    demo_admin_password: SecretStr = SecretStr(DEV_ADMIN_PASSWORD)

    @field_validator("cors_origins", "two_factor_required_roles", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("storage_dir", mode="before")
    @classmethod
    def _storage_under_data_dir(cls, value: object, info: ValidationInfo) -> object:
        if value is None or value == "":
            return Path(info.data.get("data_dir", PROJECT_ROOT / ".data")) / "storage"
        return value

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        parsed = AnyUrl(value)
        if parsed.scheme not in {"postgresql+asyncpg", "postgresql", "postgres"}:
            raise ValueError("must be a postgresql+asyncpg:// URL")
        if not parsed.path or parsed.path == "/":
            raise ValueError(
                "must name a database, e.g. postgresql+asyncpg://user@host:5432/simdesk"
            )
        return "postgresql+asyncpg://" + value.split("://", 1)[1]

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: str) -> str:
        if AnyUrl(value).scheme not in {"redis", "rediss", "unix"}:
            raise ValueError("must be a redis:// URL")
        return value

    @property
    def is_development(self) -> bool:
        return self.environment is not Environment.production

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.host}:{self.port}"

    def check_production(self) -> None:
        """Refuse to run in production with any development secret or demo credential."""
        if self.is_development:
            return
        unsafe = [
            name
            for name, dev_value in {
                "JWT_SECRET": DEV_JWT_SECRET,
                "DATA_ENCRYPTION_KEY": DEV_ENCRYPTION_KEY,
                "STRIPE_API_KEY": DEV_STRIPE_KEY,
                "STRIPE_WEBHOOK_SECRET": DEV_STRIPE_WEBHOOK_SECRET,
                "DEMO_ADMIN_PASSWORD": DEV_ADMIN_PASSWORD,
            }.items()
            if getattr(self, name.lower()).get_secret_value() == dev_value
        ]
        if len(self.jwt_secret.get_secret_value()) < 32:
            unsafe.append("JWT_SECRET (shorter than 32 characters)")
        if unsafe:
            raise ConfigurationError(
                "refusing to start in production with development values for: " + ", ".join(unsafe)
            )


def load_settings() -> Settings:
    """Build settings, turning a validation failure into one line that names the setting."""
    from pydantic import ValidationError

    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigurationError(f"invalid configuration: {problems}") from None
    settings.check_production()
    return settings


@lru_cache
def get_settings() -> Settings:
    return load_settings()
