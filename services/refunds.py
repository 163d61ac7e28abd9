"""Refunds: who may get money back, and paying it back exactly once.

A refund is requested first (services.transactions.request_refund records it as pending, with
the amount checked against what is still refundable); the refund workflow then has it
approved when it is large, and executes it here: the card refunded through the provider with
an idempotency key of the refund's own, or the reseller's balance credited. The order's
payment status follows, and a reseller's commission shrinks in proportion."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict
from integrations.payments import PaymentGateway, to_minor
from models import (
    OrderStatus,
    PaymentStatus,
    Reseller,
    SimOrder,
    SimType,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from services import notifications, outgoing_webhooks, payments, staff
from services.analytics import rollups

CENT = Decimal("0.01")


def check_eligible(order: SimOrder | None, override_reason: str) -> None:
    """An eSIM profile once activated cannot be taken back: only staff overriding this rule,
    with a reason on record, may still refund it."""
    if (
        order is not None
        and order.sim_type is SimType.esim
        and order.status is OrderStatus.activated
        and not override_reason.strip()
    ):
        raise Conflict(
            "This eSIM was activated; refunding it needs an override with a reason.",
            code="refund_not_eligible",
        )


async def _refunded_total(db: AsyncSession, payment: Transaction) -> Decimal:
    total = await db.scalar(
        select(func.coalesce(func.sum(Transaction.amount), 0)).where(
            Transaction.parent_id == payment.id,
            Transaction.transaction_type == TransactionType.refund,
            Transaction.status == TransactionStatus.completed,
        )
    )
    return Decimal(total or 0)


async def execute(db: AsyncSession, gateway: PaymentGateway, refund: Transaction) -> Transaction:
    if refund.status is TransactionStatus.completed:
        return refund
    if refund.status is not TransactionStatus.pending:
        raise Conflict(f"This refund is {refund.status.value}.", code="refund_not_pending")
    payment = await db.get(Transaction, refund.parent_id, with_for_update=True)
    assert payment is not None  # noqa: S101 - a refund always points at its payment
    order = (
        await db.get(SimOrder, refund.order_id, with_for_update=True) if refund.order_id else None
    )
    if payment.payment_method == payments.RESELLER_CREDIT:
        reseller = await db.get(Reseller, refund.reseller_id, with_for_update=True)
        assert reseller is not None  # noqa: S101
        reseller.current_balance -= refund.amount
    else:
        done = await gateway.refund(
            payment.gateway_transaction_id,
            to_minor(refund.amount),
            idempotency_key=f"refund-{refund.transaction_id}",
            metadata={"refund": refund.transaction_id},
        )
        refund.gateway_transaction_id = done.id
        refund.payment_gateway_response = {"status": done.status}
    refund.status = TransactionStatus.completed
    await db.flush()
    if order is not None:
        refunded = await _refunded_total(db, payment)
        order.payment_status = (
            PaymentStatus.refunded
            if refunded >= payment.amount
            else PaymentStatus.partially_refunded
        )
        await _claw_back_commission(db, order, refund)
        await rollups.refund_completed(db, order, refund.amount)
    await outgoing_webhooks.refund_completed(db, refund, order)
    await db.flush()
    return refund


async def _claw_back_commission(db: AsyncSession, order: SimOrder, refund: Transaction) -> None:
    commission = await payments.commission_of(db, order)
    if commission is None or order.reseller_id is None:
        return
    share = (commission.amount * refund.amount / order.total_amount).quantize(CENT, ROUND_HALF_UP)
    if share <= 0:
        return
    reseller = await db.get(Reseller, order.reseller_id, with_for_update=True)
    assert reseller is not None  # noqa: S101
    reseller.current_balance += share
    await payments.record_entry(
        db,
        order,
        TransactionType.commission_reversal,
        share,
        payments.RESELLER_CREDIT,
        TransactionStatus.completed,
        parent_id=commission.id,
    )


async def escalate(db: AsyncSession, refund: Transaction) -> None:
    """Nobody decided on a large refund for a day: tell everyone who may approve it."""
    approvers = await staff.holding(db, "transactions:refund")
    await notifications.notify(
        db,
        [a for a in approvers if a != refund.created_by_id],
        "refund_approval",
        f"Refund {refund.transaction_id} of {refund.amount} {refund.currency} awaits approval",
        "Requested more than a day ago and still undecided.",
        {"transaction_id": refund.id},
    )


async def fail(db: AsyncSession, refund: Transaction, reason: str) -> None:
    """The provider refused, or an approver did: nothing was paid back."""
    if refund.status is TransactionStatus.pending:
        refund.status = TransactionStatus.failed
        refund.failure_reason = reason[:1000]
        await db.flush()
