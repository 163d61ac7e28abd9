"""An order's timeline for support staff: every business event about the order (status
changes, money movements, messages, audit entries), merged with the steps its workflow
reports (see workflows.control.OrderWorkflows.history), in time order."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import AuditLog, OrderStatusHistory, OutboundMessage, SimOrder, Transaction


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    source: str  # order, payment, message, audit, workflow
    kind: str
    summary: str
    detail: dict[str, Any] = field(default_factory=dict)


async def business_events(db: AsyncSession, order: SimOrder) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    for change in await db.scalars(
        select(OrderStatusHistory).where(OrderStatusHistory.order_id == order.id)
    ):
        before = change.from_status.value if change.from_status else "new"
        entries.append(
            TimelineEntry(
                change.created_at,
                "order",
                "status_changed",
                f"{before} → {change.to_status.value}",
                {"by": change.changed_by_id, "via": change.source.value, "reason": change.reason},
            )
        )
    for money in await db.scalars(select(Transaction).where(Transaction.order_id == order.id)):
        entries.append(
            TimelineEntry(
                money.created_at,
                "payment",
                money.transaction_type.value,
                f"{money.transaction_type.value} {money.amount} {money.currency}: "
                f"{money.status.value}",
                {"transaction_id": money.transaction_id, "failure": money.failure_reason},
            )
        )
    for message in await db.scalars(
        select(OutboundMessage).where(
            OutboundMessage.dedupe_key.startswith(f"{order.order_number}:")
        )
    ):
        entries.append(
            TimelineEntry(
                message.created_at,
                "message",
                message.template,
                f"{message.channel.value} to {message.recipient}: {message.template}",
                {"sent_at": message.sent_at, "error": message.error},
            )
        )
    for entry in await db.scalars(
        select(AuditLog).where(
            AuditLog.entity_type == "order", AuditLog.entity_id == order.order_number
        )
    ):
        entries.append(
            TimelineEntry(
                entry.created_at,
                "audit",
                entry.action,
                entry.action,
                {"actor": entry.actor_id, "after": entry.after, "reason": entry.reason},
            )
        )
    return entries


def merged(*sources: Iterable[TimelineEntry]) -> list[TimelineEntry]:
    return sorted((e for source in sources for e in source), key=lambda e: e.at)
