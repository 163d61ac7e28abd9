"""What runs on each task queue. Adding a workflow means adding it here, nowhere else."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.worker import Worker

from activities.health import HealthActivities
from activities.orders import OrderActivities
from activities.refunds import RefundActivities
from activities.sweeps import SweepActivities
from core.settings import Settings
from integrations.payments import PaymentGateway
from services.messaging.notifier import Notifier
from workflows import queues
from workflows.control import OrderWorkflows
from workflows.health import HealthCheck
from workflows.order_fulfilment import OrderFulfilment
from workflows.refund import Refund
from workflows.sweeps import FulfilmentSweep

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


def _system(deps: WorkerDeps) -> QueueContents:
    health = HealthActivities(deps.sessionmaker)
    return QueueContents(workflows=[HealthCheck], activities=[health.probe_database])


def _orders(deps: WorkerDeps) -> QueueContents:
    steps = OrderActivities(deps.sessionmaker, deps.gateway, deps.notifier)
    sweeps = SweepActivities(deps.sessionmaker, OrderWorkflows(deps.temporal, deps.settings))
    return QueueContents(
        workflows=[OrderFulfilment, FulfilmentSweep],
        activities=[
            sweeps.start_missing_fulfilments,
            steps.begin_fulfilment,
            steps.authorize_payment,
            steps.record_authorization,
            steps.confirm_order,
            steps.capture_payment,
            steps.deliver_esim,
            steps.advance_order,
            steps.cancel_order,
            steps.remind_activation,
            steps.complete_order,
        ],
    )


def _payments(deps: WorkerDeps) -> QueueContents:
    steps = RefundActivities(deps.sessionmaker, deps.gateway, deps.notifier)
    return QueueContents(
        workflows=[Refund],
        activities=[
            steps.load_refund,
            steps.execute_refund,
            steps.escalate_refund,
            steps.fail_refund,
            steps.notify_refund,
        ],
    )


QUEUES: dict[str, Callable[[WorkerDeps], QueueContents]] = {
    queues.ORDERS: _orders,
    queues.PAYMENTS: _payments,
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
