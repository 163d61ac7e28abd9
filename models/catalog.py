"""What is sold: plan categories, SIM plans, and the registry of physical SIMs and eSIM profiles."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import CURRENCY_DEFAULT, Base, IdMixin, TimestampMixin, enum_column
from models.search import search_indexes, search_text, search_vector

if TYPE_CHECKING:
    from models.orders import SimOrder


class SimType(StrEnum):
    physical = "physical"
    esim = "esim"


class SimState(StrEnum):
    in_stock = "in_stock"
    reserved = "reserved"
    assigned = "assigned"
    shipped = "shipped"
    active = "active"
    expired = "expired"
    recycled = "recycled"


class PlanCategory(IdMixin, TimestampMixin, Base):
    __tablename__ = "plan_categories"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")


class SimPlan(IdMixin, TimestampMixin, Base):
    __tablename__ = "sim_plans"
    __table_args__ = (
        CheckConstraint("price > 0", name="price_positive"),
        CheckConstraint(
            "reseller_price_floor IS NULL OR reseller_price_floor > 0",
            name="floor_positive",
        ),
        CheckConstraint("validity_days > 0", name="validity_positive"),
        *search_indexes("sim_plans"),
    )

    code: Mapped[str] = mapped_column(String(50), unique=True)  # SKU
    name: Mapped[str] = mapped_column(String(100), index=True)
    category_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("plan_categories.id"), index=True
    )
    network_provider: Mapped[str] = mapped_column(String(50), index=True)
    sim_type: Mapped[SimType] = mapped_column(enum_column(SimType), index=True)
    data_mb: Mapped[int | None] = mapped_column(Integer)  # None = unlimited
    voice_minutes: Mapped[int | None] = mapped_column(Integer)
    sms_count: Mapped[int | None] = mapped_column(Integer)
    validity_days: Mapped[int] = mapped_column(Integer)
    price: Mapped[Decimal]
    currency: Mapped[str] = mapped_column(String(3), default=CURRENCY_DEFAULT)
    # Resellers may not sell below this price; None means no floor.
    reseller_price_floor: Mapped[Decimal | None]
    description: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    search_vector: Mapped[str] = search_vector(
        {"name": "A", "code": "A", "network_provider": "B", "description": "C"}
    )
    search_text: Mapped[str] = search_text(("code", "name", "network_provider"))

    category: Mapped[PlanCategory | None] = relationship(lazy="raise")


class Sim(IdMixin, TimestampMixin, Base):
    """One physical SIM card or eSIM profile, identified by its ICCID."""

    __tablename__ = "sims"
    __table_args__ = (
        CheckConstraint("iccid ~ '^[0-9]{18,22}$'", name="iccid_digits"),
        # Stock counts and reservation scan by provider, type and state.
        Index(None, "network_provider", "sim_type", "state"),
    )

    iccid: Mapped[str] = mapped_column(String(22), unique=True)
    msisdn: Mapped[str | None] = mapped_column(String(20), unique=True)
    network_provider: Mapped[str] = mapped_column(String(50))
    sim_type: Mapped[SimType] = mapped_column(enum_column(SimType))
    state: Mapped[SimState] = mapped_column(
        enum_column(SimState), default=SimState.in_stock, index=True
    )
    batch_ref: Mapped[str] = mapped_column(String(100), default="", index=True)
    # eSIM only: the LPA activation string rendered into the customer's QR code.
    activation_code: Mapped[str | None] = mapped_column(Text)
    order_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("sim_orders.id", ondelete="SET NULL"), index=True
    )
    state_changed_at: Mapped[datetime | None]

    order: Mapped[SimOrder | None] = relationship(lazy="raise")
