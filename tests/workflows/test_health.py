"""A workflow runs on the real Temporal dev server and its activity reaches PostgreSQL."""

from __future__ import annotations

import uuid

from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from core.settings import Settings
from integrations.payments import payment_gateway
from models.session import create_engine, create_sessionmaker
from services.messaging.notifier import OutboxNotifier
from worker.registry import QUEUES, WorkerDeps
from workflows import queues
from workflows.health import HealthCheck, HealthReport


async def test_health_workflow_round_trip(
    temporal_env: WorkflowEnvironment, settings: Settings, database_url: str
) -> None:
    engine = create_engine(settings)
    deps = WorkerDeps(
        settings,
        create_sessionmaker(engine),
        payment_gateway(settings),
        OutboxNotifier(),
        temporal_env.client,
    )
    contents = QUEUES[queues.SYSTEM](deps)
    task_queue = f"test-{uuid.uuid4().hex}"
    async with Worker(
        temporal_env.client,
        task_queue=task_queue,
        workflows=list(contents.workflows),
        activities=list(contents.activities),
    ):
        report = await temporal_env.client.execute_workflow(
            HealthCheck.run, id=f"health-{uuid.uuid4().hex}", task_queue=task_queue
        )
    await engine.dispose()
    assert isinstance(report, HealthReport)
    assert report.database.database == database_url.rsplit("/", 1)[1]
    assert report.workflow_id.startswith("health-")
