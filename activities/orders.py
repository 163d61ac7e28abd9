"""The fulfilment workflow's steps. Each one is a transaction around a domain service call,
safe to run again: the services check what is already done before doing it."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.money import MoneyActivities
from core.errors import AppError
from integrations.payments import PaymentRejected
from models import OrderSource, OrderStatus, PaymentStatus, Sim, SimOrder, SimType
from models.orders import StatusChangeSource
from models.session import session_scope
from services import audit, payments
from services.orders import lifecycle
from services.orders.notices import customer_of, notify_customer

WORKFLOW = audit.Actor(account_id=None, actor_type="workflow")
# What the customer is told when the order reaches a status through the workflow.
NOTICE_FOR = {
    OrderStatus.dispatched: "order_dispatched",
    OrderStatus.delivered: "order_delivered",
}


class OrderFacts(BaseModel):
    order_id: int
    order_number: str
    source: OrderSource
    sim_type: SimType
    status: OrderStatus
    payment_status: PaymentStatus
    reseller_id: int | None
    customer_email: str


class CardAuthorization(BaseModel):
    order_id: int
    payment_method: str = Field(min_length=3, max_length=255)
    attempt: int = Field(ge=1)


class PaymentOutcome(BaseModel):
    authorized: bool
    intent_id: str = ""
    code: str = ""
    message: str = ""


class AuthorizationNotice(BaseModel):
    order_id: int
    intent_id: str


class StatusStep(BaseModel):
    order_id: int
    to: OrderStatus
    reason: str = ""
    actor_id: int | None = None


def _actor(account_id: int | None) -> audit.Actor:
    return audit.Actor(account_id, "staff") if account_id else WORKFLOW


def _refusal(error: AppError) -> ApplicationError:
    # A business refusal will refuse again on retry: stop retrying and let the workflow decide.
    return ApplicationError(
        error.message, error.code, type=type(error).__name__, non_retryable=True
    )


class OrderActivities(MoneyActivities):
    async def _order(self, db: AsyncSession, order_id: int) -> SimOrder:
        return await self._locked(db, SimOrder, order_id, "order")

    @activity.defn
    async def begin_fulfilment(self, order_id: int) -> OrderFacts:
        async with session_scope(self._sessionmaker) as db:
            order = await self._order(db, order_id)
            order.fulfilment_started_at = order.fulfilment_started_at or datetime.now(UTC)
            customer = await customer_of(db, order)
            return OrderFacts(
                order_id=order.id,
                order_number=order.order_number,
                source=order.order_type,
                sim_type=order.sim_type,
                status=order.status,
                payment_status=order.payment_status,
                reseller_id=order.reseller_id,
                customer_email=customer.email if customer else "",
            )

    @activity.defn
    async def authorize_payment(self, request: CardAuthorization) -> PaymentOutcome:
        try:
            async with session_scope(self._sessionmaker) as db:
                order = await self._order(db, request.order_id)
                held = await payments.authorize_card(
                    db, self._gateway, order, request.payment_method, request.attempt
                )
                return PaymentOutcome(authorized=True, intent_id=held.gateway_transaction_id)
        except payments.PaymentFailed as declined:
            return PaymentOutcome(authorized=False, code=declined.code, message=declined.message)
        except AppError as refused:
            raise _refusal(refused) from None

    @activity.defn
    async def record_authorization(self, notice: AuthorizationNotice) -> bool:
        """A hold reported by the provider's webhook, checked with the provider first."""
        intent = await self._gateway.retrieve(notice.intent_id)
        try:
            async with session_scope(self._sessionmaker) as db:
                order = await self._order(db, notice.order_id)
                if intent.metadata.get("order_number") != order.order_number:
                    return False
                await payments.record_authorization(db, order, intent)
                return True
        except AppError:
            return False

    @activity.defn
    async def confirm_order(self, order_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            order = await self._order(db, order_id)
            await lifecycle.reach(db, WORKFLOW, order, OrderStatus.confirmed, reason="paid")
            await notify_customer(db, self._notifier, order, "order_confirmed")

    @activity.defn
    async def capture_payment(self, order_id: int) -> None:
        try:
            async with session_scope(self._sessionmaker) as db:
                await payments.capture(db, self._gateway, await self._order(db, order_id))
        except PaymentRejected as rejected:
            message = str(rejected)
            raise ApplicationError(message, type="PaymentRejected", non_retryable=True) from None
        except AppError as refused:
            raise _refusal(refused) from None

    @activity.defn
    async def deliver_esim(self, order_id: int) -> None:
        """Charge the eSIM and send its activation code: the profile is the goods."""
        await self.capture_payment(order_id)
        async with session_scope(self._sessionmaker) as db:
            order = await self._order(db, order_id)
            sim = await db.scalar(select(Sim).where(Sim.order_id == order.id))
            code = (sim.activation_code if sim else None) or ""
            await notify_customer(db, self._notifier, order, "esim_ready", activation_code=code)

    @activity.defn
    async def advance_order(self, step: StatusStep) -> None:
        try:
            async with session_scope(self._sessionmaker) as db:
                order = await self._order(db, step.order_id)
                source = StatusChangeSource.api if step.actor_id else StatusChangeSource.workflow
                moved = await lifecycle.reach(
                    db, _actor(step.actor_id), order, step.to, reason=step.reason, source=source
                )
                if moved and (notice := NOTICE_FOR.get(step.to)):
                    await notify_customer(db, self._notifier, order, notice)
        except AppError as refused:
            raise _refusal(refused) from None

    @activity.defn
    async def cancel_order(self, step: StatusStep) -> None:
        async with session_scope(self._sessionmaker) as db:
            order = await self._order(db, step.order_id)
            if order.status is OrderStatus.cancelled:
                return
            await payments.release(db, self._gateway, order)
            await lifecycle.transition(
                db,
                _actor(step.actor_id),
                order,
                OrderStatus.cancelled,
                reason=step.reason,
                source=StatusChangeSource.workflow,
            )
            await notify_customer(
                db, self._notifier, order, "order_cancelled", reason=step.reason or "cancelled"
            )

    @activity.defn
    async def remind_activation(self, order_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            order = await self._order(db, order_id)
            await notify_customer(db, self._notifier, order, "activation_reminder")

    @activity.defn
    async def complete_order(self, order_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            await payments.credit_commission(db, await self._order(db, order_id))
