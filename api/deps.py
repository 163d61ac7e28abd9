"""Dependency aliases used by every router."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession
from temporalio.client import Client

from api.resources import Resources
from core.errors import ServiceUnavailable
from core.settings import Settings
from integrations.storage import Storage
from models.session import unit_of_work
from services.messaging.notifier import Notifier
from workflows.bulk_job_control import BulkJobWorkflows
from workflows.campaign_control import CampaignWorkflows
from workflows.control import OrderWorkflows, RefundWorkflows
from workflows.onboarding_control import OnboardingWorkflows
from workflows.report_control import ReportSchedules, ReportWorkflows


async def get_resources(request: Request) -> Resources:
    resources: Resources = request.app.state.resources
    return resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


async def get_settings_dep(resources: ResourcesDep) -> Settings:
    return resources.settings


async def get_session(resources: ResourcesDep) -> AsyncIterator[AsyncSession]:
    """One session per request: commit if the handler returns, roll back if it raises."""
    async with resources.sessionmaker() as session, unit_of_work(session):
        yield session


async def get_read_session(resources: ResourcesDep) -> AsyncIterator[AsyncSession]:
    """A session that outlives the handler, for responses streamed from the database (exports);
    it only reads, so there is nothing to commit."""
    async with resources.sessionmaker() as session:
        yield session


async def get_redis(resources: ResourcesDep) -> Redis:
    return resources.redis


async def get_notifier(resources: ResourcesDep) -> Notifier:
    return resources.notifier


async def get_storage(resources: ResourcesDep) -> Storage:
    return resources.storage


async def _temporal(resources: Resources) -> Client:
    try:
        return await resources.temporal.get()
    except Exception as error:
        raise ServiceUnavailable(
            "The workflow service (Temporal) is unreachable; try again shortly."
        ) from error


async def get_order_workflows(resources: ResourcesDep) -> OrderWorkflows:
    return OrderWorkflows(await _temporal(resources), resources.settings)


async def get_refund_workflows(resources: ResourcesDep) -> RefundWorkflows:
    return RefundWorkflows(await _temporal(resources), resources.settings)


async def get_campaign_workflows(resources: ResourcesDep) -> CampaignWorkflows:
    return CampaignWorkflows(await _temporal(resources), resources.settings)


async def get_onboarding_workflows(resources: ResourcesDep) -> OnboardingWorkflows:
    return OnboardingWorkflows(await _temporal(resources), resources.settings)


async def get_report_workflows(resources: ResourcesDep) -> ReportWorkflows:
    return ReportWorkflows(await _temporal(resources), resources.settings)


async def get_report_schedules(resources: ResourcesDep) -> ReportSchedules:
    return ReportSchedules(await _temporal(resources), resources.settings)


async def get_bulk_job_workflows(resources: ResourcesDep) -> BulkJobWorkflows:
    return BulkJobWorkflows(await _temporal(resources), resources.settings)


OrderWorkflowsDep = Annotated[OrderWorkflows, Depends(get_order_workflows)]
RefundWorkflowsDep = Annotated[RefundWorkflows, Depends(get_refund_workflows)]
CampaignWorkflowsDep = Annotated[CampaignWorkflows, Depends(get_campaign_workflows)]
OnboardingWorkflowsDep = Annotated[OnboardingWorkflows, Depends(get_onboarding_workflows)]
ReportWorkflowsDep = Annotated[ReportWorkflows, Depends(get_report_workflows)]
ReportSchedulesDep = Annotated[ReportSchedules, Depends(get_report_schedules)]
BulkJobWorkflowsDep = Annotated[BulkJobWorkflows, Depends(get_bulk_job_workflows)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
# scope="function": the transaction commits before the response is sent, so a failed commit
# reaches the client as an error instead of a success for something that was never saved.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
StreamingSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="request")]
RedisDep = Annotated[Redis, Depends(get_redis)]
NotifierDep = Annotated[Notifier, Depends(get_notifier)]
StorageDep = Annotated[Storage, Depends(get_storage)]
