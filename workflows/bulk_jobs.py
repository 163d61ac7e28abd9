"""BulkJobWorkflow (`bulk-<job id>`): work through a recorded bulk job exactly once — a large
import, ICCID batch or bulk order status change.

The rows are done by a single heartbeating activity, a chunk per transaction, resuming after
the last chunk it committed when retried; its progress reaches this workflow as signals, so
`progress` answers the API while it runs. Cancelling the workflow cancels the activity and ends
the job cancelled; a refusal or repeated failure ends it failed with the reason. Either way the
job keeps the outcomes of the rows done so far, in its result file."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, is_cancelled_exception

with workflow.unsafe.imports_passed_through():
    from activities.bulk_jobs import BulkJobActivities, BulkJobEnd, BulkProgress
    from activities.chunked import PROGRESS_SIGNAL
    from models import BulkJobStatus

from workflows.steps import failure_reason, run_step

WORK_ATTEMPTS = 5


class BulkJobStart(BaseModel):
    job_id: int
    heartbeat_seconds: int = Field(default=60, gt=0)
    max_seconds: int = Field(default=4 * 3600, gt=0)


class BulkJobProgress(BaseModel):
    status: str
    total: int = 0
    processed: int = 0
    succeeded: int = 0
    failed: int = 0
    error: str = ""


def bulk_job_id(job_id: int) -> str:
    return f"bulk-{job_id}"


@workflow.defn
class BulkJobWorkflow:
    def __init__(self) -> None:
        self._progress = BulkJobProgress(status="queued")

    @workflow.query
    def progress(self) -> BulkJobProgress:
        return self._progress

    @workflow.signal(name=PROGRESS_SIGNAL)
    def record_progress(self, update: BulkProgress) -> None:
        # Signals of a retried attempt may repeat earlier numbers: progress only moves on.
        if self._progress.status == "running" and update.processed >= self._progress.processed:
            self._progress = BulkJobProgress(status="running", **update.model_dump())

    @workflow.run
    async def run(self, start: BulkJobStart) -> BulkJobProgress:
        try:
            return await self._work(start)
        except BaseException as error:
            if not is_cancelled_exception(error):
                raise
            self._end("cancelled")
            await run_step(
                BulkJobActivities.finish_bulk_job,
                BulkJobEnd(job_id=start.job_id, status=BulkJobStatus.cancelled),
            )
            raise

    def _end(self, status: str, error: str = "") -> BulkJobProgress:
        self._progress = self._progress.model_copy(update={"status": status, "error": error})
        return self._progress

    async def _work(self, start: BulkJobStart) -> BulkJobProgress:
        facts = await run_step(BulkJobActivities.begin_bulk_job, start.job_id)
        if facts.status != "running":
            return self._end(facts.status)
        self._progress = BulkJobProgress(status="running", total=facts.total)
        try:
            done = await workflow.execute_activity_method(
                BulkJobActivities.run_bulk_job,
                start.job_id,
                start_to_close_timeout=timedelta(seconds=start.max_seconds),
                heartbeat_timeout=timedelta(seconds=start.heartbeat_seconds),
                retry_policy=RetryPolicy(
                    maximum_interval=timedelta(seconds=30), maximum_attempts=WORK_ATTEMPTS
                ),
            )
        except ActivityError as error:
            if is_cancelled_exception(error):
                raise
            reason = failure_reason(error)
            await run_step(
                BulkJobActivities.finish_bulk_job,
                BulkJobEnd(job_id=start.job_id, status=BulkJobStatus.failed, error=reason),
            )
            return self._end("failed", reason)
        await run_step(
            BulkJobActivities.finish_bulk_job,
            BulkJobEnd(job_id=start.job_id, status=BulkJobStatus.completed),
        )
        self._progress = BulkJobProgress(status="completed", **done.model_dump())
        return self._progress
