"""Declarative base, shared column types and mixins."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    DateTime,
    Enum,
    Identity,
    MetaData,
    Numeric,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names make migrations reviewable and downgrades exact.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Money = Numeric(12, 2)
CURRENCY_DEFAULT = "USD"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # Fetch server-set values (updated_at on UPDATE too) with RETURNING at flush, so reading
    # them afterwards never needs a lazy load, which async sessions cannot do.
    __mapper_args__ = {"eager_defaults": True}
    type_annotation_map = {
        Decimal: Money,
        datetime: DateTime(timezone=True),
        date: Date,
        dict[str, Any]: JSONB,
        list[Any]: JSONB,
    }


def enum_column(enum_cls: type[StrEnum], name: str | None = None) -> Enum:
    """A VARCHAR with a CHECK constraint: adding a value later is a one-line migration,
    unlike a native PostgreSQL enum type. `name` names the CHECK constraint where one table
    has two columns of the same enum."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
        name=name or enum_cls.__name__.lower(),
    )


class IdMixin:
    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, sort_order=-100)


class CreatedAtMixin:
    created_at: Mapped[datetime] = mapped_column(
        server_default=func.now(), index=True, sort_order=100
    )


class TimestampMixin(CreatedAtMixin):
    updated_at: Mapped[datetime] = mapped_column(
        server_default=func.now(), onupdate=func.now(), sort_order=101
    )
