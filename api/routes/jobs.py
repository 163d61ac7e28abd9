"""/api/jobs/: bulk jobs — imports, ICCID batches and order status changes too large for one
request, run by the BulkJobWorkflow (`bulk-<id>`). Follow their progress, fetch every row's
outcome, stop them.

Open to any login; which jobs one sees follows the permission of the job's own operation
(services/bulk_jobs/jobs.py)."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import (
    BulkJobWorkflowsDep,
    ResourcesDep,
    SessionDep,
    StorageDep,
    get_bulk_job_workflows,
)
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.jobs import BulkJobDetail, BulkJobRead
from api.security import ANY_CALLER, require
from models import BulkJob, BulkJobKind, BulkJobStatus
from services import files
from services.auth.principal import Principal
from services.bulk_jobs import jobs
from services.bulk_jobs.processing import tally_of
from workflows.bulk_jobs import bulk_job_id

logger = logging.getLogger("simdesk.bulk_jobs")
router = APIRouter(prefix="/api/jobs", tags=["jobs"])
Callers = Annotated[Principal, require(ANY_CALLER)]
OrderBy = Annotated[
    list[Any],
    ordering(
        {"created_at": BulkJob.created_at, "status": BulkJob.status},
        default="-created_at",
        tiebreaker=BulkJob.id,
    ),
]
# For the routes that hand a large request over to a job.
ACCEPTED: dict[int | str, dict[str, Any]] = {
    202: {"model": BulkJobRead, "description": "Too many rows for one request: run as a bulk job"}
}


def _read(job: BulkJob) -> dict[str, Any]:
    fields = {name: getattr(job, name) for name in BulkJobRead.model_fields if hasattr(job, name)}
    finished = job.status in jobs.FINISHED and job.result_file_id is not None
    return {
        **fields,
        "options": jobs.public_options(job),
        "progress_percent": tally_of(job).percent,
        "url": f"/api/jobs/{job.id}/",
        "result_url": jobs.result_path(job.id) if finished else None,
    }


async def accepted(db: AsyncSession, resources: ResourcesDep, job: BulkJob) -> JSONResponse:
    """Commit the recorded job, start its workflow and answer 202 with it."""
    # Committed before the workflow starts, so its first step finds the job.
    await db.commit()
    try:
        await (await get_bulk_job_workflows(resources)).start(job)
    except Exception:
        logger.exception("bulk job workflow start failed", extra={"job": job.id})
    read = BulkJobRead.model_validate(_read(job))
    return JSONResponse(read.model_dump(mode="json"), status_code=202)


@router.get("/", response_model=Page[BulkJobRead], dependencies=[only_params("status", "kind")])
async def list_jobs(
    principal: Callers,
    db: SessionDep,
    paging: PaginationDep,
    order_by: OrderBy,
    status: BulkJobStatus | None = None,
    kind: BulkJobKind | None = None,
) -> Page[BulkJobRead]:
    """One's own jobs of the kinds one may run; staff see everyone's of those kinds."""
    rows, total = await jobs.list_jobs(
        db, principal, jobs.JobFilter(status, kind), order_by, paging.offset, paging.page_size
    )
    return page_of([BulkJobRead.model_validate(_read(j)) for j in rows], total, paging)


@router.get("/{job_id}/", response_model=BulkJobDetail)
async def read_job(
    job_id: int, principal: Callers, db: SessionDep, workflows: BulkJobWorkflowsDep
) -> BulkJobDetail:
    """Status and progress: from the workflow's `progress` query while the job runs, from the
    record once it has finished."""
    job = await jobs.get_job(db, principal, job_id)
    fields = {**_read(job), "workflow_id": bulk_job_id(job.id), "progress_from": "record"}
    if job.status not in jobs.FINISHED:
        progress = await workflows.progress(job)
        if progress is not None and progress.status == "running":
            total = progress.total or job.total_rows
            fields.update(
                status=progress.status,
                processed_rows=progress.processed,
                succeeded=progress.succeeded,
                failed=progress.failed,
                progress_percent=progress.processed * 100 // total if total else 0,
                progress_from="workflow",
            )
    return BulkJobDetail.model_validate(fields)


@router.get(
    "/{job_id}/result/",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}}}},
)
async def job_result(
    job_id: int, principal: Callers, db: SessionDep, storage: StorageDep
) -> StreamingResponse:
    """Every row's outcome as CSV (`row`, `ok`, `error`, `id` of what it created or changed);
    409 until the job has finished (a cancelled or failed job lists the rows it got to)."""
    job = await jobs.get_job(db, principal, job_id)
    stored = await jobs.result_file(db, job)
    return StreamingResponse(
        await files.content(storage, stored),
        media_type=stored.content_type,
        headers={
            "Content-Length": str(stored.size_bytes),
            "Content-Disposition": f'attachment; filename="{stored.original_name}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


@router.post("/{job_id}/cancel/", response_model=BulkJobRead, status_code=202)
async def cancel_job(
    job_id: int,
    principal: Callers,
    db: SessionDep,
    storage: StorageDep,
    workflows: BulkJobWorkflowsDep,
) -> BulkJobRead:
    """Stop a queued or running job (409 once finished). Its workflow ends it cancelled a moment
    later, keeping the outcomes of the rows already done; a job no workflow runs ends at once."""
    job = await jobs.get_job(db, principal, job_id)
    jobs.ensure_cancellable(job)
    if not await workflows.cancel(job):
        job = await jobs.locked(db, job.id)
        await jobs.finish(db, storage, job, BulkJobStatus.cancelled)
    return BulkJobRead.model_validate(_read(job))
