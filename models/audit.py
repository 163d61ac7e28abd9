"""What happened and who did it: a request-level activity log and a before/after audit trail."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import INET
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin


class ActivityLog(IdMixin, CreatedAtMixin, Base):
    """One row per login, logout and mutating request, written after the response."""

    __tablename__ = "activity_logs"

    account_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    user_type: Mapped[str] = mapped_column(String(20), index=True)  # staff/reseller/public/anon
    action: Mapped[str] = mapped_column(String(100), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    method: Mapped[str] = mapped_column(String(10), default="")
    path: Mapped[str] = mapped_column(String(500), default="")
    status_code: Mapped[int | None] = mapped_column(Integer)
    ip_address: Mapped[str | None] = mapped_column(INET)
    user_agent: Mapped[str] = mapped_column(Text, default="")
    request_id: Mapped[str] = mapped_column(String(64), default="")


class AuditLog(IdMixin, CreatedAtMixin, Base):
    """A critical change, written in the same transaction as the change itself."""

    __tablename__ = "audit_logs"
    __table_args__ = (Index(None, "entity_type", "entity_id"),)

    actor_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    actor_type: Mapped[str] = mapped_column(String(20), index=True)  # staff/.../system/workflow
    action: Mapped[str] = mapped_column(String(100), index=True)
    entity_type: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None]
    after: Mapped[dict[str, Any] | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    ip_address: Mapped[str | None] = mapped_column(INET)
    request_id: Mapped[str] = mapped_column(String(64), default="")
