"""Login sessions, single-use tokens, 2FA recovery codes and the outbox of messages sent.

A session is one login on one device. Its refresh token rotates on every use; the previous
token's hash is kept so that presenting it again (a stolen token replayed) revokes the session.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import INET, UUID
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin, enum_column


class AuthSession(CreatedAtMixin, Base):
    __tablename__ = "auth_sessions"

    id: Mapped[uuid.UUID] = mapped_column(UUID, primary_key=True, sort_order=-100)
    account_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    refresh_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    previous_token_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    remember_me: Mapped[bool] = mapped_column(Boolean, default=False)
    device: Mapped[str] = mapped_column(String(200), default="")
    ip_address: Mapped[str | None] = mapped_column(INET)
    user_agent: Mapped[str] = mapped_column(Text, default="")
    last_seen_at: Mapped[datetime] = mapped_column(server_default=text("now()"))
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(index=True)
    revoked_reason: Mapped[str] = mapped_column(String(50), default="")


class TokenPurpose(StrEnum):
    password_reset = "password_reset"  # noqa: S105 - a purpose, not a secret
    email_verification = "email_verification"
    phone_verification = "phone_verification"


class OneTimeToken(IdMixin, CreatedAtMixin, Base):
    """Only a hash is stored: a database leak does not leak usable reset links."""

    __tablename__ = "one_time_tokens"
    __table_args__ = (Index(None, "account_id", "purpose"),)

    account_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="CASCADE")
    )
    purpose: Mapped[TokenPurpose] = mapped_column(enum_column(TokenPurpose))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)


class RecoveryCode(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "recovery_codes"

    account_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None]


class Channel(StrEnum):
    email = "email"
    sms = "sms"


class DeliveryStatus(StrEnum):
    """Where a message is on its way out. `skipped`: no provider is configured for its channel
    (SMS without TWILIO_*), so it stays in the outbox only and is never retried."""

    pending = "pending"
    sent = "sent"
    delivered = "delivered"
    bounced = "bounced"
    failed = "failed"
    skipped = "skipped"


class OutboundMessage(IdMixin, CreatedAtMixin, Base):
    """Every email and SMS the system sends, whichever provider delivers it."""

    __tablename__ = "outbound_messages"

    channel: Mapped[Channel] = mapped_column(enum_column(Channel), index=True)
    recipient: Mapped[str] = mapped_column(String(254), index=True)
    template: Mapped[str] = mapped_column(String(100), index=True)
    subject: Mapped[str] = mapped_column(String(255), default="")
    body: Mapped[str] = mapped_column(Text)
    context: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    account_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    provider: Mapped[str] = mapped_column(String(30), default="outbox")
    # Set by senders that may run twice (workflow activities): a retry finds the first message.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    sent_at: Mapped[datetime | None]
    error: Mapped[str] = mapped_column(Text, default="")
    # Delivery (services/messaging/delivery.py): the provider's id for the message, which its
    # status webhooks quote, and what they last reported.
    provider_message_id: Mapped[str | None] = mapped_column(String(255), index=True)
    delivery_status: Mapped[DeliveryStatus] = mapped_column(
        enum_column(DeliveryStatus), default=DeliveryStatus.pending, server_default="pending",
        index=True,
    )  # fmt: skip
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    delivered_at: Mapped[datetime | None]
