"""In-app notifications, one row per recipient."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, CreatedAtMixin, IdMixin


class Notification(IdMixin, CreatedAtMixin, Base):
    __tablename__ = "notifications"
    # The bell's unread count: recipient's rows with read_at IS NULL.
    __table_args__ = (Index(None, "recipient_id", "read_at"),)

    recipient_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="CASCADE")
    )
    category: Mapped[str] = mapped_column(String(50), index=True)  # "order.status", ...
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    read_at: Mapped[datetime | None]
