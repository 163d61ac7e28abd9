"""How the API and the payment webhooks reach the order workflows: start one when an order is
placed, hand it payments and staff requests, ask where it is. Runs in the API process, never
inside a workflow."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable
from datetime import UTC, timedelta

from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.api.enums.v1 import EventType
from temporalio.api.history.v1 import HistoryEvent
from temporalio.client import (
    Client,
    WorkflowHandle,
    WorkflowUpdateFailedError,
)
from temporalio.common import (
    SearchAttributePair,
    TypedSearchAttributes,
    WorkflowIDReusePolicy,
)
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from activities.orders import PaymentOutcome
from core.errors import Conflict, ServiceUnavailable
from core.settings import Settings
from models import OrderStatus, SimOrder, Transaction
from services import audit
from services.orders import lifecycle
from services.orders.timeline import TimelineEntry
from workflows import queues, search
from workflows.order_fulfilment import (
    CancelRequest,
    FulfilmentProgress,
    FulfilmentStart,
    OrderFulfilment,
    PaymentAttempt,
    PaymentNotice,
    StatusRequest,
)
from workflows.queries import ask
from workflows.refund import Refund, RefundDecision, RefundProgress, RefundStart

logger = logging.getLogger("simdesk.workflows")
UPDATE_TIMEOUT = timedelta(seconds=30)


def workflow_events(events: Iterable[HistoryEvent]) -> list[TimelineEntry]:
    entries: list[TimelineEntry] = []
    steps: dict[int, str] = {}
    for event in events:
        at = event.event_time.ToDatetime(tzinfo=UTC)
        kind = EventType.Name(event.event_type).removeprefix("EVENT_TYPE_").lower()
        if kind == "activity_task_scheduled":
            steps[event.event_id] = (
                event.activity_task_scheduled_event_attributes.activity_type.name
            )
            continue
        summary = _SUMMARIES.get(kind)
        detail: dict[str, object] = {}
        if kind == "activity_task_started":
            attempt = event.activity_task_started_event_attributes.attempt
            if attempt <= 1:
                continue
            step = steps.get(event.activity_task_started_event_attributes.scheduled_event_id, "")
            summary = f"{step} retried (attempt {attempt})"
        elif kind in ("activity_task_completed", "activity_task_failed"):
            attributes = (
                event.activity_task_completed_event_attributes
                if kind == "activity_task_completed"
                else event.activity_task_failed_event_attributes
            )
            step = steps.get(attributes.scheduled_event_id, "")
            summary = f"{step} {'done' if kind == 'activity_task_completed' else 'failed'}"
            if kind == "activity_task_failed":
                detail["error"] = event.activity_task_failed_event_attributes.failure.message
        elif kind == "workflow_execution_signaled":
            summary = f"signal {event.workflow_execution_signaled_event_attributes.signal_name}"
        elif kind == "workflow_execution_update_accepted":
            name = event.workflow_execution_update_accepted_event_attributes.accepted_request
            summary = f"update {name.input.name}"
        elif kind == "timer_started":
            timeout = event.timer_started_event_attributes.start_to_fire_timeout
            summary = f"timer set for {timeout.ToTimedelta()}"
        if summary is None:
            continue
        entries.append(TimelineEntry(at, "workflow", kind, summary, detail))
    return entries


_SUMMARIES = {
    "workflow_execution_started": "workflow started",
    "workflow_execution_completed": "workflow completed",
    "workflow_execution_failed": "workflow failed",
    "timer_fired": "timer fired",
}


def fulfilment_id(order_number: str) -> str:
    return f"order-{order_number}"


class OrderWorkflows:
    def __init__(self, client: Client, settings: Settings) -> None:
        self._client = client
        self._settings = settings

    def _handle(self, order_number: str) -> WorkflowHandle[OrderFulfilment, object]:
        return self._client.get_workflow_handle_for(
            OrderFulfilment.run, fulfilment_id(order_number)
        )

    def ui_url(self, order_number: str) -> str:
        base = self._settings.temporal_ui_url.rstrip("/")
        namespace = self._settings.temporal_namespace
        return f"{base}/namespaces/{namespace}/workflows/{fulfilment_id(order_number)}"

    async def start(self, order: SimOrder) -> None:
        """Start the order's workflow; a second start while it runs is a no-op. After it has
        closed, a new run may start (a database reset reuses order numbers); a run for a
        finished order ends at its first step."""
        start = FulfilmentStart(
            order_id=order.id,
            order_number=order.order_number,
            payment_timeout_seconds=self._settings.order_payment_timeout_seconds,
            activation_reminder_seconds=self._settings.activation_reminder_seconds,
        )
        with contextlib.suppress(WorkflowAlreadyStartedError):
            await self._client.start_workflow(
                OrderFulfilment.run,
                start,
                id=fulfilment_id(order.order_number),
                task_queue=queues.qualified(
                    self._settings.temporal_task_queue_prefix, queues.ORDERS
                ),
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
                search_attributes=TypedSearchAttributes(
                    [SearchAttributePair(search.ORDER_NUMBER, order.order_number)]
                ),
            )

    async def pay(self, order_number: str, payment_method: str) -> PaymentOutcome:
        try:
            return await self._handle(order_number).execute_update(
                OrderFulfilment.pay,
                PaymentAttempt(payment_method=payment_method),
                rpc_timeout=UPDATE_TIMEOUT,
            )
        except WorkflowUpdateFailedError as failed:
            cause = failed.cause
            message = getattr(cause, "message", None) or str(cause)
            raise Conflict(message, code="not_awaiting_payment") from None
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                raise Conflict(
                    "This order is not awaiting payment.", code="not_awaiting_payment"
                ) from None
            raise ServiceUnavailable("The payment service is busy; try again.") from error

    async def payment_authorized(self, order_number: str, intent_id: str) -> bool:
        return await self._signal(
            order_number, OrderFulfilment.payment_authorized, PaymentNotice(intent_id=intent_id)
        )

    async def change_status(
        self,
        db: AsyncSession,
        actor: audit.Actor,
        order: SimOrder,
        to: OrderStatus,
        reason: str,
    ) -> bool:
        """Check the move, then hand it to the order's workflow, which makes it. An order no
        workflow runs (imported history) moves here, directly. True when handed over."""
        lifecycle.ensure_allowed(order, to)
        if to is OrderStatus.cancelled:
            handed = await self._signal(
                order.order_number,
                OrderFulfilment.cancel,
                CancelRequest(reason=reason, actor_id=actor.account_id),
            )
        else:
            handed = await self._signal(
                order.order_number,
                OrderFulfilment.request_status,
                StatusRequest(to=to, reason=reason, actor_id=actor.account_id),
            )
        if not handed:
            await lifecycle.transition(db, actor, order, to, reason=reason)
        return handed

    async def progress(self, order_number: str) -> FulfilmentProgress | None:
        progress: FulfilmentProgress | None = await ask(
            self._handle(order_number), OrderFulfilment.progress
        )
        return progress

    async def history(self, order_number: str) -> list[TimelineEntry]:
        """The workflow's own events: steps run, retried and failed, signals, timers."""
        try:
            history = await self._handle(order_number).fetch_history()
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                return []
            raise
        return workflow_events(history.events)

    async def _signal(self, order_number: str, signal: object, argument: object) -> bool:
        try:
            await self._handle(order_number).signal(signal, argument)  # type: ignore[call-overload]
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:  # none ever ran, or it has finished
                return False
            raise ServiceUnavailable("The workflow service did not answer; try again.") from error
        return True


def refund_id(transaction_id: str) -> str:
    return f"refund-{transaction_id}"


class RefundWorkflows:
    def __init__(self, client: Client, settings: Settings) -> None:
        self._client = client
        self._settings = settings

    async def start(self, refund: Transaction) -> None:
        start = RefundStart(
            refund_id=refund.id,
            transaction_id=refund.transaction_id,
            requested_by=refund.created_by_id,
            approval_threshold=self._settings.refund_approval_threshold,
        )
        with contextlib.suppress(WorkflowAlreadyStartedError):
            await self._client.start_workflow(
                Refund.run,
                start,
                id=refund_id(refund.transaction_id),
                task_queue=queues.qualified(
                    self._settings.temporal_task_queue_prefix, queues.PAYMENTS
                ),
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
            )

    async def decide(self, refund: Transaction, decision: RefundDecision) -> None:
        progress = await self.progress(refund)
        if progress is None or progress.step != "awaiting_approval":
            raise Conflict("This refund is not awaiting approval.", code="not_awaiting_approval")
        if decision.actor_id == refund.created_by_id:
            raise Conflict(
                "A refund is approved by someone other than who requested it.",
                code="four_eyes",
            )
        handle = self._client.get_workflow_handle(refund_id(refund.transaction_id))
        await handle.signal(Refund.decide, decision)

    async def progress(self, refund: Transaction) -> RefundProgress | None:
        handle = self._client.get_workflow_handle(refund_id(refund.transaction_id))
        progress: RefundProgress | None = await ask(handle, Refund.progress)
        return progress
