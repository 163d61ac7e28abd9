"""Transactions: the money ledger. A refund is first recorded as a pending request against the
payment it reverses; the refund workflow executes it with the payment provider."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, ValidationFailed
from models import SimOrder, Transaction, TransactionStatus, TransactionType
from models.codes import CodeKind, next_code
from services import audit, refunds
from services.auth.principal import Principal
from services.querying import EXPORT_BATCH, Window, count_or_estimate
from services.tenancy import scope

EXPORT_COLUMNS = (
    "transaction_id",
    "created_at",
    "transaction_type",
    "status",
    "amount",
    "currency",
    "payment_method",
    "order_id",
    "user_id",
    "reseller_id",
    "gateway_transaction_id",
)
# Refunds that count against what is still refundable: requested or done.
OUTSTANDING_REFUND = (TransactionStatus.pending, TransactionStatus.completed)


@dataclass(frozen=True)
class TransactionFilter:
    search: str | None = None
    transaction_type: TransactionType | None = None
    status: TransactionStatus | None = None
    payment_method: str | None = None
    user_id: int | None = None
    reseller_id: int | None = None
    order_id: int | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        c: list[ColumnElement[bool]] = []
        if self.search:
            text = self.search.strip()
            c.append(
                (Transaction.transaction_id == text.upper())
                | (Transaction.gateway_transaction_id == text)
            )
        for column, value in (
            (Transaction.transaction_type, self.transaction_type),
            (Transaction.status, self.status),
            (Transaction.payment_method, self.payment_method),
            (Transaction.user_id, self.user_id),
            (Transaction.reseller_id, self.reseller_id),
            (Transaction.order_id, self.order_id),
        ):
            if value is not None:
                c.append(column == value)
        if self.created_from:
            c.append(Transaction.created_at >= self.created_from)
        if self.created_to:
            c.append(Transaction.created_at <= self.created_to)
        return c


def query(principal: Principal, filters: TransactionFilter) -> Select[Any]:
    return scope(select(Transaction), principal, Transaction).where(*filters.conditions())


async def list_transactions(
    db: AsyncSession,
    principal: Principal,
    filters: TransactionFilter,
    order_by: Sequence[Any],
    window: Window,
) -> tuple[list[Transaction], int, bool]:
    base = query(principal, filters)
    total, exact = await count_or_estimate(db, base, window.count_limit)
    rows = await db.scalars(window.apply(base.order_by(*order_by)))
    return list(rows), total, exact


async def get_transaction(
    db: AsyncSession, principal: Principal, transaction_id: int
) -> Transaction:
    found: Transaction | None = (
        await db.scalars(
            query(principal, TransactionFilter()).where(Transaction.id == transaction_id)
        )
    ).one_or_none()
    if found is None:
        raise NotFound("No such transaction.")
    return found


async def refundable(db: AsyncSession, payment: Transaction) -> Decimal:
    refunded = await db.scalar(
        select(func.coalesce(func.sum(Transaction.amount), 0)).where(
            Transaction.parent_id == payment.id,
            Transaction.transaction_type == TransactionType.refund,
            Transaction.status.in_(OUTSTANDING_REFUND),
        )
    )
    return payment.amount - Decimal(refunded or 0)


async def request_refund(
    db: AsyncSession,
    actor: audit.Actor,
    payment: Transaction,
    amount: Decimal | None,
    reason: str,
    override_reason: str = "",
) -> Transaction:
    """Record a refund of `amount` (default: all that is left) as a pending transaction."""
    if payment.transaction_type is not TransactionType.payment:
        raise Conflict("Only payments can be refunded.", code="not_a_payment")
    if payment.status is not TransactionStatus.completed:
        raise Conflict(
            f"The payment is {payment.status.value}; only completed payments can be refunded.",
            code="payment_not_completed",
        )
    order = await db.get(SimOrder, payment.order_id) if payment.order_id else None
    refunds.check_eligible(order, override_reason)
    # Lock the payment: two refund requests at once must not both pass the check below.
    await db.refresh(payment, with_for_update=True)
    left = await refundable(db, payment)
    amount = left if amount is None else amount
    if amount <= 0 or amount > left:
        raise ValidationFailed(
            f"At most {left} {payment.currency} can still be refunded.",
            details=[{"field": "body.amount", "message": f"must be between 0.01 and {left}"}],
            code="refund_exceeds_refundable",
        )
    refund = Transaction(
        transaction_id=await next_code(db, CodeKind.transaction),
        transaction_type=TransactionType.refund,
        status=TransactionStatus.pending,
        parent_id=payment.id,
        order_id=payment.order_id,
        user_id=payment.user_id,
        reseller_id=payment.reseller_id,
        amount=amount,
        currency=payment.currency,
        payment_method=payment.payment_method,
        failure_reason="",
        created_by_id=actor.account_id,
    )
    db.add(refund)
    await db.flush()
    await audit.record(
        db,
        actor,
        "transaction.refund_requested",
        "transaction",
        payment.transaction_id,
        after={"refund": refund.transaction_id, "amount": str(amount)},
        reason=f"{reason} (override: {override_reason})" if override_reason else reason,
    )
    return refund


async def export_rows(db: AsyncSession, query: Select[Any]) -> AsyncIterator[list[Any]]:
    """The export's rows (EXPORT_COLUMNS), read a batch at a time."""
    result = await db.stream_scalars(query.execution_options(yield_per=EXPORT_BATCH))
    async for partition in result.partitions():
        for row in partition:
            yield [getattr(row, column) for column in EXPORT_COLUMNS]
