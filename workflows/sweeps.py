"""FulfilmentSweep: run every minute by the `fulfilment-sweeper` schedule."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.sweeps import SweepActivities

SCHEDULE_ID = "fulfilment-sweeper"
EVERY = timedelta(minutes=1)


@workflow.defn
class FulfilmentSweep:
    @workflow.run
    async def run(self) -> int:
        return await workflow.execute_activity_method(
            SweepActivities.start_missing_fulfilments, start_to_close_timeout=timedelta(minutes=2)
        )
