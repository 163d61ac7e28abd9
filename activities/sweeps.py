"""Safety nets that run on a schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from models import SimOrder
from workflows.control import OrderWorkflows

# Younger orders are still being started by the request that placed them.
GRACE = timedelta(minutes=1)
# Older ones are history that predates workflows, not lost work.
HORIZON = timedelta(days=1)
BATCH = 500


class SweepActivities:
    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], workflows: OrderWorkflows
    ) -> None:
        self._sessionmaker = sessionmaker
        self._workflows = workflows

    @activity.defn
    async def start_missing_fulfilments(self) -> int:
        """Start the workflow of every recent order that has none: the API commits an order
        before starting its workflow, and a crash in between must not strand it."""
        now = datetime.now(UTC)
        async with self._sessionmaker() as db:
            orders = (
                await db.scalars(
                    select(SimOrder)
                    .where(
                        SimOrder.fulfilment_started_at.is_(None),
                        SimOrder.created_at < now - GRACE,
                        SimOrder.created_at > now - HORIZON,
                    )
                    .order_by(SimOrder.created_at)
                    .limit(BATCH)
                )
            ).all()
        for order in orders:
            await self._workflows.start(order)  # already running: a no-op
        return len(orders)
