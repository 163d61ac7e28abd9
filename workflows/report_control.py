"""How the API (and the worker at start) reach the report workflows and the report schedules'
Temporal Schedules. Runs outside workflows, like workflows/control.py."""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleCalendarSpec,
    ScheduleHandle,
    ScheduleRange,
    ScheduleSpec,
    ScheduleState,
    ScheduleUpdate,
    ScheduleUpdateInput,
)
from temporalio.common import WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from core.errors import ServiceUnavailable
from core.settings import Settings
from models import ReportJob
from models.reports import ReportCadence, ReportSchedule
from workflows import queues
from workflows.queries import ask, cancel
from workflows.reports import (
    ReportGeneration,
    ReportProgress,
    ReportStart,
    ScheduledReport,
    ScheduledReportStart,
    report_id,
)

logger = logging.getLogger("simdesk.reports")
SCHEDULE_PREFIX = "report-schedule-"
RUN_AT_HOUR = 6  # UTC: yesterday's figures are complete, and people read them in the morning
MONDAY = 1


class ReportWorkflows:
    def __init__(self, client: Client, settings: Settings) -> None:
        self._client = client
        self._settings = settings

    async def start(self, job: ReportJob) -> None:
        """Start the job's workflow; a second start while it runs is a no-op."""
        with contextlib.suppress(WorkflowAlreadyStartedError):
            await self._client.start_workflow(
                ReportGeneration.run,
                ReportStart(job_id=job.id),
                id=report_id(job.id),
                task_queue=queues.qualified(
                    self._settings.temporal_task_queue_prefix, queues.REPORTS
                ),
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
            )

    async def progress(self, job: ReportJob) -> ReportProgress | None:
        """The workflow's account while it runs; None when it cannot answer."""
        handle = self._client.get_workflow_handle(report_id(job.id))
        try:
            progress: ReportProgress | None = await ask(handle, ReportGeneration.progress)
        except ServiceUnavailable as error:
            logger.info("report progress unavailable", extra={"job": job.id, "error": str(error)})
            return None
        return progress

    async def cancel(self, job: ReportJob) -> bool:
        """Ask the workflow to stop; False when none runs (it never started, or ended)."""
        return await cancel(self._client.get_workflow_handle(report_id(job.id)))


def _spec(cadence: ReportCadence) -> ScheduleSpec:
    weekly = cadence is ReportCadence.weekly
    return ScheduleSpec(
        calendars=[
            ScheduleCalendarSpec(
                hour=[ScheduleRange(RUN_AT_HOUR)],
                minute=[ScheduleRange(0)],
                day_of_week=[ScheduleRange(MONDAY)] if weekly else [ScheduleRange(0, 6)],
                comment=f"{cadence.value} report",
            )
        ]
    )


class ReportSchedules:
    """Keeps each Temporal Schedule in line with its row; the row is the truth."""

    def __init__(self, client: Client, settings: Settings) -> None:
        self._client = client
        self._settings = settings

    def schedule_id(self, schedule_id: int) -> str:
        # The prefix lets two deployments (or test runs) share one namespace, as queues do.
        return f"{self._settings.temporal_task_queue_prefix}{SCHEDULE_PREFIX}{schedule_id}"

    def handle(self, schedule_id: int) -> ScheduleHandle:
        return self._client.get_schedule_handle(self.schedule_id(schedule_id))

    def _schedule(self, row: ReportSchedule) -> Schedule:
        return Schedule(
            action=ScheduleActionStartWorkflow(
                ScheduledReport.run,
                ScheduledReportStart(schedule_id=row.id),
                id=self.schedule_id(row.id),
                task_queue=queues.qualified(
                    self._settings.temporal_task_queue_prefix, queues.REPORTS
                ),
            ),
            spec=_spec(row.cadence),
            state=ScheduleState(paused=not row.active, note=row.name[:200]),
        )

    async def save(self, row: ReportSchedule) -> None:
        """Create the row's schedule, or bring an existing one in line with the row."""
        try:
            try:
                await self._client.create_schedule(self.schedule_id(row.id), self._schedule(row))
            except ScheduleAlreadyRunningError:
                wanted = self._schedule(row)

                def replace(_: ScheduleUpdateInput) -> ScheduleUpdate:
                    return ScheduleUpdate(schedule=wanted)

                await self.handle(row.id).update(replace)
        except RPCError as error:
            raise ServiceUnavailable(
                "The workflow service did not answer; nothing was changed. Try again."
            ) from error

    async def delete(self, schedule_id: int) -> None:
        try:
            await self.handle(schedule_id).delete()
        except RPCError as error:
            if error.status is not RPCStatusCode.NOT_FOUND:
                raise ServiceUnavailable(
                    "The workflow service did not answer; nothing was changed. Try again."
                ) from error

    async def reconcile(self, sessionmaker: async_sessionmaker[AsyncSession]) -> int:
        """Make Temporal match the table: every row's schedule saved, schedules without a row
        deleted (a crash between the two writes leaves one behind). The number of rows."""
        async with sessionmaker() as db:
            rows = list(await db.scalars(select(ReportSchedule)))
        for row in rows:
            await self.save(row)
        prefix = self.schedule_id(0)[:-1]
        wanted = {self.schedule_id(row.id) for row in rows}
        async for listed in await self._client.list_schedules():
            if listed.id.startswith(prefix) and listed.id not in wanted:
                await self._client.get_schedule_handle(listed.id).delete()
        return len(rows)
