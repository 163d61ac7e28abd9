"""Daily rollups behind the dashboard: sums kept up to date in the same transaction as the
order, payment, refund or registration they count (services/analytics/rollups.py), and
recomputed from the raw rows by a scheduled reconciliation.

Every figure is booked on the UTC day the order was placed (or the account created), the same
day the orders statistics endpoint groups by, so a refund a week later changes the day of its
order. Keys never change over an order's life, so every change is one `INSERT ... ON CONFLICT
DO UPDATE` increment, which concurrent writers can never lose.

Two breakdowns, because one table keyed by reseller and plan would hold nearly one row per
reseller order: `sales_daily` (no reseller; a few rows per day) answers business-wide
figures, `reseller_sales_daily` (one row per reseller and day) answers per-reseller ones.

Each daily table has a monthly twin (`MONTHLY`), kept by the same increments: a range of
months reads one row per month and key instead of ~30 (top resellers over 18 months: 9,000
rows instead of 270,000), and only the days at either end of a range come from the daily
table (services/analytics/dashboard.py `spanning`)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import BigInteger, Index, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, enum_column
from models.orders import OrderSource

# Wider than an order's Money: a day's sum of many orders.
Total = Numeric(16, 2)


class SalesFigures:
    """The measures both sales rollups keep. Revenue is captured - refunded."""

    orders: Mapped[int] = mapped_column(Integer, default=0)
    gross_amount: Mapped[Decimal] = mapped_column(Total, default=Decimal("0"))
    captured_amount: Mapped[Decimal] = mapped_column(Total, default=Decimal("0"))
    refunded_amount: Mapped[Decimal] = mapped_column(Total, default=Decimal("0"))
    cancelled_orders: Mapped[int] = mapped_column(Integer, default=0)
    pending_orders: Mapped[int] = mapped_column(Integer, default=0)


class SalesKeys:
    """What business-wide sales are broken down by, besides the period."""

    source: Mapped[OrderSource] = mapped_column(enum_column(OrderSource), primary_key=True)
    network_provider: Mapped[str] = mapped_column(String(50), primary_key=True)
    # 0: the order has no plan row (a plan removed from the catalogue).
    plan_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    payment_method: Mapped[str] = mapped_column(String(50), primary_key=True)


class SalesDaily(SalesFigures, SalesKeys, Base):
    __tablename__ = "sales_daily"

    day: Mapped[date] = mapped_column(primary_key=True)


class SalesMonthly(SalesFigures, SalesKeys, Base):
    __tablename__ = "sales_monthly"

    # The month's first day.
    month: Mapped[date] = mapped_column(primary_key=True)


class ResellerSalesDaily(SalesFigures, Base):
    __tablename__ = "reseller_sales_daily"
    # A reseller's own trend reads by reseller first; top resellers read a day range.
    __table_args__ = (Index(None, "reseller_id", "day"),)

    day: Mapped[date] = mapped_column(primary_key=True)
    reseller_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class ResellerSalesMonthly(SalesFigures, Base):
    __tablename__ = "reseller_sales_monthly"
    # A reseller's revenue total reads all of its months.
    __table_args__ = (Index(None, "reseller_id", "month"),)

    month: Mapped[date] = mapped_column(primary_key=True)
    reseller_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)


class RegistrationKind(StrEnum):
    user = "user"
    reseller = "reseller"
    client = "client"


class Registrations:
    kind: Mapped[RegistrationKind] = mapped_column(enum_column(RegistrationKind), primary_key=True)
    # The client's reseller; 0 for app users and resellers.
    reseller_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    registrations: Mapped[int] = mapped_column(Integer, default=0)


class RegistrationsDaily(Registrations, Base):
    __tablename__ = "registrations_daily"

    day: Mapped[date] = mapped_column(primary_key=True)


class RegistrationsMonthly(Registrations, Base):
    __tablename__ = "registrations_monthly"

    month: Mapped[date] = mapped_column(primary_key=True)


# Each daily rollup's monthly twin: the same keys and figures, `month` for `day`.
MONTHLY: dict[type[Base], type[Base]] = {
    SalesDaily: SalesMonthly,
    ResellerSalesDaily: ResellerSalesMonthly,
    RegistrationsDaily: RegistrationsMonthly,
}
