"""SIM orders and the history of every status change they went through."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import (
    CURRENCY_DEFAULT,
    Base,
    CreatedAtMixin,
    IdMixin,
    TimestampMixin,
    enum_column,
)
from models.catalog import SimType
from models.search import search_indexes, search_text, search_vector

if TYPE_CHECKING:
    from models.catalog import SimPlan
    from models.customers import PublicUser
    from models.resellers import Reseller, ResellerClient


class OrderSource(StrEnum):
    app_user = "app_user"
    reseller_client = "reseller_client"


class OrderStatus(StrEnum):
    pending = "pending"
    confirmed = "confirmed"
    dispatched = "dispatched"
    delivered = "delivered"
    activated = "activated"
    cancelled = "cancelled"


class PaymentStatus(StrEnum):
    pending = "pending"
    authorized = "authorized"
    # An authorization released before capture: the customer was never charged.
    voided = "voided"
    paid = "paid"
    failed = "failed"
    partially_refunded = "partially_refunded"
    refunded = "refunded"


class StatusChangeSource(StrEnum):
    api = "api"
    workflow = "workflow"
    webhook = "webhook"
    system = "system"


class SimOrder(IdMixin, TimestampMixin, Base):
    __tablename__ = "sim_orders"
    __table_args__ = (
        CheckConstraint(
            "(order_type = 'app_user' AND user_id IS NOT NULL)"
            " OR (order_type = 'reseller_client' AND reseller_id IS NOT NULL)",
            name="buyer_matches_type",
        ),
        # The customer is an app user or a reseller's client, never both: each order counts
        # once in its customer's `orders_count`.
        CheckConstraint("user_id IS NULL OR client_id IS NULL", name="one_customer"),
        CheckConstraint("plan_price > 0", name="plan_price_positive"),
        CheckConstraint(
            "delivery_fee >= 0 AND tax_amount >= 0 AND service_charge >= 0",
            name="charges_not_negative",
        ),
        CheckConstraint(
            "total_amount = plan_price + delivery_fee + tax_amount + service_charge",
            name="total_is_sum",
        ),
        # The default list view: newest first, optionally narrowed by status. With the id (the
        # sort's tiebreaker), a deep page's keys are read from the index alone.
        Index(None, "status", "created_at", "id"),
        # Newest first with each order's customer: the page of a search by customer (their ids
        # listed) is found in the index alone, without reading the orders passed over.
        Index(
            "ix_sim_orders_newest_by_customer",
            "created_at",
            "id",
            postgresql_include=["user_id", "client_id"],
        ),
        # The fulfilment sweeper's scan: recent orders whose workflow never started.
        Index(
            "ix_sim_orders_awaiting_fulfilment",
            "created_at",
            postgresql_where=text("fulfilment_started_at IS NULL"),
        ),
        *search_indexes("sim_orders"),
    )

    order_number: Mapped[str] = mapped_column(String(50), unique=True)
    order_type: Mapped[OrderSource] = mapped_column(enum_column(OrderSource), index=True)
    user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("public_users.id"), index=True
    )
    reseller_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("resellers.id"), index=True
    )
    client_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("reseller_clients.id"), index=True
    )
    plan_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("sim_plans.id"), index=True)
    # Snapshot of the plan at order time: later catalog edits never rewrite past orders.
    sim_type: Mapped[SimType] = mapped_column(enum_column(SimType), index=True)
    network_provider: Mapped[str] = mapped_column(String(50), index=True)
    plan_name: Mapped[str] = mapped_column(String(100))
    plan_price: Mapped[Decimal]
    delivery_address: Mapped[str] = mapped_column(Text, default="")
    delivery_fee: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    tax_amount: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    service_charge: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    total_amount: Mapped[Decimal] = mapped_column(index=True)
    currency: Mapped[str] = mapped_column(String(3), default=CURRENCY_DEFAULT)
    status: Mapped[OrderStatus] = mapped_column(
        enum_column(OrderStatus), default=OrderStatus.pending, index=True
    )
    payment_status: Mapped[PaymentStatus] = mapped_column(
        enum_column(PaymentStatus), default=PaymentStatus.pending, index=True
    )
    courier: Mapped[str] = mapped_column(String(100), default="")
    delivery_tracking_number: Mapped[str] = mapped_column(String(100), default="", index=True)
    delivery_eta: Mapped[datetime | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    dispatched_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    activated_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    # Set by the fulfilment workflow's first step; NULL means no workflow has picked it up yet.
    fulfilment_started_at: Mapped[datetime | None]
    # The customer's name and phone are searched through their own tables' columns.
    search_vector: Mapped[str] = search_vector(
        {"order_number": "A", "delivery_tracking_number": "A", "plan_name": "C"}
    )
    search_text: Mapped[str] = search_text(("order_number", "delivery_tracking_number"))

    user: Mapped[PublicUser | None] = relationship(lazy="raise")
    reseller: Mapped[Reseller | None] = relationship(lazy="raise")
    client: Mapped[ResellerClient | None] = relationship(lazy="raise")
    plan: Mapped[SimPlan | None] = relationship(lazy="raise")
    status_history: Mapped[list[OrderStatusHistory]] = relationship(
        back_populates="order", lazy="raise", order_by="OrderStatusHistory.id"
    )


class OrderStatusHistory(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "order_status_history"

    order_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("sim_orders.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[OrderStatus | None] = mapped_column(
        enum_column(OrderStatus, name="from_status")
    )
    to_status: Mapped[OrderStatus] = mapped_column(enum_column(OrderStatus, name="to_status"))
    source: Mapped[StatusChangeSource] = mapped_column(enum_column(StatusChangeSource))
    changed_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    reason: Mapped[str] = mapped_column(Text, default="")

    order: Mapped[SimOrder] = relationship(back_populates="status_history", lazy="raise")
