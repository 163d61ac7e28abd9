"""Support tickets raised by app users, resellers or staff, and their reply threads."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, CreatedAtMixin, IdMixin, TimestampMixin, enum_column


class TicketPriority(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    urgent = "urgent"


class TicketStatus(StrEnum):
    open = "open"
    in_progress = "in_progress"
    resolved = "resolved"
    closed = "closed"


class SupportTicket(IdMixin, TimestampMixin, Base):
    __tablename__ = "support_tickets"

    ticket_number: Mapped[str] = mapped_column(String(50), unique=True)
    user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("public_users.id"), index=True
    )
    reseller_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("resellers.id"), index=True
    )
    order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sim_orders.id"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    subject: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    priority: Mapped[TicketPriority] = mapped_column(
        enum_column(TicketPriority), default=TicketPriority.medium, index=True
    )
    status: Mapped[TicketStatus] = mapped_column(
        enum_column(TicketStatus), default=TicketStatus.open, index=True
    )
    assigned_to_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]

    replies: Mapped[list[TicketReply]] = relationship(
        back_populates="ticket", lazy="raise", order_by="TicketReply.id"
    )


class TicketReply(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "ticket_replies"

    ticket_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("support_tickets.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    body: Mapped[str] = mapped_column(Text)
    # Internal notes are visible to staff only, never to the requester.
    is_internal: Mapped[bool] = mapped_column(Boolean, default=False)

    ticket: Mapped[SupportTicket] = relationship(back_populates="replies", lazy="raise")
