"""Resellers: their accounts, limits and status. A suspended reseller takes no new orders
(enforced where orders are placed); a reseller is never erased, only soft-deleted, and only
once nothing is open against it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound
from models import (
    OrderStatus,
    RegistrationKind,
    Reseller,
    ResellerClient,
    ResellerSalesDaily,
    ResellerStatus,
    SimOrder,
)
from services import audit, credit_limits, onboarding
from services.analytics import rollups
from services.analytics.dashboard import SINCE_EVER, revenue_of, spanning
from services.auth.principal import Principal
from services.orders.placement import credit_exposure
from services.search.postgres import matching
from services.tenancy import scope

AUDITED_FIELDS = (
    "business_name", "contact_person", "email", "phone", "address", "city", "state", "country",
    "status", "status_reason", "credit_limit", "commission_rate", "currency",
)  # fmt: skip
OPEN_ORDER_STATUSES = (OrderStatus.pending, OrderStatus.confirmed, OrderStatus.dispatched)
CENTS = Decimal("0.00")


@dataclass(frozen=True)
class ResellerFilter:
    search: str | None = None
    status: ResellerStatus | None = None
    country: str | None = None
    city: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [Reseller.deleted_at.is_(None)]
        if self.search:
            conditions.append(matching(Reseller, self.search))
        if self.status:
            conditions.append(Reseller.status == self.status)
        if self.country:
            conditions.append(func.lower(Reseller.country) == self.country.lower())
        if self.city:
            conditions.append(func.lower(Reseller.city) == self.city.lower())
        if self.created_from:
            conditions.append(Reseller.created_at >= self.created_from)
        if self.created_to:
            conditions.append(Reseller.created_at <= self.created_to)
        return conditions


async def list_resellers(
    db: AsyncSession,
    principal: Principal,
    filters: ResellerFilter,
    order_by: Sequence[Any],
    offset: int,
    limit: int,
) -> tuple[list[Reseller], int, dict[int, Decimal]]:
    query: Select[Any] = scope(select(Reseller), principal, Reseller).where(*filters.conditions())
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = list((await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))).all())
    return rows, total, await revenue_by_reseller(db, [r.id for r in rows])


async def revenue_by_reseller(db: AsyncSession, reseller_ids: list[int]) -> dict[int, Decimal]:
    """Each reseller's revenue over all time, as the dashboard defines it (money captured
    minus completed refunds: `revenue_of`), read from its rollups: one row per month and
    reseller instead of every one of its orders."""
    if not reseller_ids:
        return {}
    sales = spanning(
        ResellerSalesDaily, SINCE_EVER, datetime.now(UTC).date(),
        ("reseller_id", "captured_amount", "refunded_amount"),
        lambda table: [table.reseller_id.in_(reseller_ids)],
    ).c  # fmt: skip
    rows = await db.execute(
        select(sales.reseller_id, revenue_of(sales)).group_by(sales.reseller_id)
    )
    totals = {reseller_id: Decimal(total).quantize(CENTS) for reseller_id, total in rows}
    return {rid: totals.get(rid, CENTS) for rid in reseller_ids}


async def get_reseller(db: AsyncSession, principal: Principal, reseller_id: int) -> Reseller:
    query = scope(select(Reseller), principal, Reseller).where(
        Reseller.id == reseller_id, Reseller.deleted_at.is_(None)
    )
    reseller: Reseller | None = (await db.scalars(query)).one_or_none()
    if reseller is None:
        raise NotFound("No such reseller.")
    return reseller


@dataclass(frozen=True)
class ResellerFigures:
    revenue_total: Decimal
    orders_count: int
    open_orders_count: int
    clients_count: int


async def figures(db: AsyncSession, reseller: Reseller) -> ResellerFigures:
    orders = (
        await db.execute(
            select(
                func.count(),
                func.count().filter(SimOrder.status.in_(OPEN_ORDER_STATUSES)),
            ).where(SimOrder.reseller_id == reseller.id)
        )
    ).one()
    clients = await db.scalar(
        select(func.count())
        .select_from(ResellerClient)
        .where(ResellerClient.reseller_id == reseller.id)
    )
    return ResellerFigures(
        revenue_total=(await revenue_by_reseller(db, [reseller.id]))[reseller.id],
        orders_count=orders[0],
        open_orders_count=orders[1],
        clients_count=clients or 0,
    )


async def _ensure_unique_email(db: AsyncSession, email: str, exclude_id: int | None = None) -> None:
    query = select(Reseller.id).where(Reseller.email == email)
    if exclude_id is not None:
        query = query.where(Reseller.id != exclude_id)
    if await db.scalar(query):
        raise Conflict(
            "Another reseller already uses this email.",
            code="duplicate_email",
            details=[{"field": "body.email", "message": "already in use"}],
        )


async def create(db: AsyncSession, actor: audit.Actor, fields: dict[str, Any]) -> Reseller:
    fields["email"] = fields["email"].lower()
    await _ensure_unique_email(db, fields["email"])
    reseller = Reseller(**fields, status=ResellerStatus.pending, created_by_id=actor.account_id)
    db.add(reseller)
    await db.flush()
    await rollups.registered(db, RegistrationKind.reseller, reseller.created_at)
    await onboarding.enrol(db, reseller)
    await audit.record(
        db, actor, "reseller.created", "reseller", reseller.id,
        after=audit.snapshot(reseller, AUDITED_FIELDS),
    )  # fmt: skip
    return reseller


async def update(
    db: AsyncSession, actor: audit.Actor, reseller: Reseller, changes: dict[str, Any]
) -> Reseller:
    if "email" in changes:
        changes["email"] = changes["email"].lower()
        await _ensure_unique_email(db, changes["email"], exclude_id=reseller.id)
    before = audit.snapshot(reseller, AUDITED_FIELDS)
    for field, value in changes.items():
        setattr(reseller, field, value)
    if "credit_limit" in changes:
        await credit_limits.note_exposure(db, reseller, await credit_exposure(db, reseller))
    await db.flush()
    await audit.record(
        db, actor, "reseller.updated", "reseller", reseller.id,
        before=before, after=audit.snapshot(reseller, AUDITED_FIELDS),
    )  # fmt: skip
    return reseller


async def change_status(
    db: AsyncSession, actor: audit.Actor, reseller: Reseller, status: ResellerStatus, reason: str
) -> Reseller:
    if status is reseller.status:
        raise Conflict(f"The reseller is already {status.value}.", code="status_unchanged")
    before = audit.snapshot(reseller, ("status", "status_reason"))
    reseller.status, reseller.status_reason = status, reason
    onboarding.supersede(reseller)
    await db.flush()
    await audit.record(
        db, actor, "reseller.status_changed", "reseller", reseller.id,
        before=before, after=audit.snapshot(reseller, ("status", "status_reason")), reason=reason,
    )  # fmt: skip
    return reseller


async def delete(db: AsyncSession, actor: audit.Actor, reseller: Reseller) -> None:
    counts = await figures(db, reseller)
    if counts.open_orders_count:
        raise Conflict(
            f"The reseller has {counts.open_orders_count} open order(s).",
            code="reseller_has_open_orders",
        )
    if reseller.current_balance != 0:
        raise Conflict(
            f"The reseller's balance is {reseller.current_balance} {reseller.currency}, not zero.",
            code="reseller_has_balance",
        )
    reseller.deleted_at = datetime.now(UTC)
    await db.flush()
    await audit.record(db, actor, "reseller.deleted", "reseller", reseller.id)
