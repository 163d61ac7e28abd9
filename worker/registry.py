"""What runs on each task queue. Adding a workflow means adding it here, nowhere else."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.worker import Worker

from activities.analytics import AnalyticsActivities
from activities.bulk_jobs import BulkJobActivities
from activities.campaigns import CampaignActivities
from activities.health import HealthActivities
from activities.messaging import DeliverySweepActivities, MessageActivities
from activities.onboarding import OnboardingActivities
from activities.orders import OrderActivities
from activities.refunds import RefundActivities
from activities.reports import ReportActivities
from activities.search import SearchActivities
from activities.sweeps import JobSweepActivities, SweepActivities
from activities.webhooks import WebhookActivities
from core.crypto import FieldCipher
from core.settings import Settings
from integrations.email import email_sender
from integrations.meilisearch import SearchIndex
from integrations.payments import PaymentGateway
from integrations.sms import sms_sender
from integrations.storage import LocalStorage
from services.bulk_jobs.kinds import Tools
from services.bulk_jobs.processing import CHUNK_ROWS
from services.messaging.delivery import Senders
from services.messaging.notifier import Notifier
from workflows import queues
from workflows.analytics import RollupReconciliation
from workflows.bulk_job_control import BulkJobWorkflows
from workflows.bulk_jobs import BulkJobWorkflow
from workflows.control import OrderWorkflows
from workflows.deliveries import DeliveryStarter
from workflows.email_campaign import CustomEmailCampaign
from workflows.health import HealthCheck
from workflows.message_delivery import MessageDelivery, MessageSweep
from workflows.order_fulfilment import OrderFulfilment
from workflows.refund import Refund
from workflows.report_control import ReportWorkflows
from workflows.reports import ReportGeneration, ScheduledReport
from workflows.reseller_onboarding import ResellerOnboarding
from workflows.search_index import SearchReindex, SearchSync
from workflows.sweeps import FulfilmentSweep, JobSweep
from workflows.webhook_delivery import OutgoingWebhook

# Lets in-flight activities finish on SIGTERM; Temporal retries whatever does not.
GRACEFUL_SHUTDOWN = timedelta(seconds=20)


@dataclass(frozen=True)
class WorkerDeps:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    gateway: PaymentGateway
    notifier: Notifier
    temporal: Client


@dataclass(frozen=True)
class QueueContents:
    workflows: Sequence[type]
    activities: Sequence[Callable[..., Any]]


def _activities(*providers: object) -> list[Callable[..., Any]]:
    """Every activity method of each provider: a queue runs all of its classes' activities."""
    return [
        method
        for provider in providers
        for _, method in inspect.getmembers(provider, inspect.ismethod)
        if activity._Definition.from_callable(method) is not None
    ]


def _system(deps: WorkerDeps) -> QueueContents:
    health = HealthActivities(deps.sessionmaker)
    analytics = AnalyticsActivities(deps.sessionmaker)
    return QueueContents(
        workflows=[HealthCheck, RollupReconciliation],
        activities=_activities(health, analytics),
    )


def _orders(deps: WorkerDeps) -> QueueContents:
    steps = OrderActivities(deps.sessionmaker, deps.gateway, deps.notifier)
    sweeps = SweepActivities(deps.sessionmaker, OrderWorkflows(deps.temporal, deps.settings))
    return QueueContents(
        workflows=[OrderFulfilment, FulfilmentSweep],
        activities=_activities(sweeps, steps),
    )


def _payments(deps: WorkerDeps) -> QueueContents:
    steps = RefundActivities(deps.sessionmaker, deps.gateway, deps.notifier)
    return QueueContents(
        workflows=[Refund],
        activities=_activities(steps),
    )


def _onboarding(deps: WorkerDeps) -> QueueContents:
    steps = OnboardingActivities(deps.sessionmaker, deps.settings, deps.notifier)
    return QueueContents(
        workflows=[ResellerOnboarding],
        activities=_activities(steps),
    )


def _notifications(deps: WorkerDeps) -> QueueContents:
    settings = deps.settings
    messages = MessageActivities(
        deps.sessionmaker, Senders(email_sender(settings), sms_sender(settings))
    )
    webhooks = WebhookActivities(
        deps.sessionmaker, FieldCipher(settings), settings.outgoing_webhook_timeout_seconds
    )

    async def client() -> Client:
        return deps.temporal

    sweep = DeliverySweepActivities(deps.sessionmaker, DeliveryStarter(client, settings))
    campaigns = CampaignActivities(deps.sessionmaker, deps.notifier)
    return QueueContents(
        workflows=[MessageDelivery, OutgoingWebhook, MessageSweep, CustomEmailCampaign],
        activities=_activities(campaigns, messages, webhooks, sweep),
    )


def _reports(deps: WorkerDeps) -> QueueContents:
    """Reports and bulk jobs: long, chunked work over many rows."""
    settings = deps.settings
    storage = LocalStorage(settings.storage_dir)
    steps = ReportActivities(
        deps.sessionmaker,
        storage,
        deps.notifier,
        deps.temporal,
        chunk_rows=settings.report_chunk_rows,
        base_url=settings.base_url,
        link_secret=settings.jwt_secret.get_secret_value(),
    )
    tools = Tools(settings, FieldCipher(settings), OrderWorkflows(deps.temporal, settings))
    bulk = BulkJobActivities(
        deps.sessionmaker, storage, deps.temporal, tools, chunk_rows=CHUNK_ROWS
    )
    sweep = JobSweepActivities(
        deps.sessionmaker,
        ReportWorkflows(deps.temporal, settings),
        BulkJobWorkflows(deps.temporal, settings),
    )
    return QueueContents(
        workflows=[ReportGeneration, ScheduledReport, BulkJobWorkflow, JobSweep],
        activities=_activities(steps, bulk, sweep),
    )


def _search(deps: WorkerDeps) -> QueueContents:
    settings = deps.settings
    steps = SearchActivities(
        deps.sessionmaker,
        (lambda: SearchIndex.from_settings(settings)) if settings.meili_url else None,
    )
    return QueueContents(
        workflows=[SearchSync, SearchReindex],
        activities=_activities(steps),
    )


QUEUES: dict[str, Callable[[WorkerDeps], QueueContents]] = {
    queues.ORDERS: _orders,
    queues.PAYMENTS: _payments,
    queues.REPORTS: _reports,
    queues.NOTIFICATIONS: _notifications,
    queues.ONBOARDING: _onboarding,
    queues.SEARCH: _search,
    queues.SYSTEM: _system,
}


def build_workers(client: Client, deps: WorkerDeps, task_queues: Sequence[str]) -> list[Worker]:
    workers = []
    for name in task_queues:
        contents = QUEUES[name](deps)
        workers.append(
            Worker(
                client,
                task_queue=queues.qualified(deps.settings.temporal_task_queue_prefix, name),
                workflows=list(contents.workflows),
                activities=list(contents.activities),
                graceful_shutdown_timeout=GRACEFUL_SHUTDOWN,
            )
        )
    return workers
