"""A person's saved views of the panel's lists: a name for a set of filters and a sort, kept per
account so they follow the person to any browser."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, TimestampMixin


class SavedView(IdMixin, TimestampMixin, Base):
    __tablename__ = "saved_views"
    __table_args__ = (
        # One view of a name per list, in any letter case ("Unpaid" replaces "unpaid"); also
        # the index that reads one person's views of a list.
        Index(
            "uq_saved_views_account_id_list_key_name",
            "account_id",
            "list_key",
            text("lower(name)"),
            unique=True,
        ),
    )

    account_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="CASCADE")
    )
    list_key: Mapped[str] = mapped_column(String(50))  # the panel's table id: "orders"
    name: Mapped[str] = mapped_column(String(60))
    # The list's URL query parameters as the panel writes them: {"status": "paid", "sort": "-id"}.
    params: Mapped[dict[str, Any]]
