"""How the API starts, cancels and asks after custom email campaign workflows."""

from __future__ import annotations

import contextlib

from temporalio.client import Client, WorkflowHandle
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from core.errors import ServiceUnavailable
from core.settings import Settings
from services.campaigns import workflow_id
from workflows import queues
from workflows.email_campaign import CampaignProgress, CampaignStart, CustomEmailCampaign


class CampaignWorkflows:
    def __init__(self, client: Client, settings: Settings) -> None:
        self._client = client
        self._settings = settings

    def _handle(self, campaign_id: int) -> WorkflowHandle[CustomEmailCampaign, int]:
        return self._client.get_workflow_handle_for(
            CustomEmailCampaign.run, workflow_id(campaign_id)
        )

    async def start(self, campaign_id: int) -> None:
        start = CampaignStart(
            campaign_id=campaign_id,
            batch_size=self._settings.campaign_batch_size,
            messages_per_second=self._settings.campaign_messages_per_second,
        )
        with contextlib.suppress(WorkflowAlreadyStartedError):
            await self._client.start_workflow(
                CustomEmailCampaign.run,
                start,
                id=workflow_id(campaign_id),
                task_queue=queues.qualified(
                    self._settings.temporal_task_queue_prefix, queues.NOTIFICATIONS
                ),
            )

    async def cancel(self, campaign_id: int) -> None:
        try:
            await self._handle(campaign_id).signal(CustomEmailCampaign.cancel)
        except RPCError as error:
            if error.status is not RPCStatusCode.NOT_FOUND:
                raise ServiceUnavailable("The workflow service did not answer.") from error

    async def progress(self, campaign_id: int) -> CampaignProgress | None:
        try:
            return await self._handle(campaign_id).query(CustomEmailCampaign.progress)
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                return None
            raise ServiceUnavailable("The workflow service did not answer.") from error
