"""Sending a customer one of their order's notices again, on staff request.

A notice only goes out again when it fits the order as it is now (no dispatch SMS for an
order still in the warehouse, no activation code for a physical SIM). The re-send gets an
occurrence of its own in the dedupe key (the id of its audit entry), so it is never taken for
the first sending, while a retried request still cannot send it twice under one entry."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, ValidationFailed
from models import Channel, OrderStatus, OutboundMessage, Sim, SimOrder, SimType
from models.orders import OrderStatusHistory
from services import audit
from services.messaging.notifier import Notifier
from services.orders.notices import CHANNELS, customer_of, notify_customer


class Notice(StrEnum):
    order_confirmed = "order_confirmed"
    order_dispatched = "order_dispatched"
    order_delivered = "order_delivered"
    esim_ready = "esim_ready"
    activation_reminder = "activation_reminder"
    order_cancelled = "order_cancelled"


@dataclass(frozen=True)
class Fit:
    """Which orders a notice suits: their SIM type (None: any) and current statuses."""

    sim_type: SimType | None
    statuses: frozenset[OrderStatus]
    explained: str


_CONFIRMED_ON = frozenset(
    {OrderStatus.confirmed, OrderStatus.dispatched, OrderStatus.delivered, OrderStatus.activated}
)
_SENT_ON = frozenset({OrderStatus.dispatched, OrderStatus.delivered, OrderStatus.activated})
FITS: dict[Notice, Fit] = {
    Notice.order_confirmed: Fit(None, _CONFIRMED_ON, "an order that was confirmed"),
    Notice.order_dispatched: Fit(SimType.physical, _SENT_ON, "a physical SIM that was dispatched"),
    Notice.order_delivered: Fit(
        SimType.physical,
        frozenset({OrderStatus.delivered, OrderStatus.activated}),
        "a physical SIM that was delivered",
    ),
    Notice.esim_ready: Fit(SimType.esim, _CONFIRMED_ON, "a confirmed eSIM order"),
    Notice.activation_reminder: Fit(
        None,
        frozenset({OrderStatus.confirmed, OrderStatus.dispatched, OrderStatus.delivered}),
        "an order whose SIM is not active yet",
    ),
    Notice.order_cancelled: Fit(None, frozenset({OrderStatus.cancelled}), "a cancelled order"),
}


def _check_fit(order: SimOrder, notice: Notice) -> None:
    fit = FITS[notice]
    fits = order.status in fit.statuses and fit.sim_type in (None, order.sim_type)
    # A physical order confirmed but not yet dispatched has nothing to activate.
    if notice is Notice.activation_reminder and order.sim_type is SimType.physical:
        fits = fits and order.status is not OrderStatus.confirmed
    if not fits:
        raise Conflict(
            f"The {notice.value} notice is only for {fit.explained}; order "
            f"{order.order_number} is a {order.status.value} {order.sim_type.value} order.",
            code="notice_does_not_fit",
        )


async def _details(db: AsyncSession, order: SimOrder, notice: Notice) -> dict[str, str]:
    """The values a notice needs beyond the order's own fields, as when first sent."""
    if notice is Notice.esim_ready:
        code = await db.scalar(select(Sim.activation_code).where(Sim.order_id == order.id))
        if not code:
            raise Conflict(
                f"Order {order.order_number} has no eSIM profile with an activation code.",
                code="no_activation_code",
            )
        return {"activation_code": code}
    if notice is Notice.order_cancelled:
        reason = await db.scalar(
            select(OrderStatusHistory.reason)
            .where(
                OrderStatusHistory.order_id == order.id,
                OrderStatusHistory.to_status == OrderStatus.cancelled,
            )
            .order_by(OrderStatusHistory.id.desc())
            .limit(1)
        )
        return {"reason": reason or "cancelled"}
    return {}


def channels_of(notice: Notice) -> tuple[Channel, ...]:
    return CHANNELS[notice.value]


async def resend(
    db: AsyncSession,
    notifier: Notifier,
    actor: audit.Actor,
    order: SimOrder,
    notice: Notice,
    channel: Channel | None,
) -> list[OutboundMessage]:
    """Queue the notice again on `channel` (every channel of the notice when None)."""
    offered = channels_of(notice)
    if channel is not None and channel not in offered:
        raise ValidationFailed(
            f"The {notice.value} notice is sent by {', '.join(c.value for c in offered)} only.",
            code="channel_not_offered",
            details=[
                {
                    "field": "body.channel",
                    "message": f"must be one of: {', '.join(c.value for c in offered)}",
                    "type": "channel_not_offered",
                }
            ],
        )
    _check_fit(order, notice)
    customer = await customer_of(db, order)
    if customer is None:
        raise Conflict(
            f"Order {order.order_number} has no customer to notify (none, or erased).",
            code="no_customer",
        )
    wanted = (channel,) if channel is not None else offered
    channels = tuple(c for c in wanted if c is not Channel.sms or customer.phone)
    if not channels:
        raise Conflict("The customer has no phone number for an SMS.", code="no_phone")
    details = await _details(db, order, notice)
    entry = await audit.record(
        db, actor, "order.notice_resent", "order", order.id,
        after={"notice": notice.value, "channels": [c.value for c in channels]},
    )  # fmt: skip
    return await notify_customer(
        db, notifier, order, notice.value, occurrence=f"resend{entry.id}", channels=channels,
        **details,
    )  # fmt: skip
