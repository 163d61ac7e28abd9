"""MessageDelivery (`message-<id>`): send one outbox message through its provider.

One activity does the sending, retried by Temporal with exponential backoff; a provider's
refusal (a bad address) is final at once. When the attempts run out, the message is marked
failed with its last error. The activity checks what is done first, so starting the workflow
again for a message already sent (the sweep, a replayed start) sends nothing.

MessageSweep runs every minute (schedule `message-sweeper`) and starts the delivery of any
message or outgoing webhook still pending a minute after it was written."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from activities.messaging import DeliverySweepActivities, MessageActivities, MessageFailure

from workflows.steps import run_step

SWEEP_SCHEDULE_ID = "message-sweeper"
SWEEP_EVERY = timedelta(minutes=1)
SEND_TIMEOUT = timedelta(seconds=60)
MAX_INTERVAL = timedelta(hours=1)


class DeliveryRetry(BaseModel):
    initial_seconds: float = Field(default=10.0, gt=0)
    max_attempts: int = Field(default=10, ge=1)

    def policy(self) -> RetryPolicy:
        return RetryPolicy(
            initial_interval=timedelta(seconds=self.initial_seconds),
            backoff_coefficient=2.0,
            maximum_interval=MAX_INTERVAL,
            maximum_attempts=self.max_attempts,
        )


class MessageDeliveryStart(BaseModel):
    message_id: int
    retry: DeliveryRetry = DeliveryRetry()


@workflow.defn
class MessageDelivery:
    @workflow.run
    async def run(self, start: MessageDeliveryStart) -> str:
        try:
            return await workflow.execute_activity_method(
                MessageActivities.deliver_message,
                start.message_id,
                start_to_close_timeout=SEND_TIMEOUT,
                retry_policy=start.retry.policy(),
            )
        except ActivityError as error:
            reason = getattr(error.cause, "message", None) or str(error.cause or error)
            await run_step(
                MessageActivities.give_up_message,
                MessageFailure(message_id=start.message_id, reason=reason),
            )
            return "failed"


@workflow.defn
class MessageSweep:
    @workflow.run
    async def run(self) -> int:
        return await workflow.execute_activity_method(
            DeliverySweepActivities.start_undelivered, start_to_close_timeout=timedelta(minutes=2)
        )
