"""The dashboard's headline figures (services/analytics/dashboard.py says whose and how they are
defined): today, this month and all time, each with the previous period's value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    Account,
    AuthSession,
    RegistrationKind,
    RegistrationsDaily,
    Reseller,
    SupportTicket,
    TicketStatus,
)
from models.identity import AccountKind
from services.analytics.dashboard import SINCE_EVER, Audience, revenue_of, sales_of, spanning

ZERO = Decimal("0.00")
OPEN_TICKETS = (TicketStatus.open, TicketStatus.in_progress)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    previous: Decimal | None


@dataclass(frozen=True)
class Metrics:
    figures: dict[str, Figure]


def _months_back(day: date) -> tuple[date, date, date]:
    """This month's first day, and the previous month's span of the same length so far."""
    month_start = day.replace(day=1)
    previous_start = (month_start - timedelta(days=1)).replace(day=1)
    previous_end = min(previous_start + (day - month_start), month_start - timedelta(days=1))
    return month_start, previous_start, previous_end


async def metrics(db: AsyncSession, audience: Audience, on: date) -> Metrics:
    daily, where = sales_of(audience)
    month_start, previous_start, previous_end = _months_back(on)
    yesterday = on - timedelta(days=1)
    day = daily.day
    this_month = day.between(month_start, on)
    last_month = day.between(previous_start, previous_end)
    revenue = daily.captured_amount - daily.refunded_amount

    def total(column: Any, condition: ColumnElement[bool] | None = None) -> Any:
        summed = func.sum(column) if condition is None else func.sum(column).filter(condition)
        return func.coalesce(summed, 0)

    recent = (
        await db.execute(
            select(
                total(daily.orders, day == on),
                total(daily.orders, day == yesterday),
                total(daily.orders, this_month),
                total(daily.orders, last_month),
                total(revenue, day == on),
                total(revenue, day == yesterday),
                total(revenue, this_month),
                total(revenue, last_month),
            ).where(*where(daily), day.between(previous_start, on))
        )
    ).one()
    ever = spanning(
        daily, SINCE_EVER, on, ("captured_amount", "refunded_amount", "pending_orders"), where
    ).c
    revenue_total, pending = (
        await db.execute(select(revenue_of(ever), total(ever.pending_orders)))
    ).one()
    people = await _registrations(db, audience, month_start, on)
    figures = {
        "orders_today": Figure(recent[0], recent[1]),
        "orders_month": Figure(recent[2], recent[3]),
        "revenue_today": Figure(recent[4], recent[5]),
        "revenue_month": Figure(recent[6], recent[7]),
        # A total's previous value: the same total when this month began.
        "revenue_total": Figure(revenue_total, revenue_total - recent[6]),
        # Gauges of the present moment have no history to compare with.
        "pending_orders": Figure(pending, None),
        "reseller_clients": people["client"],
        "open_tickets": Figure(await _open_tickets(db, audience), None),
    }
    if audience.reseller_id is None:
        figures["public_users"] = people["user"]
        figures["resellers"] = await _resellers(db, month_start)
        figures["active_staff_sessions"] = Figure(await _staff_sessions(db), None)
    return Metrics(figures)


async def _registrations(
    db: AsyncSession, audience: Audience, month_start: date, on: date
) -> dict[str, Figure]:
    reseller_id = audience.reseller_id

    def mine(table: Any) -> list[ColumnElement[bool]]:
        return [] if reseller_id is None else [table.reseller_id == reseller_id]

    people = spanning(RegistrationsDaily, SINCE_EVER, on, ("kind", "registrations"), mine).c
    this_month = func.sum(people.registrations).filter(people.month >= month_start)
    rows = await db.execute(
        select(people.kind, func.sum(people.registrations), func.coalesce(this_month, 0)).group_by(
            people.kind
        )
    )
    found = {kind.value: Figure(Decimal(n), Decimal(n - new)) for kind, n, new in rows}
    return {kind.value: found.get(kind.value, Figure(ZERO, ZERO)) for kind in RegistrationKind}


async def _resellers(db: AsyncSession, month_start: date) -> Figure:
    """Resellers not deleted, now and when the month began (a few hundred rows: read raw)."""
    start = datetime.combine(month_start, datetime.min.time(), tzinfo=UTC)
    now, then = (
        await db.execute(
            select(
                func.count().filter(Reseller.deleted_at.is_(None)),
                func.count().filter(
                    Reseller.created_at < start,
                    (Reseller.deleted_at.is_(None)) | (Reseller.deleted_at >= start),
                ),
            )
        )
    ).one()
    return Figure(Decimal(now), Decimal(then))


async def _staff_sessions(db: AsyncSession) -> Decimal:
    count = await db.scalar(
        select(func.count())
        .select_from(AuthSession)
        .join(Account, Account.id == AuthSession.account_id)
        .where(
            Account.kind == AccountKind.staff,
            AuthSession.revoked_at.is_(None),
            AuthSession.expires_at > func.now(),
        )
    )
    return Decimal(count or 0)


async def _open_tickets(db: AsyncSession, audience: Audience) -> Decimal:
    query = select(func.count()).where(SupportTicket.status.in_(OPEN_TICKETS))
    if audience.reseller_id is not None:
        query = query.where(SupportTicket.reseller_id == audience.reseller_id)
    return Decimal(await db.scalar(query) or 0)
