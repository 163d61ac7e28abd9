"""How the API, the activities and the sweep start deliveries (services/messaging/dispatch.py
calls `DeliveryStarter.start` after a commit). Runs outside workflows.

Workflow ids are business keys (`message-<id>`, `webhook-<delivery id>`), prefixed like the
task queues and schedules with TEMPORAL_TASK_QUEUE_PREFIX: message ids restart at 1 in every
database, and two deployments sharing a namespace must not take each other's ids."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Sequence

from temporalio.client import Client
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

from core.settings import Settings
from services.messaging.dispatch import Kind
from workflows import queues
from workflows.message_delivery import DeliveryRetry, MessageDelivery, MessageDeliveryStart
from workflows.webhook_delivery import OutgoingWebhook, WebhookDeliveryStart


class DeliveryStarter:
    def __init__(self, client: Callable[[], Awaitable[Client]], settings: Settings) -> None:
        self._client = client
        self._settings = settings

    def workflow_id(self, kind: Kind, key: str) -> str:
        return f"{self._settings.temporal_task_queue_prefix}{kind.value}-{key}"

    def _retry(self) -> DeliveryRetry:
        return DeliveryRetry(
            initial_seconds=self._settings.delivery_retry_initial_seconds,
            max_attempts=self._settings.delivery_max_attempts,
        )

    async def start(self, kind: Kind, keys: Sequence[str]) -> None:
        """Start each delivery; one already running is left alone, and one that has finished
        runs again only to find its work done (the activities check first)."""
        if not keys:
            return
        client = await self._client()
        queue = queues.qualified(self._settings.temporal_task_queue_prefix, queues.NOTIFICATIONS)
        for key in keys:
            with contextlib.suppress(WorkflowAlreadyStartedError):
                if kind is Kind.message:
                    await client.start_workflow(
                        MessageDelivery.run,
                        MessageDeliveryStart(message_id=int(key), retry=self._retry()),
                        id=self.workflow_id(kind, key),
                        task_queue=queue,
                        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
                    )
                else:
                    await client.start_workflow(
                        OutgoingWebhook.run,
                        WebhookDeliveryStart(delivery_id=key, retry=self._retry()),
                        id=self.workflow_id(kind, key),
                        task_queue=queue,
                        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
                    )
