"""The custom email campaign workflow's steps, each one transaction around services.campaigns."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from models.session import session_scope
from services import campaigns
from services.messaging.notifier import Notifier


class CampaignBatch(BaseModel):
    campaign_id: int
    size: int


class CampaignActivities:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], notifier: Notifier) -> None:
        self._sessionmaker = sessionmaker
        self._notifier = notifier

    @activity.defn
    async def send_campaign_batch(self, batch: CampaignBatch) -> int:
        async with session_scope(self._sessionmaker) as db:
            return await campaigns.send_batch(db, self._notifier, batch.campaign_id, batch.size)

    @activity.defn
    async def finish_campaign(self, campaign_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            await campaigns.finish(db, campaign_id)
