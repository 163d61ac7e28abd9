"""The fulfilment sweeper starts the workflow an order lost between commit and start, once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from models import SimOrder
from models.identity import SystemRole
from services.orders import placement
from tests.factories import make_account, make_plan
from tests.workflows.conftest import Stack
from workflows import queues
from workflows.sweeps import FulfilmentSweep


async def test_an_order_without_a_workflow_gets_one(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db, stock=3)
        customer = await make_account(db, SystemRole.customer)
        assert customer.public_user_id is not None

        async def placed(minutes_ago: int) -> SimOrder:
            request = placement.OrderRequest(
                plan_id=plan.id, user_id=customer.public_user_id, delivery_address="Oslo"
            )
            order = await placement.place(db, request, None)
            created = datetime.now(UTC) - timedelta(minutes=minutes_ago)
            await db.execute(
                update(SimOrder).where(SimOrder.id == order.id).values(created_at=created)
            )
            await db.commit()
            return order

        stranded, fresh, ancient = await placed(5), await placed(0), await placed(3 * 24 * 60)

    async def sweep() -> int:
        started: int = await stack.temporal.execute_workflow(
            FulfilmentSweep.run,
            id=f"sweep-{uuid.uuid4().hex}",
            task_queue=queues.qualified(stack.settings.temporal_task_queue_prefix, queues.ORDERS),
        )
        return started

    assert await sweep() == 1
    await stack.reach_step(stranded.order_number, "awaiting_payment")
    async with stack.sessionmaker() as db:
        picked = await db.get(SimOrder, stranded.id)
        assert picked is not None and picked.fulfilment_started_at is not None
    assert await sweep() == 0  # picked up: not started twice
    for untouched in (fresh, ancient):
        handle = stack.temporal.get_workflow_handle(f"order-{untouched.order_number}")
        try:
            await handle.describe()
        except Exception as missing:
            assert "not found" in str(missing).lower()
        else:
            raise AssertionError(f"{untouched.order_number} should have no workflow")
