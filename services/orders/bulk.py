"""Bulk status changes: each order succeeds or fails on its own, in its own savepoint, and the
answer says which did what."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import AppError
from models import OrderStatus, SimOrder
from services.auth.principal import Principal
from services.orders.queries import get_order


@dataclass(frozen=True)
class BulkItem:
    order_id: int
    ok: bool
    error: str | None = None
    status: OrderStatus | None = None


async def bulk_transition(
    db: AsyncSession,
    principal: Principal,
    order_ids: list[int],
    to: OrderStatus,
    move: Callable[[SimOrder], Awaitable[object]],
) -> list[BulkItem]:
    """`move` takes one order to `to` the way a single status change would (through its
    workflow, when one runs it)."""
    results = []
    for order_id in dict.fromkeys(order_ids):  # each id once, in the order given
        try:
            async with db.begin_nested():
                order = await get_order(db, principal, order_id)
                await move(order)
            results.append(BulkItem(order_id, ok=True, status=to))
        except AppError as exc:
            results.append(BulkItem(order_id, ok=False, error=exc.message))
    return results
