"""The bulk job workflow's steps. The work is one long activity that does the job a chunk at a
time (services/bulk_jobs/processing.py): it heartbeats after every row, and once a chunk has
committed its rows with their outcomes, heartbeats the rows done and tells its workflow. Where
to resume is read from the job row, not the heartbeat, so a retried attempt — or one on another
worker — carries on at the first row without an outcome."""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity
from temporalio.client import Client
from temporalio.exceptions import ApplicationError

from activities.chunked import refusal, signal_progress
from core.errors import AppError
from integrations.storage import Storage
from models import BulkJob, BulkJobStatus
from models.session import session_scope
from services.bulk_jobs import jobs, kinds, processing

REFUSED = "BulkJobRefused"


class BulkJobFacts(BaseModel):
    job_id: int
    status: str
    total: int


class BulkProgress(BaseModel):
    total: int
    processed: int
    succeeded: int
    failed: int


class BulkJobEnd(BaseModel):
    job_id: int
    status: BulkJobStatus
    error: str = ""


def _refused(error: AppError) -> ApplicationError:
    return refusal(error, REFUSED)


class BulkJobActivities:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        storage: Storage,
        temporal: Client,
        tools: kinds.Tools,
        *,
        chunk_rows: int,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._storage = storage
        self._temporal = temporal
        self._tools = tools
        self._chunk_rows = chunk_rows

    async def _job(self, db: AsyncSession, job_id: int) -> BulkJob:
        try:
            return await jobs.locked(db, job_id)
        except AppError as missing:
            raise _refused(missing) from None

    @activity.defn
    async def begin_bulk_job(self, job_id: int) -> BulkJobFacts:
        async with session_scope(self._sessionmaker) as db:
            job = await self._job(db, job_id)
            await jobs.begin(db, job)
            return BulkJobFacts(job_id=job.id, status=job.status.value, total=job.total_rows)

    @activity.defn
    async def run_bulk_job(self, job_id: int) -> BulkProgress:
        try:
            async with session_scope(self._sessionmaker) as db:
                work = await kinds.prepare(
                    db, self._storage, self._tools, await self._job(db, job_id)
                )
            while True:
                async with session_scope(self._sessionmaker) as db:
                    tally = await processing.process_chunk(
                        db, job_id, work, self._chunk_rows, activity.heartbeat
                    )
                activity.heartbeat(tally.processed)
                progress = BulkProgress(
                    total=tally.total,
                    processed=tally.processed,
                    succeeded=tally.succeeded,
                    failed=tally.failed,
                )
                await signal_progress(self._temporal, progress)
                if tally.done:
                    return progress
        except AppError as refused:
            raise _refused(refused) from None

    @activity.defn
    async def finish_bulk_job(self, end: BulkJobEnd) -> None:
        async with session_scope(self._sessionmaker) as db:
            job = await self._job(db, end.job_id)
            await jobs.finish(db, self._storage, job, end.status, end.error)
