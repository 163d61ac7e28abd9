"""OrderFulfilment end to end: API → Temporal → worker → PostgreSQL and localstripe."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from models import (
    OutboundMessage,
    Reseller,
    ResellerClient,
    Sim,
    SimOrder,
    SimState,
    SimType,
    Transaction,
)
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_plan, make_reseller, make_staff
from tests.workflows.conftest import Stack, poll


async def _people(stack: Stack) -> tuple[dict[str, str], int, str]:
    """Admin headers, and an app user (id, email) who buys."""
    async with stack.sessionmaker() as db:
        admin = await make_staff(db, SystemRole.admin)
        customer = await make_account(db, SystemRole.customer)
    assert customer.public_user_id is not None
    return await login_headers(stack.api, admin), customer.public_user_id, customer.email


async def _place(stack: Stack, auth: dict[str, str], **body: object) -> dict[str, object]:
    response = await stack.api.post("/api/orders/", headers=auth, json=body)
    assert response.status_code == 201, response.text
    order: dict[str, object] = response.json()
    return order


async def _messages(stack: Stack, order_number: str) -> list[tuple[str, str]]:
    async with stack.sessionmaker() as db:
        rows = await db.scalars(
            select(OutboundMessage)
            .where(OutboundMessage.dedupe_key.startswith(f"{order_number}:"))
            .order_by(OutboundMessage.id)
        )
        return [(m.template, m.channel.value) for m in rows]


async def _ledger(stack: Stack, order_id: object) -> list[tuple[str, str, str, Decimal]]:
    async with stack.sessionmaker() as db:
        rows = await db.scalars(
            select(Transaction).where(Transaction.order_id == order_id).order_by(Transaction.id)
        )
        return [
            (t.transaction_type.value, t.status.value, t.payment_method, t.amount) for t in rows
        ]


async def _order(stack: Stack, order_id: object) -> SimOrder:
    async with stack.sessionmaker() as db:
        order = await db.get(SimOrder, order_id)
        assert order is not None
        return order


async def test_app_user_physical_sim_from_checkout_to_activation(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db)
    auth, user_id, email = await _people(stack)
    order = await _place(stack, auth, plan_id=plan.id, user_id=user_id, delivery_address="Oslo")
    number, url = str(order["order_number"]), f"/api/orders/{order['id']}"
    assert order["workflow_url"] == (
        f"{stack.settings.temporal_ui_url}/namespaces/default/workflows/order-{number}"
    )
    await stack.reach_step(number, "awaiting_payment")

    paid = await stack.api.post(
        "/api/payments/process/",
        headers=auth,
        json={"order_id": order["id"], "payment_method": "pm_card_visa"},
    )
    assert paid.status_code == 200, paid.text
    intent_id = paid.json()["intent_id"]
    await stack.reach_step(number, "awaiting_dispatch")
    again = await stack.api.post(
        "/api/payments/process/",
        headers=auth,
        json={"order_id": order["id"], "payment_method": "pm_card_visa"},
    )
    assert (again.status_code, again.json()["error"]["code"]) == (409, "not_awaiting_payment")
    confirmed = await _order(stack, order["id"])
    assert (confirmed.status.value, confirmed.payment_status.value) == ("confirmed", "authorized")

    shipped = await stack.api.post(
        f"{url}/assign-delivery/",
        headers=auth,
        json={"courier": "Posten", "tracking_number": "NO123456789"},
    )
    assert shipped.status_code == 202, shipped.text
    await stack.reach_step(number, "in_transit")
    stripe_client = stack.stripe()
    assert stripe_client.v1.payment_intents.retrieve(intent_id).status == "succeeded"

    for status, step in (("delivered", "awaiting_activation"), ("activated", "completed")):
        moved = await stack.api.patch(f"{url}/status/", headers=auth, json={"status": status})
        assert moved.status_code == 202, moved.text
        await stack.reach_step(number, step)

    detail = (await stack.api.get(f"{url}/", headers=auth)).json()
    assert [(h["to_status"], h["source"]) for h in detail["status_history"]] == [
        ("pending", "api"),
        ("confirmed", "workflow"),
        ("dispatched", "api"),
        ("delivered", "api"),
        ("activated", "api"),
    ]
    assert (detail["payment_status"], detail["courier"]) == ("paid", "Posten")
    assert await _ledger(stack, order["id"]) == [
        ("payment", "completed", "card", Decimal(str(order["total_amount"])))
    ]
    assert await _messages(stack, number) == [
        ("order_confirmed", "email"),
        ("order_confirmed", "sms"),
        ("order_dispatched", "email"),
        ("order_dispatched", "sms"),
        ("order_delivered", "email"),
    ]
    async with stack.sessionmaker() as db:
        sim = (await db.scalars(select(Sim).where(Sim.order_id == order["id"]))).one()
        assert sim.state is SimState.active
    found = [w.id async for w in stack.temporal.list_workflows(f'OrderNumber = "{number}"')]
    assert found == [f"order-{number}"]
    workflow = (await stack.api.get(f"{url}/workflow/", headers=auth)).json()
    assert (workflow["running"], workflow["step"]) == (False, "completed")
    assert [h["step"] for h in workflow["history"]][:3] == [
        "awaiting_payment",
        "confirming",
        "awaiting_dispatch",
    ]
    assert email  # the customer's messages went to the app user's address
    async with stack.sessionmaker() as db:
        recipients = set(
            await db.scalars(
                select(OutboundMessage.recipient).where(
                    OutboundMessage.dedupe_key.startswith(f"{number}:"),
                    OutboundMessage.channel == "email",
                )
            )
        )
    assert recipients == {email}
    await stack.replay(f"order-{number}")

    events = (await stack.api.get(f"{url}/timeline/", headers=auth)).json()
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)
    summaries = [(e["source"], e["summary"]) for e in events]
    for expected in (
        ("workflow", "workflow started"),
        ("workflow", "update pay"),
        ("workflow", "authorize_payment done"),
        ("order", "pending → confirmed"),
        ("message", f"email to {email}: order_confirmed"),
        ("workflow", "signal request_status"),
        ("workflow", "capture_payment done"),
        ("audit", "order.delivery_assigned"),
        ("workflow", "workflow completed"),
    ):
        assert expected in summaries, expected


async def test_reseller_esim_gets_its_code_is_booked_to_credit_and_earns_commission(
    stack: Stack,
) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db, SimType.esim)
        reseller = await make_reseller(db, commission_rate=Decimal("10"))
        client = ResellerClient(
            reseller_id=reseller.id,
            client_name="Kim Client",
            client_email="kim@example.org",
            client_phone="+14155550199",
        )
        db.add(client)
        await db.commit()
    auth, _, _ = await _people(stack)
    order = await _place(stack, auth, plan_id=plan.id, reseller_id=reseller.id, client_id=client.id)
    number, total = str(order["order_number"]), Decimal(str(order["total_amount"]))
    await stack.reach_step(number, "awaiting_activation")
    async with stack.sessionmaker() as db:
        esim = await db.scalar(
            select(OutboundMessage).where(
                OutboundMessage.dedupe_key == f"{number}:esim_ready:email"
            )
        )
        assert esim is not None and esim.recipient == "kim@example.org"
        assert "LPA:1$x$y" in esim.body
        booked = await db.get(Reseller, reseller.id)
        assert booked is not None and booked.current_balance == total

    moved = await stack.api.patch(
        f"/api/orders/{order['id']}/status/", headers=auth, json={"status": "activated"}
    )
    assert moved.status_code == 202
    await stack.reach_step(number, "completed")
    commission = (total * Decimal("0.10")).quantize(Decimal("0.01"))
    assert await _ledger(stack, order["id"]) == [
        ("payment", "completed", "reseller_credit", total),
        ("commission", "completed", "reseller_credit", commission),
    ]
    async with stack.sessionmaker() as db:
        settled = await db.get(Reseller, reseller.id)
        assert settled is not None and settled.current_balance == total - commission


@pytest.mark.stack_settings(order_payment_timeout_seconds=2)
async def test_an_unpaid_order_is_cancelled_and_its_sim_put_back(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db)
    auth, user_id, _ = await _people(stack)
    order = await _place(stack, auth, plan_id=plan.id, user_id=user_id, delivery_address="Oslo")
    number = str(order["order_number"])
    await stack.reach_step(number, "cancelled")
    cancelled = await _order(stack, order["id"])
    assert (cancelled.status.value, cancelled.payment_status.value) == ("cancelled", "pending")
    async with stack.sessionmaker() as db:
        sims = (
            await db.scalars(select(Sim.state).where(Sim.network_provider == plan.network_provider))
        ).all()
        assert sorted(s.value for s in sims) == ["in_stock"] * 3
        notice = await db.scalar(
            select(OutboundMessage.body).where(
                OutboundMessage.dedupe_key == f"{number}:order_cancelled:email"
            )
        )
    assert notice is not None and "not paid in time" in notice
    late = await stack.api.post(
        "/api/payments/process/",
        headers=auth,
        json={"order_id": order["id"], "payment_method": "pm_card_visa"},
    )
    assert (late.status_code, late.json()["error"]["code"]) == (409, "not_awaiting_payment")


async def test_a_declined_card_is_recorded_and_another_card_can_pay(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db)
    auth, user_id, _ = await _people(stack)
    order = await _place(stack, auth, plan_id=plan.id, user_id=user_id, delivery_address="Oslo")
    number = str(order["order_number"])
    await stack.reach_step(number, "awaiting_payment")
    pay = {"order_id": order["id"], "payment_method": "pm_card_chargeCustomerFail"}
    declined = await stack.api.post("/api/payments/process/", headers=auth, json=pay)
    assert declined.status_code == 402, declined.text
    assert declined.json()["error"]["code"] == "card_declined"
    assert (await _order(stack, order["id"])).payment_status.value == "failed"

    pay["payment_method"] = "pm_card_visa"
    accepted = await stack.api.post("/api/payments/process/", headers=auth, json=pay)
    assert accepted.status_code == 200, accepted.text
    await stack.reach_step(number, "awaiting_dispatch")
    total = Decimal(str(order["total_amount"]))
    assert await _ledger(stack, order["id"]) == [
        ("payment", "failed", "card", total),
        ("payment", "pending", "card", total),
    ]


async def test_cancel_before_dispatch_voids_the_hold_and_after_is_refused(stack: Stack) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db, stock=2)
    auth, user_id, _ = await _people(stack)
    orders = [
        await _place(stack, auth, plan_id=plan.id, user_id=user_id, delivery_address="Oslo")
        for _ in range(2)
    ]
    for order in orders:
        await stack.reach_step(str(order["order_number"]), "awaiting_payment")
        paid = await stack.api.post(
            "/api/payments/process/",
            headers=auth,
            json={"order_id": order["id"], "payment_method": "pm_card_visa"},
        )
        assert paid.status_code == 200
        await stack.reach_step(str(order["order_number"]), "awaiting_dispatch")

    first, second = orders
    cancel = await stack.api.patch(
        f"/api/orders/{first['id']}/status/",
        headers=auth,
        json={"status": "cancelled", "reason": "customer changed their mind"},
    )
    assert cancel.status_code == 202
    await stack.reach_step(str(first["order_number"]), "cancelled")
    voided = await _order(stack, first["id"])
    assert (voided.status.value, voided.payment_status.value) == ("cancelled", "voided")
    total = Decimal(str(first["total_amount"]))
    assert await _ledger(stack, first["id"]) == [("payment", "cancelled", "card", total)]

    await stack.api.post(
        f"/api/orders/{second['id']}/assign-delivery/",
        headers=auth,
        json={"courier": "Posten", "tracking_number": "NO987654321"},
    )
    await stack.reach_step(str(second["order_number"]), "in_transit")
    late = await stack.api.patch(
        f"/api/orders/{second['id']}/status/", headers=auth, json={"status": "cancelled"}
    )
    assert (late.status_code, late.json()["error"]["details"]) == (409, {"allowed": ["delivered"]})
    skipping = await stack.api.patch(
        f"/api/orders/{second['id']}/status/", headers=auth, json={"status": "activated"}
    )
    assert skipping.status_code == 409

    async def still_in_transit() -> bool:
        return (await stack.progress(str(second["order_number"]))).step == "in_transit"

    assert await poll(still_in_transit, 1)
