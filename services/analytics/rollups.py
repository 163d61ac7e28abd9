"""Keeping the daily rollups (models/analytics.py) in step with the rows they count.

The order, payment, refund and registration services call these functions in their own
transaction, so a rollup can never count a change that rolled back. Each call is one
`INSERT ... ON CONFLICT DO UPDATE SET x = x + excluded.x`: concurrent writers add up instead
of overwriting each other. The transaction is marked so that, once it commits, the dashboard
cache moves to a new generation (services/cache.py)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from models import (
    MONTHLY,
    OrderStatus,
    RegistrationKind,
    RegistrationsDaily,
    ResellerSalesDaily,
    SalesDaily,
    SimOrder,
    after_commit,
)
from services import payments

# The after-commit channel of every change (the rollup's table); services.cache listens.
CHANGED = "analytics_changed"
ZERO = Decimal("0")


@dataclass(frozen=True)
class Change:
    orders: int = 0
    gross_amount: Decimal = ZERO
    captured_amount: Decimal = ZERO
    refunded_amount: Decimal = ZERO
    cancelled_orders: int = 0
    pending_orders: int = 0


def day_of(moment: datetime) -> date:
    """The UTC day a row is booked on (PostgreSQL runs in UTC too: see reconcile.py)."""
    return moment.astimezone(UTC).date()


async def _increment(
    db: AsyncSession, daily: type[Any], key: dict[str, Any], add: dict[str, Any]
) -> None:
    """Add `add` to the day's row of `daily` and to the month's row of its monthly twin."""
    day = key.pop("day")
    for model, period in ((daily, {"day": day}), (MONTHLY[daily], {"month": day.replace(day=1)})):
        statement = insert(model).values(**period, **key, **add)
        await db.execute(
            statement.on_conflict_do_update(
                index_elements=[*period, *key],
                set_={name: getattr(model, name) + statement.excluded[name] for name in add},
            )
        )
    after_commit.defer(db, CHANGED, daily.__tablename__)


async def _order_changed(db: AsyncSession, order: SimOrder, change: Change) -> None:
    day = day_of(order.created_at)
    figures = asdict(change)
    await _increment(
        db,
        SalesDaily,
        {
            "day": day,
            "source": order.order_type,
            "network_provider": order.network_provider,
            "plan_id": order.plan_id or 0,
            "payment_method": payments.method_for(order.order_type),
        },
        figures,
    )
    if order.reseller_id is not None:
        await _increment(
            db, ResellerSalesDaily, {"day": day, "reseller_id": order.reseller_id}, figures
        )


async def order_placed(db: AsyncSession, order: SimOrder) -> None:
    await _order_changed(
        db,
        order,
        Change(
            orders=1,
            gross_amount=order.total_amount,
            pending_orders=int(order.status is OrderStatus.pending),
            cancelled_orders=int(order.status is OrderStatus.cancelled),
        ),
    )


async def order_moved(db: AsyncSession, order: SimOrder, previous: OrderStatus) -> None:
    """The order went from `previous` to its current status."""
    pending = int(order.status is OrderStatus.pending) - int(previous is OrderStatus.pending)
    cancelled = int(order.status is OrderStatus.cancelled) - int(previous is OrderStatus.cancelled)
    if pending or cancelled:
        await _order_changed(db, order, Change(pending_orders=pending, cancelled_orders=cancelled))


async def payment_captured(db: AsyncSession, order: SimOrder) -> None:
    await _order_changed(db, order, Change(captured_amount=order.total_amount))


async def refund_completed(db: AsyncSession, order: SimOrder, amount: Decimal) -> None:
    await _order_changed(db, order, Change(refunded_amount=amount))


async def registered(
    db: AsyncSession, kind: RegistrationKind, created_at: datetime, reseller_id: int = 0
) -> None:
    await _increment(
        db,
        RegistrationsDaily,
        {"day": day_of(created_at), "kind": kind, "reseller_id": reseller_id},
        {"registrations": 1},
    )
