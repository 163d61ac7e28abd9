"""Who can log in: staff, reseller logins and app users share one `accounts` table, so
authentication, sessions and permission checks are written once. `kind` says which tenant
scope applies; `role` grants the permissions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, IdMixin, TimestampMixin, enum_column

if TYPE_CHECKING:
    from models.customers import PublicUser
    from models.resellers import Reseller


class AccountKind(StrEnum):
    staff = "staff"
    reseller = "reseller"
    public = "public"


class SystemRole(StrEnum):
    """Roles that always exist; more can be created through the admin API."""

    super_admin = "super_admin"
    admin = "admin"
    moderator = "moderator"
    support = "support"
    reseller_owner = "reseller_owner"
    reseller_agent = "reseller_agent"
    customer = "customer"


role_permissions = Table(
    "role_permissions",
    Base.metadata,
    Column("role_id", ForeignKey("roles.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "permission_id",
        ForeignKey("permissions.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class Permission(IdMixin, Base):
    __tablename__ = "permissions"

    code: Mapped[str] = mapped_column(String(80), unique=True)  # "orders:update_status"
    description: Mapped[str] = mapped_column(Text, default="")


class Role(IdMixin, TimestampMixin, Base):
    __tablename__ = "roles"

    name: Mapped[str] = mapped_column(String(50), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    applies_to: Mapped[AccountKind] = mapped_column(enum_column(AccountKind), index=True)
    is_system: Mapped[bool] = mapped_column(Boolean, default=False)

    permissions: Mapped[list[Permission]] = relationship(secondary=role_permissions, lazy="raise")


class Account(IdMixin, TimestampMixin, Base):
    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lowercase"),
        CheckConstraint(
            "(kind = 'reseller') = (reseller_id IS NOT NULL)",
            name="reseller_kind_has_reseller",
        ),
        CheckConstraint(
            "(kind = 'public') = (public_user_id IS NOT NULL)",
            name="public_kind_has_user",
        ),
    )

    kind: Mapped[AccountKind] = mapped_column(enum_column(AccountKind), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    username: Mapped[str | None] = mapped_column(String(150), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    role_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("roles.id"), index=True)
    reseller_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("resellers.id"), index=True
    )
    public_user_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("public_users.id"), unique=True
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_secret: Mapped[str | None] = mapped_column(String(255))
    two_factor_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    avatar_file_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("stored_files.id", use_alter=True), index=True
    )
    preferences: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    last_login_at: Mapped[datetime | None]
    password_changed_at: Mapped[datetime | None]

    role: Mapped[Role] = relationship(lazy="raise")
    reseller: Mapped[Reseller | None] = relationship(foreign_keys=[reseller_id], lazy="raise")
    public_user: Mapped[PublicUser | None] = relationship(lazy="raise")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
