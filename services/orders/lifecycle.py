"""The order lifecycle: pending → confirmed → dispatched → delivered → activated, or
cancelled before dispatch. eSIMs have nothing to ship: confirmed → activated. The SIM's
registry state follows the order, and every change leaves a history row and an audit entry."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict
from models import (
    OrderStatus,
    OrderStatusHistory,
    PaymentStatus,
    Sim,
    SimOrder,
    SimState,
    SimType,
)
from models.orders import StatusChangeSource
from services import audit, live, outgoing_webhooks
from services.analytics import rollups
from services.live import events

PHYSICAL_NEXT: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    OrderStatus.pending: (OrderStatus.confirmed, OrderStatus.cancelled),
    OrderStatus.confirmed: (OrderStatus.dispatched, OrderStatus.cancelled),
    OrderStatus.dispatched: (OrderStatus.delivered,),
    OrderStatus.delivered: (OrderStatus.activated,),
    OrderStatus.activated: (),
    OrderStatus.cancelled: (),
}
ESIM_NEXT: dict[OrderStatus, tuple[OrderStatus, ...]] = {
    **PHYSICAL_NEXT,
    OrderStatus.confirmed: (OrderStatus.activated, OrderStatus.cancelled),
}
# The SIM's state once the order reaches a status (cancelled: back on the shelf).
SIM_STATE_FOR = {
    OrderStatus.confirmed: SimState.assigned,
    OrderStatus.dispatched: SimState.shipped,
    OrderStatus.activated: SimState.active,
    OrderStatus.cancelled: SimState.in_stock,
}
TIMESTAMP_FOR = {
    OrderStatus.dispatched: "dispatched_at",
    OrderStatus.delivered: "delivered_at",
    OrderStatus.activated: "activated_at",
    OrderStatus.cancelled: "cancelled_at",
}


def next_statuses(order: SimOrder) -> tuple[OrderStatus, ...]:
    table = ESIM_NEXT if order.sim_type is SimType.esim else PHYSICAL_NEXT
    allowed = table[order.status]
    if order.payment_status is PaymentStatus.paid:
        # The money is taken (an eSIM's at profile delivery): a refund undoes it, not a cancel.
        allowed = tuple(s for s in allowed if s is not OrderStatus.cancelled)
    return allowed


async def reach(
    db: AsyncSession,
    actor: audit.Actor,
    order: SimOrder,
    to: OrderStatus,
    *,
    reason: str = "",
    source: StatusChangeSource = StatusChangeSource.workflow,
) -> bool:
    """`transition`, except that an order already there is left alone: the form a retried
    workflow step needs. True when this call moved the order."""
    if order.status is to:
        return False
    await transition(db, actor, order, to, reason=reason, source=source)
    return True


def ensure_allowed(order: SimOrder, to: OrderStatus) -> None:
    allowed = next_statuses(order)
    if to not in allowed:
        raise Conflict(
            f"An order that is {order.status.value} cannot become {to.value}.",
            code="illegal_transition",
            details={"allowed": [s.value for s in allowed]},
        )


async def transition(
    db: AsyncSession,
    actor: audit.Actor,
    order: SimOrder,
    to: OrderStatus,
    *,
    reason: str = "",
    source: StatusChangeSource = StatusChangeSource.api,
) -> SimOrder:
    ensure_allowed(order, to)
    now = datetime.now(UTC)
    previous = order.status
    order.status = to
    if field := TIMESTAMP_FOR.get(to):
        setattr(order, field, now)
    sim = (await db.scalars(select(Sim).where(Sim.order_id == order.id).with_for_update())).first()
    if sim is not None and (sim_state := SIM_STATE_FOR.get(to)) is not None:
        sim.state, sim.state_changed_at = sim_state, now
        if to is OrderStatus.cancelled:
            sim.order_id = None
    db.add(
        OrderStatusHistory(
            order_id=order.id,
            from_status=previous,
            to_status=to,
            source=source,
            changed_by_id=actor.account_id,
            reason=reason,
        )
    )
    await db.flush()
    await rollups.order_moved(db, order, previous)
    await audit.record(
        db,
        actor,
        "order.status_changed",
        "order",
        order.order_number,
        before={"status": previous.value},
        after={"status": to.value},
        reason=reason,
    )
    live.announce(db, *events.order_status_changed(order, previous))
    await outgoing_webhooks.order_status_changed(db, order, previous)
    return order


async def assign_delivery(
    db: AsyncSession,
    actor: audit.Actor,
    order: SimOrder,
    *,
    courier: str,
    tracking_number: str,
    eta: datetime | None,
) -> SimOrder:
    if order.sim_type is SimType.esim:
        raise Conflict("An eSIM order has nothing to deliver.", code="no_delivery_for_esim")
    if order.status not in (OrderStatus.confirmed, OrderStatus.dispatched):
        raise Conflict(
            "Delivery is assigned to confirmed or dispatched orders; "
            f"this one is {order.status.value}.",
            code="illegal_transition",
            details={"allowed": [OrderStatus.confirmed.value, OrderStatus.dispatched.value]},
        )
    before = audit.snapshot(order, ("courier", "delivery_tracking_number", "delivery_eta"))
    order.courier, order.delivery_tracking_number, order.delivery_eta = (
        courier,
        tracking_number,
        eta,
    )
    await db.flush()
    await audit.record(
        db,
        actor,
        "order.delivery_assigned",
        "order",
        order.order_number,
        before=before,
        after=audit.snapshot(order, ("courier", "delivery_tracking_number", "delivery_eta")),
    )
    return order
