"""Outgoing webhooks: endpoints that resellers (or the back office) register to hear about
orders, payments and refunds, and the log of every delivery made to them.

An endpoint's signing secret is encrypted at rest (core/crypto.py) rather than hashed: every
delivery is signed with it. A delivery's `delivery_id` is fixed when the event is enqueued and
sent with every attempt, so a receiver can drop a retry it has already processed."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, UUID
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, TimestampMixin, enum_column


class WebhookDeliveryStatus(StrEnum):
    pending = "pending"
    delivered = "delivered"
    failed = "failed"


class WebhookEndpoint(IdMixin, TimestampMixin, Base):
    __tablename__ = "webhook_endpoints"

    # None: a system-wide endpoint (the back office's own integrations) hearing every event.
    reseller_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("resellers.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str] = mapped_column(String(200), default="")
    event_types: Mapped[list[str]] = mapped_column(ARRAY(String(60)))
    secret_encrypted: Mapped[str] = mapped_column(Text)
    # The secret's first characters, to tell endpoints' secrets apart in lists.
    secret_prefix: Mapped[str] = mapped_column(String(16))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )


class WebhookDelivery(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "webhook_deliveries"

    delivery_id: Mapped[uuid.UUID] = mapped_column(UUID, unique=True)
    endpoint_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), index=True
    )
    event_type: Mapped[str] = mapped_column(String(60), index=True)
    payload: Mapped[dict[str, Any]]
    status: Mapped[WebhookDeliveryStatus] = mapped_column(
        enum_column(WebhookDeliveryStatus),
        default=WebhookDeliveryStatus.pending,
        server_default="pending",
        index=True,
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
