"""Custom emails staff send to one person or a segment, and each recipient's fate."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, TimestampMixin, enum_column


class Segment(StrEnum):
    person = "person"  # segment_value: an email address
    all_resellers = "all_resellers"
    active_resellers = "active_resellers"
    plan_users = "plan_users"  # segment_value: a plan id; app users who ordered it
    city_users = "city_users"  # segment_value: a city
    reseller_clients = "reseller_clients"  # segment_value: a reseller id


class CampaignStatus(StrEnum):
    sending = "sending"
    completed = "completed"
    cancelled = "cancelled"


class RecipientStatus(StrEnum):
    pending = "pending"
    sent = "sent"
    cancelled = "cancelled"


class EmailCampaign(IdMixin, TimestampMixin, Base):
    __tablename__ = "email_campaigns"

    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    segment: Mapped[Segment] = mapped_column(enum_column(Segment))
    segment_value: Mapped[str] = mapped_column(String(254), default="")
    status: Mapped[CampaignStatus] = mapped_column(
        enum_column(CampaignStatus), default=CampaignStatus.sending, index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    recipients_total: Mapped[int] = mapped_column(default=0)
    finished_at: Mapped[datetime | None]


class CampaignRecipient(IdMixin, Base):
    """The segment as it was when the campaign was created: a later change to the segment
    neither adds nor drops anyone from a campaign already sending."""

    __tablename__ = "email_campaign_recipients"
    __table_args__ = (
        UniqueConstraint("campaign_id", "email"),
        Index(None, "campaign_id", "status"),
    )

    campaign_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("email_campaigns.id", ondelete="CASCADE")
    )
    email: Mapped[str] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[RecipientStatus] = mapped_column(
        enum_column(RecipientStatus), default=RecipientStatus.pending
    )
    message_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("outbound_messages.id", ondelete="SET NULL"), index=True
    )
    sent_at: Mapped[datetime | None]
