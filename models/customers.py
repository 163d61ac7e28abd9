"""Public users: people who buy SIMs directly through the app."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, TimestampMixin, enum_column
from models.search import search_indexes, search_text, search_vector


class PublicUserStatus(StrEnum):
    pending_verification = "pending_verification"
    active = "active"
    blocked = "blocked"


class PublicUser(IdMixin, TimestampMixin, Base):
    __tablename__ = "public_users"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        *search_indexes("public_users"),
    )

    full_name: Mapped[str] = mapped_column(String(100), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)  # E.164
    address: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(100), index=True)
    state: Mapped[str] = mapped_column(String(100), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    date_of_birth: Mapped[date | None]
    id_document_type: Mapped[str] = mapped_column(String(50), default="")
    id_document_number: Mapped[str] = mapped_column(String(255), default="")
    status: Mapped[PublicUserStatus] = mapped_column(
        enum_column(PublicUserStatus),
        default=PublicUserStatus.pending_verification,
        index=True,
    )
    status_reason: Mapped[str] = mapped_column(Text, default="")
    email_verified_at: Mapped[datetime | None]
    phone_verified_at: Mapped[datetime | None]
    # Set when the person asked to be forgotten: personal fields are anonymised, orders kept.
    erased_at: Mapped[datetime | None]
    # Kept by triggers on sim_orders (migration 0017), never written here.
    orders_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    search_vector: Mapped[str] = search_vector(
        {"full_name": "A", "email": "B", "phone": "B", "city": "C"}
    )
    search_text: Mapped[str] = search_text(("full_name", "email", "phone", "city"))
