"""Placing an order: who may buy what, at what price, against which stock and credit.

All checks and the stock reservation happen in the caller's transaction, so an order either
exists with its SIM reserved and its price fixed, or nothing was written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, ValidationFailed
from models import (
    ClientStatus,
    OrderSource,
    OrderStatus,
    OrderStatusHistory,
    PaymentStatus,
    PublicUser,
    PublicUserStatus,
    Reseller,
    ResellerClient,
    ResellerStatus,
    Sim,
    SimOrder,
    SimPlan,
    SimState,
    SimType,
)
from models.codes import CodeKind, next_code
from models.orders import StatusChangeSource
from services import credit_limits, live, pricing
from services.analytics import rollups
from services.live import events

# Orders that hold a reseller's credit: placed but not yet captured into its balance.
UNCAPTURED = (OrderStatus.pending, OrderStatus.confirmed)


@dataclass(frozen=True)
class OrderRequest:
    plan_id: int
    user_id: int | None = None
    reseller_id: int | None = None
    client_id: int | None = None
    delivery_address: str = ""
    notes: str = ""


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, details=[{"field": f"body.{field}", "message": message}])


async def _active_plan(db: AsyncSession, plan_id: int) -> SimPlan:
    plan = await db.get(SimPlan, plan_id)
    if plan is None or not plan.is_active:
        raise _invalid("plan_id", "No such plan on sale.")
    return plan


async def _buyer_user(db: AsyncSession, user_id: int) -> PublicUser:
    user = await db.get(PublicUser, user_id)
    if user is None or user.erased_at is not None:
        raise _invalid("user_id", "No such user.")
    if user.status is PublicUserStatus.blocked:
        raise Conflict("This user is blocked and cannot order.", code="user_blocked")
    return user


async def _buyer_client(
    db: AsyncSession, reseller_id: int, client_id: int | None
) -> tuple[Reseller, ResellerClient | None]:
    reseller = await db.get(Reseller, reseller_id, with_for_update=True)
    if reseller is None or reseller.deleted_at is not None:
        raise _invalid("reseller_id", "No such reseller.")
    if reseller.status is not ResellerStatus.active:
        raise Conflict(
            f"The reseller is {reseller.status.value} and cannot place orders.",
            code="reseller_not_active",
        )
    if client_id is None:
        return reseller, None
    client = await db.get(ResellerClient, client_id, with_for_update=True)
    if client is None or client.reseller_id != reseller.id:
        raise _invalid("client_id", "No such client of this reseller.")
    if client.status is not ClientStatus.active:
        raise Conflict(f"The client is {client.status.value}.", code="client_not_active")
    return reseller, client


def _count_against_monthly_limit(client: ResellerClient, today: date) -> None:
    month = today.replace(day=1)
    if client.usage_period != month:
        client.usage_period, client.current_usage = month, 0
    if client.monthly_limit and client.current_usage >= client.monthly_limit:
        raise Conflict(
            f"The client reached its limit of {client.monthly_limit} orders this month.",
            code="client_limit_reached",
        )
    client.current_usage += 1


async def credit_exposure(db: AsyncSession, reseller: Reseller) -> Decimal:
    """What the reseller already owes plus what its uncaptured orders hold."""
    held = await db.scalar(
        select(func.coalesce(func.sum(SimOrder.total_amount), 0)).where(
            SimOrder.reseller_id == reseller.id, SimOrder.status.in_(UNCAPTURED)
        )
    )
    return reseller.current_balance + Decimal(held or 0)


async def _reserve_sim(db: AsyncSession, plan: SimPlan) -> Sim:
    # SKIP LOCKED: concurrent orders each take a different SIM instead of queueing on one.
    sim = (
        await db.scalars(
            select(Sim)
            .where(
                Sim.network_provider == plan.network_provider,
                Sim.sim_type == plan.sim_type,
                Sim.state == SimState.in_stock,
            )
            .order_by(Sim.id)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
    ).first()
    if sim is None:
        raise Conflict(
            f"No {plan.sim_type.value} SIM of {plan.network_provider} is in stock.",
            code="out_of_stock",
        )
    return sim


async def place(db: AsyncSession, request: OrderRequest, changed_by: int | None) -> SimOrder:
    if (request.user_id is None) == (request.reseller_id is None):
        raise ValidationFailed(
            "An order is for an app user (user_id) or a reseller (reseller_id), not both.",
            code="buyer_required",
        )
    plan = await _active_plan(db, request.plan_id)
    if plan.sim_type is SimType.physical and not request.delivery_address.strip():
        raise _invalid("delivery_address", "A physical SIM needs a delivery address.")
    quote = pricing.quote(plan, await pricing.pricing_settings(db))
    reseller = client = None
    if request.reseller_id is not None:
        reseller, client = await _buyer_client(db, request.reseller_id, request.client_id)
        exposure = await credit_exposure(db, reseller)
        if exposure + quote.total > reseller.credit_limit:
            await credit_limits.note_exposure(db, reseller, exposure, refused=True)
            # persist: the flag and its notification are kept; nothing else is written yet
            # (the client's monthly usage is counted only below).
            raise Conflict(
                "This order would take the reseller over its credit limit.",
                code="credit_limit_exceeded",
                details={
                    "credit_limit": str(reseller.credit_limit),
                    "exposure": str(exposure),
                    "order_total": str(quote.total),
                },
                persist=True,
            )
        await credit_limits.note_exposure(db, reseller, exposure + quote.total)
        if client is not None:
            _count_against_monthly_limit(client, datetime.now(UTC).date())
    elif request.user_id is not None:
        await _buyer_user(db, request.user_id)
    sim = await _reserve_sim(db, plan)
    order = SimOrder(
        order_number=await next_code(db, CodeKind.order),
        order_type=OrderSource.reseller_client if reseller else OrderSource.app_user,
        user_id=request.user_id,
        reseller_id=reseller.id if reseller else None,
        client_id=client.id if client else None,
        plan_id=plan.id,
        sim_type=plan.sim_type,
        network_provider=plan.network_provider,
        plan_name=plan.name,
        plan_price=quote.plan_price,
        delivery_fee=quote.delivery_fee,
        service_charge=quote.service_charge,
        tax_amount=quote.tax_amount,
        total_amount=quote.total,
        currency=plan.currency,
        delivery_address=request.delivery_address.strip(),
        notes=request.notes,
        status=OrderStatus.pending,
        payment_status=PaymentStatus.pending,
    )
    db.add(order)
    await db.flush()
    sim.state, sim.order_id, sim.state_changed_at = SimState.reserved, order.id, datetime.now(UTC)
    db.add(
        OrderStatusHistory(
            order_id=order.id,
            from_status=None,
            to_status=OrderStatus.pending,
            source=StatusChangeSource.api,
            changed_by_id=changed_by,
            reason="placed",
        )
    )
    await db.flush()
    await rollups.order_placed(db, order)
    live.announce(db, events.order_placed(order))
    return order
