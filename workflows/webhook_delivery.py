"""OutgoingWebhook (`webhook-<delivery id>`): deliver one event to one reseller endpoint.

The POST is retried by Temporal with exponential backoff until the endpoint answers 2xx or
the attempts run out, when the delivery is marked failed. Every attempt carries the same
delivery id; a manual retry from the API starts a new run for the same delivery."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel
from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from activities.webhooks import WebhookActivities, WebhookAttempt, WebhookFailure

from workflows.message_delivery import MAX_INTERVAL, DeliveryRetry
from workflows.steps import run_step

# Above the HTTP client's own timeout (OUTGOING_WEBHOOK_TIMEOUT_SECONDS, at most 60 s).
POST_TIMEOUT = timedelta(seconds=90)


class WebhookDeliveryStart(BaseModel):
    delivery_id: str
    retry: DeliveryRetry = DeliveryRetry()


@workflow.defn
class OutgoingWebhook:
    @workflow.run
    async def run(self, start: WebhookDeliveryStart) -> str:
        request = WebhookAttempt(
            delivery_id=start.delivery_id,
            initial_seconds=start.retry.initial_seconds,
            max_attempts=start.retry.max_attempts,
            max_interval_seconds=MAX_INTERVAL.total_seconds(),
        )
        try:
            return await workflow.execute_activity_method(
                WebhookActivities.deliver_webhook,
                request,
                start_to_close_timeout=POST_TIMEOUT,
                retry_policy=start.retry.policy(),
            )
        except ActivityError as error:
            reason = getattr(error.cause, "message", None) or str(error.cause or error)
            await run_step(
                WebhookActivities.give_up_webhook,
                WebhookFailure(delivery_id=start.delivery_id, reason=reason),
            )
            return "failed"
