"""The dashboard's series and breakdowns over a period (services/analytics/dashboard.py says whose
and how they are defined): sales and registration trends, reseller rankings, revenue shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    RegistrationKind,
    RegistrationsDaily,
    Reseller,
    ResellerSalesDaily,
    SalesDaily,
    SimPlan,
)
from services.analytics.dashboard import (
    Audience,
    Filter,
    Granularity,
    check_period,
    revenue_of,
    sales_of,
    spanning,
)


def _periods(date_from: date, date_to: date, granularity: Granularity) -> list[date]:
    """Every period's first day, so a chart gets a point for each, empty ones included."""
    starts, current = [], _period_start(date_from, granularity)
    while current <= date_to:
        starts.append(current)
        if granularity is Granularity.day:
            current += timedelta(days=1)
        elif granularity is Granularity.week:
            current += timedelta(days=7)
        else:
            current = (current + timedelta(days=32)).replace(day=1)
    return starts


def _period_start(day: date, granularity: Granularity) -> date:
    if granularity is Granularity.week:
        return day - timedelta(days=day.weekday())  # ISO weeks start on Monday
    if granularity is Granularity.month:
        return day.replace(day=1)
    return day


def _by_period(
    daily: Any,
    where: Filter,
    date_from: date,
    date_to: date,
    granularity: Granularity,
    columns: tuple[str, ...],
) -> tuple[Any, Any]:
    """`columns` of the rollup rows of the range, and each row's period: by month, whole months
    come from the monthly twin."""
    if granularity is Granularity.month:
        rows = spanning(daily, date_from, date_to, columns, where)
        return rows.c, rows.c.month
    period = daily.day
    if granularity is Granularity.week:
        period = func.date_trunc("week", daily.day).cast(daily.day.type)
    rows = (
        select(*(getattr(daily, column) for column in columns), period.label("period"))
        .where(daily.day.between(date_from, date_to), *where(daily))
        .subquery()
    )
    return rows.c, rows.c.period


@dataclass(frozen=True)
class TrendPoint:
    period: date
    source: str
    orders: int
    gross: Decimal
    revenue: Decimal


async def sales_trends(
    db: AsyncSession, audience: Audience, date_from: date, date_to: date, granularity: Granularity
) -> tuple[list[date], list[TrendPoint]]:
    check_period(date_from, date_to, granularity)
    daily, where = sales_of(audience)
    figures = ("orders", "gross_amount", "captured_amount", "refunded_amount")
    by_source = daily is SalesDaily
    columns = (*figures, "source") if by_source else figures
    table, period = _by_period(daily, where, date_from, date_to, granularity, columns)
    source = table.source if by_source else literal("reseller_client")
    rows = await db.execute(
        select(
            period,
            source,
            func.sum(table.orders),
            func.sum(table.gross_amount),
            revenue_of(table),
        ).group_by(period, source)
    )
    points = [TrendPoint(p, str(s), n, Decimal(g), Decimal(r)) for p, s, n, g, r in rows]
    return _periods(date_from, date_to, granularity), points


class TopBy(StrEnum):
    revenue = "revenue"
    orders = "orders"
    clients = "clients"


@dataclass(frozen=True)
class ResellerRank:
    reseller_id: int
    business_name: str
    orders: int
    revenue: Decimal
    clients: int


async def top_resellers(
    db: AsyncSession, date_from: date, date_to: date, by: TopBy, limit: int
) -> list[ResellerRank]:
    check_period(date_from, date_to, Granularity.month)
    sold = spanning(
        ResellerSalesDaily, date_from, date_to,
        ("reseller_id", "orders", "captured_amount", "refunded_amount"), lambda _: [],
    ).c  # fmt: skip
    sales = (
        select(
            sold.reseller_id,
            func.sum(sold.orders).label("orders"),
            revenue_of(sold).label("revenue"),
        )
        .group_by(sold.reseller_id)
        .subquery()
    )
    registered = spanning(
        RegistrationsDaily, date_from, date_to, ("reseller_id", "registrations"),
        lambda table: [table.kind == RegistrationKind.client],
    ).c  # fmt: skip
    clients = (
        select(registered.reseller_id, func.sum(registered.registrations).label("clients"))
        .group_by(registered.reseller_id)
        .subquery()
    )
    orders = func.coalesce(sales.c.orders, 0)
    revenue = func.coalesce(sales.c.revenue, 0)
    new_clients = func.coalesce(clients.c.clients, 0)
    measure = {TopBy.revenue: revenue, TopBy.orders: orders, TopBy.clients: new_clients}[by]
    query = (
        select(Reseller.id, Reseller.business_name, orders, revenue, new_clients)
        .outerjoin(sales, sales.c.reseller_id == Reseller.id)
        .outerjoin(clients, clients.c.reseller_id == Reseller.id)
        .where((sales.c.reseller_id.is_not(None)) | (clients.c.reseller_id.is_not(None)))
        .order_by(measure.desc(), Reseller.id)
        .limit(limit)
    )
    return [ResellerRank(i, name, n, Decimal(r), c) for i, name, n, r, c in await db.execute(query)]


class Dimension(StrEnum):
    provider = "provider"
    plan = "plan"
    source = "source"
    payment_method = "payment_method"


@dataclass(frozen=True)
class Share:
    key: str
    label: str
    orders: int
    revenue: Decimal


async def revenue_distribution(
    db: AsyncSession, date_from: date, date_to: date, by: Dimension
) -> list[Share]:
    check_period(date_from, date_to, Granularity.month)
    key = {
        Dimension.provider: "network_provider",
        Dimension.plan: "plan_id",
        Dimension.source: "source",
        Dimension.payment_method: "payment_method",
    }[by]
    sales = spanning(
        SalesDaily, date_from, date_to,
        (key, "orders", "captured_amount", "refunded_amount"), lambda _: [],
    ).c  # fmt: skip
    column = getattr(sales, key)
    rows = (
        await db.execute(select(column, func.sum(sales.orders), revenue_of(sales)).group_by(column))
    ).all()
    labels = await _plan_names(db, [key for key, _, _ in rows]) if by is Dimension.plan else {}
    shares = [
        Share(
            str(getattr(k, "value", k)), labels.get(k, str(getattr(k, "value", k))), n, Decimal(r)
        )
        for k, n, r in rows
    ]
    return sorted(shares, key=lambda s: (-s.revenue, s.key))


async def _plan_names(db: AsyncSession, plan_ids: Sequence[int]) -> dict[Any, str]:
    names: dict[Any, str] = {0: "(no plan)"}
    rows = await db.execute(select(SimPlan.id, SimPlan.name).where(SimPlan.id.in_(plan_ids)))
    names.update({plan_id: name for plan_id, name in rows})
    return names


@dataclass(frozen=True)
class RegistrationPoint:
    period: date
    kind: str
    registrations: int


async def registration_trends(
    db: AsyncSession, date_from: date, date_to: date, granularity: Granularity
) -> tuple[list[date], list[RegistrationPoint]]:
    check_period(date_from, date_to, granularity)
    table, period = _by_period(
        RegistrationsDaily, lambda _: [], date_from, date_to, granularity,
        ("kind", "registrations"),
    )  # fmt: skip
    rows = await db.execute(
        select(period, table.kind, func.sum(table.registrations)).group_by(period, table.kind)
    )
    points = [RegistrationPoint(p, k.value, n) for p, k, n in rows]
    return _periods(date_from, date_to, granularity), points
