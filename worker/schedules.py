"""Temporal Schedules the deployment needs, created by the worker at start if missing."""

from __future__ import annotations

import contextlib

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleIntervalSpec,
    ScheduleSpec,
)

from core.settings import Settings
from workflows import queues
from workflows.sweeps import EVERY, SCHEDULE_ID, FulfilmentSweep


async def ensure_schedules(client: Client, settings: Settings) -> None:
    prefix = settings.temporal_task_queue_prefix
    with contextlib.suppress(ScheduleAlreadyRunningError):
        await client.create_schedule(
            f"{prefix}{SCHEDULE_ID}",
            Schedule(
                action=ScheduleActionStartWorkflow(
                    FulfilmentSweep.run,
                    id=f"{prefix}{SCHEDULE_ID}",
                    task_queue=queues.qualified(prefix, queues.ORDERS),
                ),
                spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=EVERY)]),
            ),
        )
