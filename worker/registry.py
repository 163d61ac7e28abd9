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
from core.settings import Settings
from workflows import queues
from workflows.health import HealthCheck

# Lets in-flight activities finish on SIGTERM; Temporal retries whatever does not.
GRACEFUL_SHUTDOWN = timedelta(seconds=20)


@dataclass(frozen=True)
class WorkerDeps:
    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]


@dataclass(frozen=True)
class QueueContents:
    workflows: Sequence[type]
    activities: Sequence[Callable[..., Any]]


def _system(deps: WorkerDeps) -> QueueContents:
    health = HealthActivities(deps.sessionmaker)
    return QueueContents(workflows=[HealthCheck], activities=[health.probe_database])


QUEUES: dict[str, Callable[[WorkerDeps], QueueContents]] = {
    queues.SYSTEM: _system,
}


def build_workers(client: Client, deps: WorkerDeps, task_queues: Sequence[str]) -> list[Worker]:
    workers = []
    for name in task_queues:
        contents = QUEUES[name](deps)
        workers.append(
            Worker(
                client,
                task_queue=name,
                workflows=list(contents.workflows),
                activities=list(contents.activities),
                graceful_shutdown_timeout=GRACEFUL_SHUTDOWN,
            )
        )
    return workers
