"""OrderFulfilment (`order-<order_number>`): one order from checkout to an active SIM.

App users pay by card: the workflow waits for a hold (the `pay` update, or the provider's
webhook through `payment_authorized`) and cancels the order when none comes in time. Reseller
orders were checked against the reseller's credit when placed. Then: confirmed → (physical)
dispatched, when the card is charged → delivered; (eSIM) charged and its activation code
sent → activated by the customer, with a reminder if that takes too long → commission.

Staff move the order on with `request_status` and stop it with `cancel`; both are checked
against where the order is, and a request that does not fit is logged and ignored: bad input
never fails the workflow. The `progress` query is what the admin panel shows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from activities.orders import (
        AuthorizationNotice,
        CardAuthorization,
        OrderActivities,
        OrderFacts,
        PaymentOutcome,
        StatusStep,
    )
    from models import OrderSource, OrderStatus, PaymentStatus, SimType

from workflows import search
from workflows.steps import A, run_step

PHYSICAL_PATH = (OrderStatus.dispatched, OrderStatus.delivered, OrderStatus.activated)
ESIM_PATH = (OrderStatus.activated,)


class FulfilmentStart(BaseModel):
    order_id: int
    order_number: str
    payment_timeout_seconds: int = Field(default=1800, gt=0)
    activation_reminder_seconds: int = Field(default=7 * 86400, gt=0)


class PaymentAttempt(BaseModel):
    payment_method: str = Field(min_length=3, max_length=255)


class PaymentNotice(BaseModel):
    intent_id: str


class StatusRequest(BaseModel):
    to: OrderStatus
    reason: str = ""
    actor_id: int | None = None


class CancelRequest(BaseModel):
    reason: str = ""
    actor_id: int | None = None


class StepRecord(BaseModel):
    step: str
    at: str


class FulfilmentProgress(BaseModel):
    order_number: str
    step: str
    history: list[StepRecord]


class FulfilmentResult(BaseModel):
    order_number: str
    outcome: str


@workflow.defn
class OrderFulfilment:
    def __init__(self) -> None:
        self._order_number = ""
        self._step = "starting"
        self._history: list[StepRecord] = []
        self._facts: OrderFacts | None = None
        self._authorized = False
        self._paying = False
        self._attempts = 0
        self._notices: list[PaymentNotice] = []
        self._requests: dict[OrderStatus, StatusRequest] = {}
        self._cancel: CancelRequest | None = None
        self._cancellable = True

    # --- what the outside world sees and sends -------------------------------------------

    @workflow.query
    def progress(self) -> FulfilmentProgress:
        return FulfilmentProgress(
            order_number=self._order_number, step=self._step, history=self._history
        )

    @workflow.update
    async def pay(self, attempt: PaymentAttempt) -> PaymentOutcome:
        assert self._facts is not None  # noqa: S101 - the validator admits no earlier update
        self._paying = True
        self._attempts += 1
        try:
            outcome = await run_step(
                OrderActivities.authorize_payment,
                CardAuthorization(
                    order_id=self._facts.order_id,
                    payment_method=attempt.payment_method,
                    attempt=self._attempts,
                ),
            )
        finally:
            self._paying = False
        self._authorized = self._authorized or outcome.authorized
        return outcome

    @pay.validator
    def _only_while_awaiting_payment(self, attempt: PaymentAttempt) -> None:
        if self._step != "awaiting_payment" or self._authorized or self._cancel:
            raise ValueError(f"This order is not awaiting payment (step: {self._step}).")
        if self._paying:
            raise ValueError("A payment for this order is already being processed.")

    @workflow.signal
    def payment_authorized(self, notice: PaymentNotice) -> None:
        self._notices.append(notice)

    @workflow.signal
    def request_status(self, request: StatusRequest) -> None:
        if request.to not in self._path() or request.to in self._requests:
            workflow.logger.warning(
                "status request ignored", extra={"to": request.to, "step": self._step}
            )
            return
        self._requests[request.to] = request

    @workflow.signal
    def cancel(self, request: CancelRequest) -> None:
        if not self._cancellable or self._cancel is not None:
            workflow.logger.warning("cancel ignored", extra={"step": self._step})
            return
        self._cancel = request

    # --- the process ---------------------------------------------------------------------

    @workflow.run
    async def run(self, start: FulfilmentStart) -> FulfilmentResult:
        self._order_number = start.order_number
        facts = await run_step(OrderActivities.begin_fulfilment, start.order_id)
        self._facts = facts
        workflow.upsert_search_attributes(
            search.order_attributes(
                facts.order_number, facts.status.value, facts.customer_email, facts.reseller_id
            )
        )
        if facts.status in (OrderStatus.cancelled, OrderStatus.activated):
            return self._finish(facts.status.value)  # a sweeper restart of a finished order

        if not await self._secure_payment(start, facts):
            return self._finish("cancelled")
        await self._step_to("confirming", OrderActivities.confirm_order, facts.order_id)
        self._mark_status(OrderStatus.confirmed)

        if facts.sim_type is SimType.esim:
            self._cancellable = False
            await self._step_to("delivering_esim", OrderActivities.deliver_esim, facts.order_id)
        else:
            dispatch = await self._await_request(OrderStatus.dispatched, "awaiting_dispatch")
            if dispatch is None:
                return await self._cancelled()
            self._cancellable = False
            try:
                await self._step_to("capturing", OrderActivities.capture_payment, facts.order_id)
            except ActivityError:
                self._cancel = CancelRequest(reason="the payment could not be captured")
                return await self._cancelled()
            await self._advance(dispatch)
            await self._advance(await self._await_request(OrderStatus.delivered, "in_transit"))

        await self._advance(await self._await_activation(start))
        await self._step_to("completing", OrderActivities.complete_order, facts.order_id)
        return self._finish("completed")

    async def _secure_payment(self, start: FulfilmentStart, facts: OrderFacts) -> bool:
        if facts.source is not OrderSource.app_user or facts.payment_status in (
            PaymentStatus.authorized,
            PaymentStatus.paid,
        ):
            return True
        self._set_step("awaiting_payment")
        deadline = workflow.now() + timedelta(seconds=start.payment_timeout_seconds)
        while not self._authorized:
            left = (deadline - workflow.now()).total_seconds()
            try:
                await workflow.wait_condition(
                    lambda: self._authorized or bool(self._notices) or self._cancel is not None,
                    timeout=max(left, 0.001),
                )
            except TimeoutError:
                # A card attempt still in flight decides the matter.
                await workflow.wait_condition(lambda: not self._paying)
                if not self._authorized:
                    self._cancel = CancelRequest(reason="not paid in time")
            if self._cancel is not None and not self._authorized:
                await workflow.wait_condition(lambda: not self._paying)
                await self._cancelled()
                return False
            if self._notices:
                notice = self._notices.pop(0)
                self._authorized = await run_step(
                    OrderActivities.record_authorization,
                    AuthorizationNotice(order_id=facts.order_id, intent_id=notice.intent_id),
                )
        return True

    async def _await_request(self, status: OrderStatus, step: str) -> StatusRequest | None:
        """The staff request that moves the order to `status`; None when cancelled first."""
        self._set_step(step)
        await workflow.wait_condition(lambda: status in self._requests or self._cancel is not None)
        return self._requests.get(status) if self._cancel is None else None

    async def _await_activation(self, start: FulfilmentStart) -> StatusRequest:
        self._set_step("awaiting_activation")
        try:
            await workflow.wait_condition(
                lambda: OrderStatus.activated in self._requests,
                timeout=timedelta(seconds=start.activation_reminder_seconds),
            )
        except TimeoutError:
            assert self._facts is not None  # noqa: S101
            await run_step(OrderActivities.remind_activation, self._facts.order_id)
            await workflow.wait_condition(lambda: OrderStatus.activated in self._requests)
        return self._requests[OrderStatus.activated]

    async def _advance(self, request: StatusRequest | None) -> None:
        assert self._facts is not None and request is not None  # noqa: S101
        step = StatusStep(
            order_id=self._facts.order_id,
            to=request.to,
            reason=request.reason,
            actor_id=request.actor_id,
        )
        await run_step(OrderActivities.advance_order, step)
        self._mark_status(request.to)

    async def _cancelled(self) -> FulfilmentResult:
        assert self._facts is not None and self._cancel is not None  # noqa: S101
        self._cancellable = False
        step = StatusStep(
            order_id=self._facts.order_id,
            to=OrderStatus.cancelled,
            reason=self._cancel.reason,
            actor_id=self._cancel.actor_id,
        )
        await self._step_to("cancelling", OrderActivities.cancel_order, step)
        self._mark_status(OrderStatus.cancelled)
        return self._finish("cancelled")

    # --- bookkeeping ---------------------------------------------------------------------

    def _path(self) -> tuple[OrderStatus, ...]:
        if self._facts is None:
            return PHYSICAL_PATH + ESIM_PATH
        return ESIM_PATH if self._facts.sim_type is SimType.esim else PHYSICAL_PATH

    def _set_step(self, step: str) -> None:
        self._step = step
        self._history.append(StepRecord(step=step, at=workflow.now().isoformat()))

    def _mark_status(self, status: OrderStatus) -> None:
        workflow.upsert_search_attributes([search.ORDER_STATUS.value_set(status.value)])

    def _finish(self, outcome: str) -> FulfilmentResult:
        self._set_step(outcome)
        return FulfilmentResult(order_number=self._order_number, outcome=outcome)

    async def _step_to(
        self, step: str, activity: Callable[[Any, A], Awaitable[None]], argument: A
    ) -> None:
        self._set_step(step)
        await run_step(activity, argument)
