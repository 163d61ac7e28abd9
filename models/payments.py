"""Money movements: payments, refunds, reseller commissions and credit top-ups."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import CURRENCY_DEFAULT, Base, IdMixin, TimestampMixin, enum_column

if TYPE_CHECKING:
    from models.orders import SimOrder


class TransactionType(StrEnum):
    payment = "payment"
    refund = "refund"
    commission = "commission"
    # Takes back commission in proportion to a refund of the order that earned it.
    commission_reversal = "commission_reversal"
    credit = "credit"


class TransactionStatus(StrEnum):
    pending = "pending"
    completed = "completed"
    failed = "failed"
    cancelled = "cancelled"


class Transaction(IdMixin, TimestampMixin, Base):
    __tablename__ = "transactions"
    __table_args__ = (
        # Amounts are magnitudes; the type says which way the money moves.
        CheckConstraint("amount > 0", name="amount_positive"),
    )

    transaction_id: Mapped[str] = mapped_column(String(100), unique=True)
    order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sim_orders.id"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("public_users.id"), index=True
    )
    reseller_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("resellers.id"), index=True
    )
    # A refund or commission reversal points at the transaction it reverses.
    parent_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("transactions.id"), index=True
    )
    transaction_type: Mapped[TransactionType] = mapped_column(
        enum_column(TransactionType), index=True
    )
    amount: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3), default=CURRENCY_DEFAULT)
    payment_method: Mapped[str] = mapped_column(String(50), index=True)
    payment_gateway_response: Mapped[dict[str, Any]] = mapped_column(
        server_default=text("'{}'::jsonb")
    )
    status: Mapped[TransactionStatus] = mapped_column(
        enum_column(TransactionStatus), default=TransactionStatus.pending, index=True
    )
    gateway_transaction_id: Mapped[str] = mapped_column(String(200), default="", index=True)
    failure_reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )

    order: Mapped[SimOrder | None] = relationship(lazy="raise")
