"""The refund workflow's steps, each one transaction around services.refunds."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.money import MoneyActivities
from core.errors import AppError
from integrations.payments import PaymentRejected
from models import SimOrder, Transaction
from models.session import session_scope
from services import refunds
from services.orders.notices import notify_customer


class RefundFacts(BaseModel):
    refund_id: int
    transaction_id: str
    amount: str
    status: str


class RefundFailure(BaseModel):
    refund_id: int
    reason: str


class RefundActivities(MoneyActivities):
    async def _refund(self, db: AsyncSession, refund_id: int) -> Transaction:
        return await self._locked(db, Transaction, refund_id, "refund")

    @activity.defn
    async def load_refund(self, refund_id: int) -> RefundFacts:
        async with session_scope(self._sessionmaker) as db:
            refund = await self._refund(db, refund_id)
            return RefundFacts(
                refund_id=refund.id,
                transaction_id=refund.transaction_id,
                amount=str(refund.amount),
                status=refund.status.value,
            )

    @activity.defn
    async def execute_refund(self, refund_id: int) -> None:
        try:
            async with session_scope(self._sessionmaker) as db:
                await refunds.execute(db, self._gateway, await self._refund(db, refund_id))
        except (PaymentRejected, AppError) as refused:
            raise ApplicationError(str(refused), type="RefundRefused", non_retryable=True) from None

    @activity.defn
    async def escalate_refund(self, refund_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            await refunds.escalate(db, await self._refund(db, refund_id))

    @activity.defn
    async def fail_refund(self, failure: RefundFailure) -> None:
        async with session_scope(self._sessionmaker) as db:
            await refunds.fail(db, await self._refund(db, failure.refund_id), failure.reason)

    @activity.defn
    async def notify_refund(self, refund_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            refund = await self._refund(db, refund_id)
            order = await db.get(SimOrder, refund.order_id) if refund.order_id else None
            if order is not None:
                await notify_customer(
                    db,
                    self._notifier,
                    order,
                    "refund_issued",
                    amount=str(refund.amount),
                    occurrence=refund.transaction_id,
                )
