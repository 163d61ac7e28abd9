"""Typed system settings and the record of inbound provider webhooks."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, enum_column


class SettingType(StrEnum):
    string = "string"
    number = "number"
    boolean = "boolean"
    json = "json"


class SystemSetting(IdMixin, Base):
    __tablename__ = "system_settings"

    setting_key: Mapped[str] = mapped_column(String(100), unique=True)
    # Stored as JSON so a number stays a number; setting_type says how to validate writes.
    setting_value: Mapped[Any] = mapped_column(JSONB)
    setting_type: Mapped[SettingType] = mapped_column(
        enum_column(SettingType), default=SettingType.string
    )
    group: Mapped[str] = mapped_column(String(50), default="general", index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    is_public: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class WebhookEvent(IdMixin, Base):
    """Each provider event is stored once by its id, so a replayed delivery is a no-op."""

    __tablename__ = "webhook_events"
    __table_args__ = (UniqueConstraint("provider", "event_id"),)

    provider: Mapped[str] = mapped_column(String(30), index=True)
    event_id: Mapped[str] = mapped_column(String(255))
    event_type: Mapped[str] = mapped_column(String(100), index=True)
    payload: Mapped[dict[str, Any]]
    received_at: Mapped[datetime] = mapped_column(server_default=func.now(), index=True)
    processed_at: Mapped[datetime | None]
    error: Mapped[str] = mapped_column(Text, default="")
