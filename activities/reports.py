"""The report workflows' steps. Generation is one long activity that reads the report's query a
chunk at a time: after each chunk it records progress on the job row, heartbeats where it is
(cursor, rows, the parts stored so far), and tells its workflow, whose `progress` query the API
reads. A retried attempt starts from the last heartbeat instead of from the beginning."""

from __future__ import annotations

import asyncio
import hashlib
from datetime import date

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError

from activities.chunked import refusal, signal_progress
from core.errors import AppError, ValidationFailed
from integrations.storage import Storage
from models import ReportFormat, ReportJob
from models.session import session_scope
from services.documents.pdf import load_branding
from services.messaging.notifier import Notifier
from services.reports import catalogue, jobs, output, queries, schedules


class ReportFacts(BaseModel):
    job_id: int
    status: str


class ProgressUpdate(BaseModel):
    percent: int
    rows: int


class GenerationState(BaseModel):
    """Where generation got to; heartbeated after every chunk."""

    cursor: list[str | int | float | None] | None = None
    rows: int = 0
    total: int | None = None
    parts: list[str] = Field(default_factory=list)
    done: bool = False


class ReportFile(BaseModel):
    job_id: int
    storage_key: str
    name: str
    size_bytes: int
    sha256: str
    rows: int


class ReportFailure(BaseModel):
    job_id: int
    error: str


class ScheduledRun(BaseModel):
    schedule_id: int
    run_id: str
    as_of: date


class ScheduledDelivery(BaseModel):
    schedule_id: int
    job_id: int


def _refused(error: AppError) -> ApplicationError:
    return refusal(error, "ReportRefused")


class ReportActivities:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        storage: Storage,
        notifier: Notifier,
        temporal: Client,
        *,
        chunk_rows: int,
        base_url: str,
        link_secret: str,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._storage = storage
        self._notifier = notifier
        self._temporal = temporal
        self._chunk_rows = chunk_rows
        self._base_url = base_url
        self._link_secret = link_secret

    async def _job(self, db: AsyncSession, job_id: int) -> ReportJob:
        try:
            return await jobs.locked(db, job_id)
        except AppError as missing:
            raise _refused(missing) from None

    @activity.defn
    async def begin_report(self, job_id: int) -> ReportFacts:
        async with session_scope(self._sessionmaker) as db:
            job = await self._job(db, job_id)
            await jobs.begin(db, job)
            return ReportFacts(job_id=job.id, status=job.status.value)

    @activity.defn
    async def generate_report(self, job_id: int) -> ReportFile:
        details = activity.info().heartbeat_details
        state = GenerationState.model_validate(details[0]) if details else GenerationState()
        async with session_scope(self._sessionmaker) as db:
            job = await self._job(db, job_id)
            try:
                spec = catalogue.from_params(job.kind, job.params)
            except ValidationFailed as invalid:
                raise _refused(invalid) from None
            query = queries.build(spec)
            if state.total is None:
                state.total = await queries.count_rows(db, query)
            if job.format is ReportFormat.pdf and state.total > output.PDF_MAX_ROWS:
                raise ApplicationError(
                    f"This report has {state.total} rows; a PDF holds at most "
                    f"{output.PDF_MAX_ROWS}. Choose CSV or XLSX, or narrow the period.",
                    type="ReportRefused",
                    non_retryable=True,
                )
            fmt, title = job.format, jobs.title_of(job)
            branding = await load_branding(db, self._storage)
        try:
            while not state.done:
                await self._next_chunk(job_id, query, state)
            data = await output.render(
                fmt,
                spec,
                query.columns,
                output.read_parts(self._storage, state.parts, query.columns),
                title=title,
                branding=branding,
            )
        except asyncio.CancelledError:
            await output.discard_parts(self._storage, state.parts)
            raise
        key = await self._storage.put(data)
        await output.discard_parts(self._storage, state.parts)
        return ReportFile(
            job_id=job_id,
            storage_key=key,
            name=output.file_name(job_id, spec, fmt),
            size_bytes=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            rows=state.rows,
        )

    async def _next_chunk(
        self, job_id: int, query: queries.ReportQuery, state: GenerationState
    ) -> None:
        async with session_scope(self._sessionmaker) as db:
            rows, cursor = await queries.read_chunk(db, query, state.cursor, self._chunk_rows)
            if rows:
                state.parts.append(await output.write_part(self._storage, rows))
                state.rows += len(rows)
                state.cursor = cursor
            state.done = len(rows) < self._chunk_rows
            total = state.total or 0
            percent = 99 if state.done else min(99, state.rows * 100 // total) if total else 0
            await jobs.record_progress(db, await self._job(db, job_id), percent, state.rows)
        activity.heartbeat(state.model_dump(mode="json"))
        await signal_progress(self._temporal, ProgressUpdate(percent=percent, rows=state.rows))

    @activity.defn
    async def complete_report(self, done: ReportFile) -> None:
        async with session_scope(self._sessionmaker) as db:
            job = await self._job(db, done.job_id)
            await jobs.complete(
                db, job, done.storage_key, done.name, done.size_bytes, done.sha256, done.rows
            )

    @activity.defn
    async def fail_report(self, failure: ReportFailure) -> None:
        async with session_scope(self._sessionmaker) as db:
            await jobs.fail(db, await self._job(db, failure.job_id), failure.error)

    @activity.defn
    async def cancel_report(self, job_id: int) -> None:
        async with session_scope(self._sessionmaker) as db:
            await jobs.cancel(db, await self._job(db, job_id))

    @activity.defn
    async def open_scheduled_report(self, run: ScheduledRun) -> int | None:
        """The job for this run of the schedule (made once); None when the schedule is gone
        or paused, or its parameters no longer pass the checks."""
        async with session_scope(self._sessionmaker) as db:
            job = await schedules.open_run(db, run.schedule_id, run.run_id, run.as_of)
            return job.id if job is not None else None

    @activity.defn
    async def email_scheduled_report(self, delivery: ScheduledDelivery) -> int:
        async with session_scope(self._sessionmaker) as db:
            return await schedules.deliver(
                db, self._notifier, delivery.schedule_id, delivery.job_id,
                lambda job_id: jobs.shared_link(self._link_secret, self._base_url, job_id),
            )  # fmt: skip
