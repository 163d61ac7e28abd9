"""Temporal Schedules the deployment needs, created by the worker at start if missing."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import Any

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
)
from temporalio.types import MethodAsyncNoParam

from core.settings import Settings
from workflows import analytics, queues
from workflows.message_delivery import SWEEP_EVERY, SWEEP_SCHEDULE_ID, MessageSweep
from workflows.search_index import SYNC_EVERY, SYNC_SCHEDULE_ID, SearchSync
from workflows.sweeps import EVERY, JOB_SCHEDULE_ID, SCHEDULE_ID, FulfilmentSweep, JobSweep


async def ensure_schedules(client: Client, settings: Settings) -> None:
    prefix = settings.temporal_task_queue_prefix
    await _ensure(client, prefix, SCHEDULE_ID, FulfilmentSweep.run, queues.ORDERS, EVERY)
    await _ensure(client, prefix, JOB_SCHEDULE_ID, JobSweep.run, queues.REPORTS, EVERY)
    await _ensure(
        client, prefix, SWEEP_SCHEDULE_ID, MessageSweep.run, queues.NOTIFICATIONS, SWEEP_EVERY
    )
    await _ensure(
        client,
        prefix,
        analytics.SCHEDULE_ID,
        analytics.RollupReconciliation.run,
        queues.SYSTEM,
        analytics.EVERY,
    )
    # A slow run (a big backlog) is not joined by a second one draining the same rows.
    await _ensure(
        client,
        prefix,
        SYNC_SCHEDULE_ID,
        SearchSync.run,
        queues.SEARCH,
        SYNC_EVERY,
        SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP),
    )


async def _ensure(
    client: Client,
    prefix: str,
    schedule_id: str,
    run: MethodAsyncNoParam[Any, Any],
    queue: str,
    every: timedelta,
    policy: SchedulePolicy | None = None,
) -> None:
    """Schedule `run` every `every` on `queue`, unless a schedule with that id already exists
    (its workflow runs take the schedule's id)."""
    with contextlib.suppress(ScheduleAlreadyRunningError):
        await client.create_schedule(
            f"{prefix}{schedule_id}",
            Schedule(
                action=ScheduleActionStartWorkflow(
                    run,
                    id=f"{prefix}{schedule_id}",
                    task_queue=queues.qualified(prefix, queue),
                ),
                spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=every)]),
                policy=policy or SchedulePolicy(),
            ),
        )
