"""Bulk status changes: each order succeeds or fails on its own, in its own savepoint, and the
answer says which did what. More orders than a request should wait for run as a bulk job
(services/bulk_jobs), one `transition_one` per order."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import AppError
from models import OrderStatus, OrderStatusHistory, SimOrder
from services.auth.principal import Principal
from services.orders.queries import get_order


@dataclass(frozen=True)
class BulkItem:
    order_id: int
    ok: bool
    error: str | None = None
    status: OrderStatus | None = None


Move = Callable[[SimOrder], Awaitable[object]]


async def transition_one(
    db: AsyncSession, principal: Principal, order_id: int, to: OrderStatus, move: Move
) -> BulkItem:
    """One order of a bulk change, in its own savepoint: a refusal leaves nothing behind."""
    try:
        async with db.begin_nested():
            await move(await get_order(db, principal, order_id))
    except AppError as exc:
        return BulkItem(order_id, ok=False, error=exc.message)
    return BulkItem(order_id, ok=True, status=to)


async def bulk_transition(
    db: AsyncSession, principal: Principal, order_ids: list[int], to: OrderStatus, move: Move
) -> list[BulkItem]:
    """`move` takes one order to `to` the way a single status change would (through its
    workflow, when one runs it)."""
    # Each id once, in the order given.
    return [await transition_one(db, principal, i, to, move) for i in dict.fromkeys(order_ids)]


async def moved_since(
    db: AsyncSession, order_id: int, to: OrderStatus, account_id: int | None, since: datetime
) -> bool:
    """Whether `account_id` moved the order to `to` at `since` or later. A bulk job retried after
    its earlier attempt had signalled an order's workflow finds that order moved, and refused
    as already there; this tells it apart from an order that was there before the job."""
    moved = exists().where(
        OrderStatusHistory.order_id == order_id,
        OrderStatusHistory.to_status == to,
        OrderStatusHistory.changed_by_id == account_id,
        OrderStatusHistory.created_at >= since,
    )
    return bool(await db.scalar(select(moved)))
