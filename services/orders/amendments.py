"""Editing an order after it was placed: only what does not change its price or its stock.
The address can change until the SIM leaves the warehouse; notes at any time."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, ValidationFailed
from models import OrderStatus, SimOrder, SimType
from services import audit

ADDRESS_EDITABLE = (OrderStatus.pending, OrderStatus.confirmed)


async def amend(
    db: AsyncSession, actor: audit.Actor, order: SimOrder, delivery_address: str, notes: str
) -> SimOrder:
    address = delivery_address.strip()
    if address != order.delivery_address:
        if order.status not in ADDRESS_EDITABLE:
            raise Conflict(
                f"The address cannot change once the order is {order.status.value}.",
                code="address_locked",
            )
        if order.sim_type is SimType.physical and not address:
            raise ValidationFailed(
                "A physical SIM needs a delivery address.",
                details=[
                    {"field": "body.delivery_address", "message": "required for a physical SIM"}
                ],
            )
    before = audit.snapshot(order, ("delivery_address", "notes"))
    order.delivery_address, order.notes = address, notes
    await db.flush()
    await audit.record(
        db,
        actor,
        "order.updated",
        "order",
        order.order_number,
        before=before,
        after=audit.snapshot(order, ("delivery_address", "notes")),
    )
    return order
