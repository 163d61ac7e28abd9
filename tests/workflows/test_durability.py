"""Kill the worker (SIGKILL) with 200 orders in flight; a new worker finishes every one of
them exactly once: no order lost, no card charged twice, no customer told twice."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import func, select

from core.settings import PROJECT_ROOT
from models import (
    OutboundMessage,
    Reseller,
    SimOrder,
    SimType,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_plan, make_reseller, make_staff
from tests.workflows.conftest import Stack, poll

CARD_ORDERS, CREDIT_ORDERS = 40, 160


def _worker(stack: Stack) -> subprocess.Popen[bytes]:
    settings = stack.settings
    env = {
        **os.environ,
        "DATABASE_URL": settings.database_url,
        "TEMPORAL_ADDRESS": settings.temporal_address,
        "TEMPORAL_TASK_QUEUE_PREFIX": settings.temporal_task_queue_prefix,
        "STRIPE_API_BASE": settings.stripe_api_base,
        "REDIS_URL": settings.redis_url,
        "LOG_LEVEL": "WARNING",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "worker", "--queues", "orders"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def _delivered(stack: Stack) -> int:
    """Orders charged (card captured or credit booked): an eSIM's last step before activation."""
    async with stack.sessionmaker() as db:
        count = await db.scalar(
            select(func.count()).select_from(SimOrder).where(SimOrder.payment_status == "paid")
        )
    return int(count or 0)


@pytest.mark.timeout(900)
@pytest.mark.stack_queues()
@pytest.mark.stack_settings(rate_limit_enabled=False)
async def test_orders_survive_a_killed_worker_exactly_once(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db, SimType.esim, stock=CARD_ORDERS + CREDIT_ORDERS)
        reseller = await make_reseller(db, credit_limit=Decimal("100000"))
        admin = await make_staff(db, SystemRole.admin)
        customer = await make_account(db, SystemRole.customer)
    auth = await login_headers(stack.api, admin)

    async def place(**buyer: Any) -> dict[str, Any]:
        response = await stack.api.post(
            "/api/orders/", headers=auth, json={"plan_id": plan.id, **buyer}
        )
        assert response.status_code == 201, response.text
        order: dict[str, Any] = response.json()
        return order

    first = _worker(stack)
    try:
        card = [await place(user_id=customer.public_user_id) for _ in range(CARD_ORDERS)]
        for order in card:
            await stack.reach_step(order["order_number"], "awaiting_payment", timeout=120)
            paid = await stack.api.post(
                "/api/payments/process/",
                headers=auth,
                json={"order_id": order["id"], "payment_method": "pm_card_visa"},
            )
            assert paid.status_code == 200, paid.text
        credit = [await place(reseller_id=reseller.id) for _ in range(CREDIT_ORDERS)]
    finally:
        first.kill()  # SIGKILL: no graceful shutdown, activities cut off mid-step
        first.wait()
    in_flight_at_kill = CARD_ORDERS + CREDIT_ORDERS - await _delivered(stack)
    assert in_flight_at_kill > 0, "the kill came too late to prove anything"

    second = _worker(stack)
    try:

        async def all_delivered() -> bool:
            return await _delivered(stack) >= CARD_ORDERS + CREDIT_ORDERS

        assert await poll(all_delivered, timeout=300)
        for order in card + credit:
            await stack.reach_step(order["order_number"], "awaiting_activation", timeout=60)
    finally:
        second.terminate()
        second.wait()

    numbers = {o["order_number"] for o in card + credit}
    async with stack.sessionmaker() as db:
        payments = Counter(
            await db.scalars(
                select(SimOrder.order_number)
                .join(Transaction, Transaction.order_id == SimOrder.id)
                .where(
                    Transaction.transaction_type == TransactionType.payment,
                    Transaction.status == TransactionStatus.completed,
                )
            )
        )
        messages = Counter(
            (m.template, m.channel.value, m.recipient)
            for m in await db.scalars(select(OutboundMessage))
        )
        booked = await db.get(Reseller, reseller.id)
    assert payments == Counter({number: 1 for number in numbers})
    assert booked is not None
    assert booked.current_balance == sum(Decimal(o["total_amount"]) for o in credit)
    assert messages[("esim_ready", "email", customer.email)] == CARD_ORDERS
    assert messages[("order_confirmed", "email", customer.email)] == CARD_ORDERS

    stripe_client = stack.stripe()
    charged: Counter[str] = Counter()
    for intent in stripe_client.v1.payment_intents.list(params={"limit": 100}).auto_paging_iter():
        number = intent.to_dict().get("metadata", {}).get("order_number")
        if number in numbers and intent.status == "succeeded":
            charged[number] += 1
    assert charged == Counter({o["order_number"]: 1 for o in card})
