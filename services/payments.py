"""Paying for orders: a card held at checkout and charged at dispatch, or a reseller's credit.

Every function here is safe to run twice (the fulfilment workflow's activities retry): each
first looks at what the ledger already records for the order, and provider calls carry an
idempotency key derived from the order, so a retry finds the earlier result instead of
charging, voiding or crediting again."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import AppError, Conflict
from integrations.payments import IntentState, PaymentDeclined, PaymentGateway, to_minor
from models import (
    OrderSource,
    OrderStatus,
    PaymentStatus,
    Reseller,
    SimOrder,
    Transaction,
    TransactionStatus,
    TransactionType,
)
from models.codes import CodeKind, next_code
from services import outgoing_webhooks
from services.analytics import rollups

CARD = "card"
RESELLER_CREDIT = "reseller_credit"
CENT = Decimal("0.01")


def method_for(source: OrderSource) -> str:
    """How an order of this source is paid: app users by card, resellers from their credit."""
    return RESELLER_CREDIT if source is OrderSource.reseller_client else CARD


class PaymentFailed(AppError):
    status_code = 402
    code = "payment_failed"


async def payment_of(db: AsyncSession, order: SimOrder) -> Transaction | None:
    """The order's live payment: held, or captured (failed attempts are history)."""
    found: Transaction | None = (
        await db.scalars(
            select(Transaction)
            .where(
                Transaction.order_id == order.id,
                Transaction.transaction_type == TransactionType.payment,
                Transaction.status.in_((TransactionStatus.pending, TransactionStatus.completed)),
            )
            .order_by(Transaction.id.desc())
            .limit(1)
        )
    ).first()
    return found


async def record_entry(
    db: AsyncSession,
    order: SimOrder,
    kind: TransactionType,
    amount: Decimal,
    method: str,
    status: TransactionStatus,
    **fields: object,
) -> Transaction:
    entry = Transaction(
        transaction_id=await next_code(db, CodeKind.transaction),
        transaction_type=kind,
        order_id=order.id,
        user_id=order.user_id,
        reseller_id=order.reseller_id,
        amount=amount,
        currency=order.currency,
        payment_method=method,
        status=status,
        **fields,
    )
    db.add(entry)
    await db.flush()
    return entry


def awaiting_payment(order: SimOrder) -> bool:
    return (
        order.order_type is OrderSource.app_user
        and order.status is OrderStatus.pending
        and order.payment_status in (PaymentStatus.pending, PaymentStatus.failed)
    )


async def authorize_card(
    db: AsyncSession, gateway: PaymentGateway, order: SimOrder, payment_method: str, attempt: int
) -> Transaction:
    """Hold the order's total on the customer's card. A decline is recorded, then raised."""
    if (held := await payment_of(db, order)) is not None:
        return held
    if not awaiting_payment(order):
        raise Conflict(
            f"This order is not awaiting payment (status {order.status.value}, "
            f"payment {order.payment_status.value}).",
            code="not_awaiting_payment",
        )
    try:
        intent = await gateway.authorize(
            amount_minor=to_minor(order.total_amount),
            currency=order.currency,
            payment_method=payment_method,
            metadata={"order_number": order.order_number},
            idempotency_key=f"order-{order.order_number}-authorize-{attempt}",
        )
    except PaymentDeclined as declined:
        order.payment_status = PaymentStatus.failed
        await record_entry(
            db,
            order,
            TransactionType.payment,
            order.total_amount,
            CARD,
            TransactionStatus.failed,
            failure_reason=str(declined),
            payment_gateway_response={"code": declined.code},
        )
        raise PaymentFailed(str(declined), code=declined.code, persist=True) from None
    return await record_authorization(db, order, intent)


async def record_authorization(
    db: AsyncSession, order: SimOrder, intent: IntentState
) -> Transaction:
    """Book a hold the provider confirmed (from our own call or its webhook) exactly once."""
    if (held := await payment_of(db, order)) is not None:
        return held
    if intent.amount_minor != to_minor(order.total_amount) or not intent.authorized:
        raise Conflict(
            f"Payment {intent.id} does not hold this order's total.", code="payment_mismatch"
        )
    order.payment_status = PaymentStatus.authorized
    return await record_entry(
        db,
        order,
        TransactionType.payment,
        order.total_amount,
        CARD,
        TransactionStatus.pending,
        gateway_transaction_id=intent.id,
        payment_gateway_response={"status": intent.status},
    )


async def capture(db: AsyncSession, gateway: PaymentGateway, order: SimOrder) -> Transaction:
    """Take the money: charge the held card, or book the order to the reseller's balance."""
    payment = await payment_of(db, order)
    if payment is not None and payment.status is TransactionStatus.completed:
        return payment
    if order.order_type is OrderSource.reseller_client:
        reseller = await db.get(Reseller, order.reseller_id, with_for_update=True)
        assert reseller is not None  # noqa: S101 - the foreign key guarantees it
        reseller.current_balance += order.total_amount
        payment = await record_entry(
            db,
            order,
            TransactionType.payment,
            order.total_amount,
            RESELLER_CREDIT,
            TransactionStatus.completed,
        )
    else:
        if payment is None:
            raise Conflict("There is no payment to capture for this order.", code="not_paid")
        intent = await gateway.capture(
            payment.gateway_transaction_id,
            idempotency_key=f"order-{order.order_number}-capture",
        )
        payment.status = TransactionStatus.completed
        payment.payment_gateway_response = {"status": intent.status}
    order.payment_status = PaymentStatus.paid
    await db.flush()
    await rollups.payment_captured(db, order)
    await outgoing_webhooks.payment_captured(db, order, payment)
    return payment


async def release(db: AsyncSession, gateway: PaymentGateway, order: SimOrder) -> None:
    """Let go of an uncaptured hold. A reseller's credit frees itself: a cancelled order no
    longer counts in its exposure."""
    payment = await payment_of(db, order)
    if payment is None or payment.status is not TransactionStatus.pending:
        return
    await gateway.void(
        payment.gateway_transaction_id, idempotency_key=f"order-{order.order_number}-void"
    )
    payment.status = TransactionStatus.cancelled
    order.payment_status = PaymentStatus.voided
    await db.flush()


async def commission_of(db: AsyncSession, order: SimOrder) -> Transaction | None:
    found: Transaction | None = (
        await db.scalars(
            select(Transaction).where(
                Transaction.order_id == order.id,
                Transaction.transaction_type == TransactionType.commission,
            )
        )
    ).first()
    return found


async def credit_commission(db: AsyncSession, order: SimOrder) -> Transaction | None:
    """The reseller's share of a completed order, taken off what it owes."""
    if order.reseller_id is None or (earned := await commission_of(db, order)) is not None:
        return earned if order.reseller_id is not None else None
    reseller = await db.get(Reseller, order.reseller_id, with_for_update=True)
    assert reseller is not None  # noqa: S101 - the foreign key guarantees it
    amount = (order.total_amount * reseller.commission_rate / 100).quantize(CENT, ROUND_HALF_UP)
    if amount <= 0:
        return None
    reseller.current_balance -= amount
    return await record_entry(
        db, order, TransactionType.commission, amount, RESELLER_CREDIT, TransactionStatus.completed
    )
