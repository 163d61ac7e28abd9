"""Resellers sell SIMs to their own clients on credit, within limits set by the business."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import (
    CURRENCY_DEFAULT,
    Base,
    CreatedAtMixin,
    IdMixin,
    TimestampMixin,
    enum_column,
)
from models.search import search_indexes, search_text, search_vector

if TYPE_CHECKING:
    from models.catalog import SimPlan


class ResellerStatus(StrEnum):
    pending = "pending"
    active = "active"
    suspended = "suspended"


class OnboardingStatus(StrEnum):
    """Where a reseller's onboarding (the ResellerOnboarding workflow) stands."""

    collecting = "collecting"  # waiting for the email to be verified and KYB documents
    awaiting_decision = "awaiting_decision"
    completed = "completed"
    rejected = "rejected"
    expired = "expired"
    superseded = "superseded"  # an admin changed the status by hand while it ran


OPEN_ONBOARDING = (OnboardingStatus.collecting, OnboardingStatus.awaiting_decision)


class DocumentType(StrEnum):
    business_registration = "business_registration"
    tax_certificate = "tax_certificate"
    proof_of_address = "proof_of_address"
    owner_identity = "owner_identity"
    other = "other"


class ClientStatus(StrEnum):
    active = "active"
    inactive = "inactive"
    suspended = "suspended"


class Reseller(IdMixin, TimestampMixin, Base):
    __tablename__ = "resellers"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint("credit_limit >= 0", name="credit_limit_not_negative"),
        CheckConstraint(
            "commission_rate >= 0 AND commission_rate <= 100",
            name="commission_rate_percent",
        ),
        *search_indexes("resellers"),
    )

    business_name: Mapped[str] = mapped_column(String(200), index=True)
    contact_person: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str] = mapped_column(String(20), index=True)
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(100), index=True)
    state: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(100), index=True)
    status: Mapped[ResellerStatus] = mapped_column(
        enum_column(ResellerStatus), default=ResellerStatus.pending, index=True
    )
    status_reason: Mapped[str] = mapped_column(Text, default="")
    credit_limit: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    # What the reseller owes for orders already captured; grows with sales, shrinks with payments.
    current_balance: Mapped[Decimal] = mapped_column(default=Decimal("0"))
    commission_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default=CURRENCY_DEFAULT)
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("accounts.id", use_alter=True, ondelete="SET NULL"),
        index=True,
    )
    deleted_at: Mapped[datetime | None] = mapped_column(index=True)
    # Null for resellers that never went through onboarding (created before it, or imported).
    onboarding_status: Mapped[OnboardingStatus | None] = mapped_column(
        enum_column(OnboardingStatus), index=True
    )
    email_verified_at: Mapped[datetime | None]
    documents_submitted_at: Mapped[datetime | None]
    # Set when an order brought its credit exposure to the limit (or one was refused for it);
    # cleared when exposure drops back below. Admins are notified once per time it is set.
    credit_limit_reached_at: Mapped[datetime | None] = mapped_column(index=True)
    search_vector: Mapped[str] = search_vector(
        {
            "business_name": "A",
            "contact_person": "B",
            "email": "B",
            "phone": "B",
            "city": "C",
            "country": "C",
        }
    )
    search_text: Mapped[str] = search_text(("business_name", "contact_person", "email", "phone"))

    clients: Mapped[list[ResellerClient]] = relationship(back_populates="reseller", lazy="raise")


class ResellerClient(IdMixin, TimestampMixin, Base):
    __tablename__ = "reseller_clients"
    __table_args__ = (
        UniqueConstraint("reseller_id", "client_email"),
        CheckConstraint("monthly_limit >= 0", name="monthly_limit_not_negative"),
        CheckConstraint("current_usage >= 0", name="current_usage_not_negative"),
        *search_indexes("reseller_clients"),
    )

    reseller_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("resellers.id", ondelete="CASCADE"), index=True
    )
    client_name: Mapped[str] = mapped_column(String(100), index=True)
    client_email: Mapped[str] = mapped_column(String(254))
    client_phone: Mapped[str] = mapped_column(String(20))
    plan_id: Mapped[int | None] = mapped_column(BigInteger, ForeignKey("sim_plans.id"), index=True)
    status: Mapped[ClientStatus] = mapped_column(
        enum_column(ClientStatus), default=ClientStatus.active, index=True
    )
    monthly_limit: Mapped[int] = mapped_column(Integer, default=0)  # 0 = no limit
    current_usage: Mapped[int] = mapped_column(Integer, default=0)
    # First day of the month current_usage counts; a new month resets usage lazily.
    usage_period: Mapped[date | None]
    # Kept by triggers on sim_orders (migration 0017), never written here.
    orders_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    search_vector: Mapped[str] = search_vector(
        {"client_name": "A", "client_email": "B", "client_phone": "B"}
    )
    search_text: Mapped[str] = search_text(("client_name", "client_email", "client_phone"))

    reseller: Mapped[Reseller] = relationship(back_populates="clients", lazy="raise")
    plan: Mapped[SimPlan | None] = relationship(lazy="raise")


class ResellerDocument(IdMixin, CreatedAtMixin, Base):
    """A KYB document a reseller submitted; the bytes are a StoredFile (reseller_document)."""

    __tablename__ = "reseller_documents"

    reseller_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("resellers.id", ondelete="CASCADE"), index=True
    )
    file_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("stored_files.id", ondelete="CASCADE"), unique=True
    )
    document_type: Mapped[DocumentType] = mapped_column(enum_column(DocumentType))
    uploaded_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
