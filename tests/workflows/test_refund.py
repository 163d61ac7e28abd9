"""Refund workflow: full and partial refunds through localstripe, approval of large ones by a
second person, eligibility of activated eSIMs, and the reseller's commission clawed back."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select
from temporalio.client import WorkflowHandle

from models import OutboundMessage, Reseller, SimType, Transaction, TransactionType
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_plan, make_reseller, make_staff
from tests.workflows.conftest import Stack, poll
from workflows.control import refund_id
from workflows.refund import Refund, RefundResult


async def _paid_esim(stack: Stack) -> tuple[dict[str, str], dict[str, object], int]:
    """Admin headers, an app user's eSIM order charged and delivered, and its payment's id."""
    async with stack.sessionmaker() as db:
        plan = await make_plan(db, SimType.esim)
        admin = await make_staff(db, SystemRole.admin)
        customer = await make_account(db, SystemRole.customer)
    auth = await login_headers(stack.api, admin)
    order = (
        await stack.api.post(
            "/api/orders/",
            headers=auth,
            json={"plan_id": plan.id, "user_id": customer.public_user_id},
        )
    ).json()
    await stack.reach_step(order["order_number"], "awaiting_payment")
    paid = await stack.api.post(
        "/api/payments/process/",
        headers=auth,
        json={"order_id": order["id"], "payment_method": "pm_card_visa"},
    )
    assert paid.status_code == 200
    await stack.reach_step(order["order_number"], "awaiting_activation")
    async with stack.sessionmaker() as db:
        payment = await db.scalar(
            select(Transaction.id).where(
                Transaction.order_id == order["id"],
                Transaction.transaction_type == TransactionType.payment,
            )
        )
    assert payment is not None
    return auth, order, payment


async def _outcome(stack: Stack, transaction_id: str) -> RefundResult:
    handle: WorkflowHandle[Refund, RefundResult] = stack.temporal.get_workflow_handle(
        refund_id(transaction_id), result_type=RefundResult
    )
    return await handle.result()


async def test_partial_then_full_refund_through_stripe(stack: Stack) -> None:
    auth, order, payment = await _paid_esim(stack)
    url = f"/api/transactions/{payment}/refund/"
    total = Decimal(str(order["total_amount"]))
    first = await stack.api.post(url, headers=auth, json={"amount": "10.00", "reason": "late"})
    assert first.status_code == 202, first.text
    assert (await _outcome(stack, first.json()["transaction_id"])).outcome == "completed"
    detail = (await stack.api.get(f"/api/orders/{order['id']}/", headers=auth)).json()
    assert detail["payment_status"] == "partially_refunded"

    too_much = await stack.api.post(
        url, headers=auth, json={"amount": str(total), "reason": "again"}
    )
    assert (too_much.status_code, too_much.json()["error"]["code"]) == (
        422,
        "refund_exceeds_refundable",
    )
    rest = await stack.api.post(url, headers=auth, json={"reason": "the rest"})
    assert Decimal(rest.json()["amount"]) == total - Decimal("10.00")
    assert (await _outcome(stack, rest.json()["transaction_id"])).outcome == "completed"

    async with stack.sessionmaker() as db:
        refunds = (
            await db.scalars(
                select(Transaction).where(Transaction.parent_id == payment).order_by(Transaction.id)
            )
        ).all()
        notices = (
            await db.scalars(
                select(OutboundMessage.template).where(OutboundMessage.template == "refund_issued")
            )
        ).all()
    assert [(r.status.value, r.amount) for r in refunds] == [
        ("completed", Decimal("10.00")),
        ("completed", total - Decimal("10.00")),
    ]
    assert len(notices) == 2
    stripe_client = stack.stripe()
    amounts = [stripe_client.v1.refunds.retrieve(r.gateway_transaction_id).amount for r in refunds]
    assert amounts == [1000, int((total - Decimal("10.00")) * 100)]
    detail = (await stack.api.get(f"/api/orders/{order['id']}/", headers=auth)).json()
    assert detail["payment_status"] == "refunded"
    await stack.replay(refund_id(rest.json()["transaction_id"]))


@pytest.mark.stack_settings(refund_approval_threshold=Decimal("5.00"))
async def test_a_large_refund_waits_for_a_second_person(stack: Stack) -> None:
    auth, _, payment = await _paid_esim(stack)
    refund = (
        await stack.api.post(
            f"/api/transactions/{payment}/refund/", headers=auth, json={"reason": "broken"}
        )
    ).json()
    decision_url = f"/api/transactions/{refund['id']}/decision/"
    handle = stack.temporal.get_workflow_handle(refund_id(refund["transaction_id"]))

    async def awaiting() -> bool:
        try:
            return (await handle.query(Refund.progress)).step == "awaiting_approval"
        except Exception:
            return False

    assert await poll(awaiting)
    own = await stack.api.post(decision_url, headers=auth, json={"approve": True})
    assert (own.status_code, own.json()["error"]["code"]) == (409, "four_eyes")
    async with stack.sessionmaker() as db:
        second = await login_headers(stack.api, await make_staff(db, SystemRole.admin))
    rejected = await stack.api.post(
        decision_url, headers=second, json={"approve": False, "reason": "used already"}
    )
    assert rejected.status_code == 200, rejected.text
    outcome = await _outcome(stack, refund["transaction_id"])
    assert (outcome.outcome, outcome.reason) == ("failed", "rejected: used already")
    again = await stack.api.post(decision_url, headers=second, json={"approve": True})
    assert again.json()["error"]["code"] == "not_awaiting_approval"
    async with stack.sessionmaker() as db:
        stored = await db.get(Transaction, refund["id"])
    assert stored is not None
    assert (stored.status.value, stored.failure_reason) == ("failed", "rejected: used already")


async def test_activated_esim_needs_an_override_and_reseller_commission_follows(
    stack: Stack,
) -> None:
    async with stack.sessionmaker() as db:
        plan = await make_plan(db, SimType.esim)
        reseller = await make_reseller(db, commission_rate=Decimal("10"))
        admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(stack.api, admin)
    order = (
        await stack.api.post(
            "/api/orders/", headers=auth, json={"plan_id": plan.id, "reseller_id": reseller.id}
        )
    ).json()
    await stack.reach_step(order["order_number"], "awaiting_activation")
    await stack.api.patch(
        f"/api/orders/{order['id']}/status/", headers=auth, json={"status": "activated"}
    )
    await stack.reach_step(order["order_number"], "completed")
    async with stack.sessionmaker() as db:
        payment = await db.scalar(
            select(Transaction.id).where(
                Transaction.order_id == order["id"],
                Transaction.transaction_type == TransactionType.payment,
            )
        )
    url = f"/api/transactions/{payment}/refund/"
    total = Decimal(str(order["total_amount"]))
    half = (total / 2).quantize(Decimal("0.01"))
    refused = await stack.api.post(
        url, headers=auth, json={"amount": str(half), "reason": "goodwill"}
    )
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, "refund_not_eligible")
    allowed = await stack.api.post(
        url,
        headers=auth,
        json={"amount": str(half), "reason": "network outage", "override_reason": "ticket 42"},
    )
    assert allowed.status_code == 202, allowed.text
    assert (await _outcome(stack, allowed.json()["transaction_id"])).outcome == "completed"

    commission = (total * Decimal("0.10")).quantize(Decimal("0.01"))
    clawed = (commission * half / total).quantize(Decimal("0.01"))
    async with stack.sessionmaker() as db:
        ledger = (
            await db.scalars(
                select(Transaction)
                .where(Transaction.order_id == order["id"])
                .order_by(Transaction.id)
            )
        ).all()
        settled = await db.get(Reseller, reseller.id)
    assert [(t.transaction_type.value, t.amount) for t in ledger] == [
        ("payment", total),
        ("commission", commission),
        ("refund", half),
        ("commission_reversal", clawed),
    ]
    assert settled is not None
    assert settled.current_balance == total - commission - half + clawed
