"""CustomEmailCampaign (`email-campaign-<id>`): send a staff-written email to the recipients
copied from its segment, a batch per step, held to `messages_per_second`. `cancel` (after the
API has marked the rest cancelled) stops it between batches; a batch already running sends to
no one the API cancelled, since it only takes recipients still pending."""

from __future__ import annotations

import contextlib
from datetime import timedelta

from pydantic import BaseModel, Field
from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.campaigns import CampaignActivities, CampaignBatch

from workflows.steps import run_step


class CampaignStart(BaseModel):
    campaign_id: int
    batch_size: int = Field(default=100, ge=1)
    messages_per_second: float = Field(default=10.0, gt=0)


class CampaignProgress(BaseModel):
    step: str
    sent: int
    batches: int


@workflow.defn
class CustomEmailCampaign:
    def __init__(self) -> None:
        self._step = "starting"
        self._sent = 0
        self._batches = 0
        self._cancelled = False

    @workflow.query
    def progress(self) -> CampaignProgress:
        return CampaignProgress(step=self._step, sent=self._sent, batches=self._batches)

    @workflow.signal
    def cancel(self) -> None:
        self._cancelled = True

    @workflow.run
    async def run(self, start: CampaignStart) -> int:
        self._step = "sending"
        batch = CampaignBatch(campaign_id=start.campaign_id, size=start.batch_size)
        while not self._cancelled:
            sent = await run_step(CampaignActivities.send_campaign_batch, batch)
            self._sent += sent
            self._batches += 1
            if sent < start.batch_size:
                break
            # The throttle: a batch's worth of the send rate before the next batch.
            with contextlib.suppress(TimeoutError):
                await workflow.wait_condition(
                    lambda: self._cancelled,
                    timeout=timedelta(seconds=sent / start.messages_per_second),
                )
        if self._cancelled:
            self._step = "cancelled"
        else:
            await run_step(CampaignActivities.finish_campaign, start.campaign_id)
            self._step = "completed"
        return self._sent
