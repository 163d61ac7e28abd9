"""A whole deployment per test: the production app and an orders worker sharing a migrated
database of their own (requests really commit, so the worker sees them), a private task queue
prefix on the run's Temporal dev server, and the run's localstripe.

`@pytest.mark.stack_settings(**changes)` changes the settings both start with;
`@pytest.mark.stack_queues()` (no queues) leaves the workers to the test."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import stripe
from httpx import ASGITransport, AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Replayer

from core.settings import Settings
from integrations.payments import payment_gateway
from integrations.temporal import register_search_attributes
from models.session import create_engine, create_sessionmaker
from services.messaging.notifier import OutboxNotifier
from tests.factories import number_apart
from worker.registry import WorkerDeps, build_workers
from workflows import queues, search
from workflows.analytics import RollupReconciliation
from workflows.bulk_jobs import BulkJobWorkflow
from workflows.control import OrderWorkflows
from workflows.email_campaign import CustomEmailCampaign
from workflows.health import HealthCheck
from workflows.message_delivery import MessageDelivery, MessageSweep
from workflows.order_fulfilment import FulfilmentProgress, OrderFulfilment
from workflows.refund import Refund
from workflows.reports import ReportGeneration, ScheduledReport
from workflows.reseller_onboarding import ResellerOnboarding
from workflows.search_index import SearchReindex, SearchSync
from workflows.sweeps import FulfilmentSweep, JobSweep
from workflows.webhook_delivery import OutgoingWebhook

HISTORIES = Path(__file__).parent / "histories"
# Every workflow worker/registry.py runs, so any of their histories can be recorded.
REPLAYER = Replayer(
    workflows=[
        BulkJobWorkflow,
        CustomEmailCampaign,
        FulfilmentSweep,
        HealthCheck,
        JobSweep,
        MessageDelivery,
        MessageSweep,
        OrderFulfilment,
        OutgoingWebhook,
        Refund,
        ReportGeneration,
        ResellerOnboarding,
        RollupReconciliation,
        ScheduledReport,
        SearchReindex,
        SearchSync,
    ],
    data_converter=pydantic_data_converter,
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "stack_settings(**changes): settings the test's app and worker start with"
    )
    config.addinivalue_line("markers", "stack_queues(*names): the queues the stack serves")


@dataclass
class Stack:
    api: AsyncClient
    sessionmaker: async_sessionmaker[AsyncSession]
    settings: Settings
    temporal: Client

    async def progress(self, order_number: str) -> FulfilmentProgress:
        progress = await OrderWorkflows(self.temporal, self.settings).progress(order_number)
        assert progress is not None, f"no workflow for {order_number}"
        return progress

    def stripe(self) -> stripe.StripeClient:
        """The stack's localstripe, to check what the provider recorded."""
        key = self.settings.stripe_api_key.get_secret_value()
        return stripe.StripeClient(key, base_addresses={"api": self.settings.stripe_api_base})

    async def replay(self, workflow_id: str) -> None:
        """Wait for the workflow to finish, then replay its real history on the current code,
        which must make the same decisions. RECORD_HISTORIES=1 also saves it under histories/
        as `<workflow type>.json`, where test_replay.py keeps replaying it against every later
        version of the code."""
        handle = self.temporal.get_workflow_handle(workflow_id)
        await handle.result()
        history = await handle.fetch_history()
        await REPLAYER.replay_workflow(history)
        if os.environ.get("RECORD_HISTORIES"):
            HISTORIES.mkdir(exist_ok=True)
            started = history.events[0].workflow_execution_started_event_attributes
            # One recording per workflow type: ids carry prefixes and keys of their own.
            (HISTORIES / f"{started.workflow_type.name}.json").write_text(history.to_json())

    async def reach_step(self, order_number: str, step: str, timeout: float = 30) -> None:
        """Wait until the order's workflow is at `step` (its query says so)."""
        seen = ""

        async def there() -> bool:
            nonlocal seen
            try:
                seen = (await self.progress(order_number)).step
            except RPCError:  # the worker has not polled yet, or the workflow has no task yet
                return False
            return seen == step

        if not await poll(there, timeout):
            raise AssertionError(f"{order_number} never reached {step!r}; last at {seen!r}")


async def poll(check: Callable[[], Awaitable[bool]], timeout: float = 30) -> bool:
    deadline = asyncio.get_running_loop().time() + timeout
    while asyncio.get_running_loop().time() < deadline:
        if await check():
            return True
        await asyncio.sleep(0.1)
    return False


async def closed_status(handle: WorkflowHandle[Any, Any]) -> WorkflowExecutionStatus:
    """How the workflow ended, once it has: what it records in our database (its last
    activity) is seen a moment before the workflow itself closes."""

    async def closed() -> bool:
        return (await handle.describe()).status is not WorkflowExecutionStatus.RUNNING

    if not await poll(closed):
        raise AssertionError(f"{handle.id} is still running")
    status = (await handle.describe()).status
    assert status is not None
    return status


@pytest.fixture
async def stack(
    request: pytest.FixtureRequest,
    settings: Settings,
    scratch_database_url: str,
    temporal_env: WorkflowEnvironment,
) -> AsyncIterator[Stack]:
    from api.main import create_app

    marker = request.node.get_closest_marker("stack_settings")
    changes: dict[str, Any] = {
        "database_url": scratch_database_url,
        "temporal_task_queue_prefix": f"test-{uuid.uuid4().hex[:8]}-",
        **(marker.kwargs if marker else {}),
    }
    stack_settings = settings.model_copy(update=changes)
    await register_search_attributes(temporal_env.client, search.ALL)
    engine = create_engine(stack_settings, pool_size=4)
    sessionmaker = create_sessionmaker(engine)
    async with sessionmaker() as db:
        await number_apart(db)
    deps = WorkerDeps(
        stack_settings,
        sessionmaker,
        payment_gateway(stack_settings),
        OutboxNotifier(),
        temporal_env.client,
    )
    served = request.node.get_closest_marker("stack_queues")
    task_queues = list(served.args) if served else [queues.ORDERS, queues.PAYMENTS]
    workers = build_workers(temporal_env.client, deps, task_queues)
    running = [asyncio.create_task(worker.run()) for worker in workers]
    app = create_app(stack_settings)
    async with (
        app.router.lifespan_context(app),
        AsyncClient(transport=ASGITransport(app=app), base_url="http://testserver") as api,
    ):
        yield Stack(api, sessionmaker, stack_settings, temporal_env.client)
    await asyncio.gather(*(worker.shutdown() for worker in workers))
    await asyncio.gather(*running, return_exceptions=True)
    await engine.dispose()
