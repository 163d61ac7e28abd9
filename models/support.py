"""Support tickets raised by app users, resellers or staff, and their reply threads."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Boolean, ForeignKey, String, Text, case
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from models.base import Base, CreatedAtMixin, IdMixin, TimestampMixin, enum_column
from models.search import search_indexes, search_text, search_vector

if TYPE_CHECKING:
    from models.customers import PublicUser
    from models.identity import Account
    from models.orders import SimOrder
    from models.resellers import Reseller


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
    __table_args__ = search_indexes("support_tickets")

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
    search_vector: Mapped[str] = search_vector(
        {"ticket_number": "A", "subject": "A", "description": "C"}
    )
    search_text: Mapped[str] = search_text(("ticket_number", "subject"))

    # Sorting by priority means by urgency, not alphabetically. Deferred: computed in SQL only
    # where a query orders by it, never loaded with the row.
    priority_rank: Mapped[int] = column_property(
        case(
            {p.value: rank for rank, p in enumerate(TicketPriority)},
            value=priority,
        ),
        deferred=True,
        raiseload=True,
    )

    user: Mapped[PublicUser | None] = relationship(lazy="raise")
    reseller: Mapped[Reseller | None] = relationship(lazy="raise")
    order: Mapped[SimOrder | None] = relationship(lazy="raise")
    assignee: Mapped[Account | None] = relationship(
        foreign_keys="SupportTicket.assigned_to_id", lazy="raise"
    )
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
    author: Mapped[Account | None] = relationship(lazy="raise")
