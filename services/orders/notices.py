"""What the customer hears at each step of an order, by email and SMS.

Each message carries a dedupe key made of the order and the event, so the workflow activity
that sends it can be retried, or the worker killed halfway, without anyone hearing twice."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from models import Channel, OutboundMessage, PublicUser, ResellerClient, SimOrder
from services.messaging.notifier import Notifier

CHANNELS: dict[str, tuple[Channel, ...]] = {
    "order_confirmed": (Channel.email, Channel.sms),
    "order_dispatched": (Channel.email, Channel.sms),
    "order_delivered": (Channel.email,),
    "esim_ready": (Channel.email,),
    "activation_reminder": (Channel.email,),
    "order_cancelled": (Channel.email,),
    "refund_issued": (Channel.email,),
}


@dataclass(frozen=True)
class Customer:
    name: str
    email: str
    phone: str


async def customer_of(db: AsyncSession, order: SimOrder) -> Customer | None:
    """The person the SIM is for: the app user, or the reseller's client (if it has one)."""
    if order.user_id is not None:
        user = await db.get(PublicUser, order.user_id)
        if user is None or user.erased_at is not None:
            return None
        return Customer(user.full_name, user.email, user.phone)
    if order.client_id is not None:
        client = await db.get(ResellerClient, order.client_id)
        if client is not None:
            return Customer(client.client_name, client.client_email, client.client_phone)
    return None


async def notify_customer(
    db: AsyncSession,
    notifier: Notifier,
    order: SimOrder,
    event: str,
    *,
    occurrence: str = "",
    channels: tuple[Channel, ...] | None = None,
    **details: str,
) -> list[OutboundMessage]:
    """`occurrence` tells apart events an order can have more than once (each refund, each
    re-send); `channels` narrows the event's channels (a re-sent dispatch SMS alone)."""
    customer = await customer_of(db, order)
    if customer is None:
        return []
    context = {
        "name": customer.name,
        "order_number": order.order_number,
        "plan_name": order.plan_name,
        "total": str(order.total_amount),
        "currency": order.currency,
        "courier": order.courier,
        "tracking_number": order.delivery_tracking_number,
        **details,
    }
    sent = []
    for channel in channels or CHANNELS[event]:
        key = ":".join(filter(None, (order.order_number, event, occurrence, channel.value)))
        if channel is Channel.email:
            sent.append(
                await notifier.send_email(db, customer.email, event, context, dedupe_key=key)
            )
        elif customer.phone:
            sent.append(await notifier.send_sms(db, customer.phone, event, context, dedupe_key=key))
    return sent
