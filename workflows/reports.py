"""ReportGeneration (`report-<job id>`): produce a requested report exactly once, and
ScheduledReport, which a report schedule's Temporal Schedule starts for each run.

Generation is a single heartbeating activity that reads the report in chunks and resumes from
its last heartbeat when retried; its progress reaches this workflow as signals, so `progress`
answers the API while it runs. Cancelling the workflow cancels the activity and marks the job
cancelled; a refusal or repeated failure marks it failed with the reason."""

from __future__ import annotations

from datetime import timedelta

from pydantic import BaseModel, Field
from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, is_cancelled_exception

with workflow.unsafe.imports_passed_through():
    from activities.chunked import PROGRESS_SIGNAL
    from activities.reports import (
        ProgressUpdate,
        ReportActivities,
        ReportFailure,
        ScheduledDelivery,
        ScheduledRun,
    )

from workflows.steps import failure_reason, run_step

GENERATION_ATTEMPTS = 5


class ReportStart(BaseModel):
    job_id: int
    heartbeat_seconds: int = Field(default=60, gt=0)
    max_seconds: int = Field(default=4 * 3600, gt=0)


class ReportProgress(BaseModel):
    status: str
    percent: int = 0
    rows: int = 0
    error: str = ""


class ReportResult(BaseModel):
    job_id: int
    outcome: str
    rows: int = 0
    error: str = ""


class ScheduledReportStart(BaseModel):
    schedule_id: int


class ScheduledReportResult(BaseModel):
    job_id: int | None
    outcome: str
    emailed: int = 0


def report_id(job_id: int) -> str:
    return f"report-{job_id}"


@workflow.defn
class ReportGeneration:
    def __init__(self) -> None:
        self._progress = ReportProgress(status="queued")

    @workflow.query
    def progress(self) -> ReportProgress:
        return self._progress

    @workflow.signal(name=PROGRESS_SIGNAL)
    def record_progress(self, update: ProgressUpdate) -> None:
        # Signals of a retried attempt may repeat earlier numbers: progress only moves on.
        if self._progress.status == "running" and update.rows >= self._progress.rows:
            self._progress = ReportProgress(
                status="running", percent=update.percent, rows=update.rows
            )

    @workflow.run
    async def run(self, start: ReportStart) -> ReportResult:
        try:
            return await self._generate(start)
        except BaseException as error:
            if not is_cancelled_exception(error):
                raise
            self._progress = ReportProgress(status="cancelled", rows=self._progress.rows)
            await run_step(ReportActivities.cancel_report, start.job_id)
            raise

    async def _generate(self, start: ReportStart) -> ReportResult:
        facts = await run_step(ReportActivities.begin_report, start.job_id)
        if facts.status != "running":
            self._progress = ReportProgress(status=facts.status)
            return ReportResult(job_id=start.job_id, outcome=facts.status)
        self._progress = ReportProgress(status="running")
        try:
            done = await workflow.execute_activity_method(
                ReportActivities.generate_report,
                start.job_id,
                start_to_close_timeout=timedelta(seconds=start.max_seconds),
                heartbeat_timeout=timedelta(seconds=start.heartbeat_seconds),
                retry_policy=RetryPolicy(
                    maximum_interval=timedelta(seconds=30), maximum_attempts=GENERATION_ATTEMPTS
                ),
            )
        except ActivityError as error:
            if is_cancelled_exception(error):
                raise
            cause = failure_reason(error)
            self._progress = ReportProgress(status="failed", error=cause, rows=self._progress.rows)
            await run_step(
                ReportActivities.fail_report, ReportFailure(job_id=start.job_id, error=cause)
            )
            return ReportResult(job_id=start.job_id, outcome="failed", error=cause)
        await run_step(ReportActivities.complete_report, done)
        self._progress = ReportProgress(status="completed", percent=100, rows=done.rows)
        return ReportResult(job_id=start.job_id, outcome="completed", rows=done.rows)


@workflow.defn
class ScheduledReport:
    @workflow.run
    async def run(self, start: ScheduledReportStart) -> ScheduledReportResult:
        run = ScheduledRun(
            schedule_id=start.schedule_id,
            run_id=workflow.info().workflow_id,
            as_of=workflow.now().date(),
        )
        job_id = await run_step(ReportActivities.open_scheduled_report, run)
        if job_id is None:
            return ScheduledReportResult(job_id=None, outcome="skipped")
        result = await workflow.execute_child_workflow(
            ReportGeneration.run, ReportStart(job_id=job_id), id=report_id(job_id)
        )
        if result.outcome != "completed":
            return ScheduledReportResult(job_id=job_id, outcome=result.outcome)
        emailed = await run_step(
            ReportActivities.email_scheduled_report,
            ScheduledDelivery(schedule_id=start.schedule_id, job_id=job_id),
        )
        return ScheduledReportResult(job_id=job_id, outcome="completed", emailed=emailed)
