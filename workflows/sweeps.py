"""Safety nets run every minute by a schedule: FulfilmentSweep (`fulfilment-sweeper`) starts
lost order workflows, JobSweep (`job-sweeper`) lost report and bulk job workflows."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.sweeps import JobSweepActivities, SweepActivities

SCHEDULE_ID = "fulfilment-sweeper"
JOB_SCHEDULE_ID = "job-sweeper"
EVERY = timedelta(minutes=1)


@workflow.defn
class FulfilmentSweep:
    @workflow.run
    async def run(self) -> int:
        return await workflow.execute_activity_method(
            SweepActivities.start_missing_fulfilments, start_to_close_timeout=timedelta(minutes=2)
        )


@workflow.defn
class JobSweep:
    @workflow.run
    async def run(self) -> int:
        return await workflow.execute_activity_method(
            JobSweepActivities.start_stranded_jobs, start_to_close_timeout=timedelta(minutes=2)
        )
