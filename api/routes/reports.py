"""/api/reports/: request reports (produced by the ReportGeneration workflow), follow their
progress, download and cancel them; the custom builder's options; scheduled reports."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from fastapi.responses import StreamingResponse
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import (
    ReportSchedulesDep,
    ReportWorkflowsDep,
    SessionDep,
    SettingsDep,
    StorageDep,
)
from api.listing import PaginationDep, only_params, ordering, page_of
from api.schemas import Page
from api.schemas.reports import (
    ReportCreate,
    ReportDetail,
    ReportOptions,
    ReportRead,
    ScheduleCreate,
    ScheduleRead,
    ScheduleUpdate,
)
from api.security import PUBLIC, require
from core.errors import NotFound
from integrations.storage import Storage
from models import ReportFormat, ReportJob, ReportKind, ReportStatus
from models.reports import ReportSchedule
from services import files
from services.auth.principal import Principal
from services.reports import catalogue, jobs, schedules
from workflows.report_control import ReportSchedules
from workflows.reports import report_id

logger = logging.getLogger("simdesk.reports")
router = APIRouter(prefix="/api/reports", tags=["reports"])
Readers = Annotated[Principal, require("reports:read")]
Creators = Annotated[Principal, require("reports:create")]
Managers = Annotated[Principal, require("reports:manage")]
OrderBy = Annotated[
    list[Any],
    ordering(
        {"created_at": ReportJob.created_at, "status": ReportJob.status},
        default="-created_at",
        tiebreaker=ReportJob.id,
    ),
]
ScheduleOrder = Annotated[
    list[Any],
    ordering(
        {"created_at": ReportSchedule.created_at, "name": ReportSchedule.name},
        default="-created_at",
        tiebreaker=ReportSchedule.id,
    ),
]


def _ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def _read(job: ReportJob) -> dict[str, Any]:
    fields = {name: getattr(job, name) for name in ReportRead.model_fields if hasattr(job, name)}
    completed = job.status is ReportStatus.completed and job.file_id is not None
    return {**fields, "download_url": jobs.download_path(job.id) if completed else None}


@router.get("/options/", response_model=ReportOptions)
async def report_options(_: Readers) -> ReportOptions:
    """What reports can be asked for: kinds with their filters, and the custom builder's
    dimensions, metrics and filters with their types (enum filters list their choices)."""
    return ReportOptions.model_validate({**catalogue.options(), "formats": list(ReportFormat)})


@router.post("/", response_model=ReportRead, status_code=202)
async def request_report(
    body: ReportCreate,
    principal: Creators,
    db: SessionDep,
    workflows: ReportWorkflowsDep,
) -> ReportRead:
    """Record the request and start its workflow (`report-<id>`); follow it at
    `GET /api/reports/{id}/`. A reseller's reports cover its own rows only."""
    params = body.model_dump(include={"date_from", "date_to", "filters", "dimensions", "metrics"})
    job = await jobs.request(db, principal, body.kind, body.format, params)
    # Committed before the workflow starts, so its first step finds the job.
    await db.commit()
    try:
        await workflows.start(job)
    except Exception:
        logger.exception("report workflow start failed", extra={"job": job.id})
    return ReportRead.model_validate(_read(job))


@router.get("/", response_model=Page[ReportRead], dependencies=[only_params("status", "kind")])
async def list_reports(
    principal: Readers,
    db: SessionDep,
    paging: PaginationDep,
    order_by: OrderBy,
    status: ReportStatus | None = None,
    kind: ReportKind | None = None,
) -> Page[ReportRead]:
    """One's own reports; everyone's with `reports:manage`."""
    rows, total = await jobs.list_jobs(
        db, principal, jobs.JobFilter(status, kind), order_by, paging.offset, paging.page_size
    )
    return page_of([ReportRead.model_validate(_read(j)) for j in rows], total, paging)


@router.get("/schedules/", response_model=Page[ScheduleRead])
async def list_schedules(
    _: Managers, db: SessionDep, paging: PaginationDep, order_by: ScheduleOrder
) -> Page[ScheduleRead]:
    rows, total = await schedules.list_schedules(db, order_by, paging.offset, paging.page_size)
    return page_of([ScheduleRead.model_validate(r) for r in rows], total, paging)


def _schedule_read(row: ReportSchedule, temporal: ReportSchedules) -> ScheduleRead:
    read = ScheduleRead.model_validate(row)
    read.temporal_schedule_id = temporal.schedule_id(row.id)
    return read


@router.post("/schedules/", response_model=ScheduleRead, status_code=201)
async def create_schedule(
    body: ScheduleCreate,
    principal: Managers,
    db: SessionDep,
    request: Request,
    temporal: ReportSchedulesDep,
) -> ScheduleRead:
    """Email a report daily (yesterday) or weekly (the last 7 days, on Mondays) at 06:00 UTC.
    The Temporal Schedule `report-schedule-<id>` is created with the row."""
    row = await schedules.create(
        db,
        principal.actor(_ip(request)),
        name=body.name,
        kind=body.kind,
        fmt=body.format,
        cadence=body.cadence,
        params=body.params.model_dump(),
        recipients=[str(r) for r in body.recipients],
        active=body.active,
    )
    # Temporal first, commit after: if Temporal refuses, the row is rolled back with it.
    await temporal.save(row)
    return _schedule_read(row, temporal)


@router.get("/schedules/{schedule_id}/", response_model=ScheduleRead)
async def read_schedule(
    schedule_id: int, _: Managers, db: SessionDep, temporal: ReportSchedulesDep
) -> ScheduleRead:
    return _schedule_read(await schedules.get(db, schedule_id), temporal)


@router.patch("/schedules/{schedule_id}/", response_model=ScheduleRead)
async def update_schedule(
    schedule_id: int,
    body: ScheduleUpdate,
    principal: Managers,
    db: SessionDep,
    request: Request,
    temporal: ReportSchedulesDep,
) -> ScheduleRead:
    """Change a schedule; `active: false` pauses it, `true` resumes it."""
    row = await schedules.get(db, schedule_id, lock=True)
    changes = body.model_dump(exclude_unset=True)
    if "params" in changes:
        changes["params"] = body.params.model_dump() if body.params else {}
    if "recipients" in changes and body.recipients is not None:
        changes["recipients"] = [str(r) for r in body.recipients]
    await schedules.update(db, principal.actor(_ip(request)), row, changes)
    await temporal.save(row)
    return _schedule_read(row, temporal)


@router.delete("/schedules/{schedule_id}/", status_code=204)
async def delete_schedule(
    schedule_id: int,
    principal: Managers,
    db: SessionDep,
    request: Request,
    temporal: ReportSchedulesDep,
) -> Response:
    row = await schedules.get(db, schedule_id, lock=True)
    await schedules.delete(db, principal.actor(_ip(request)), row)
    await temporal.delete(schedule_id)
    return Response(status_code=204)


@router.get("/{job_id}/", response_model=ReportDetail)
async def read_report(
    job_id: int, principal: Readers, db: SessionDep, workflows: ReportWorkflowsDep
) -> ReportDetail:
    """Status and progress: from the workflow's `progress` query while the report is being
    made, from the record once it has finished."""
    job = await jobs.get_job(db, principal, job_id)
    fields = {**_read(job), "workflow_id": report_id(job.id), "progress_from": "record"}
    if job.status not in jobs.FINISHED:
        progress = await workflows.progress(job)
        if progress is not None and progress.status in ("queued", "running"):
            fields.update(
                status=progress.status,
                progress_percent=progress.percent,
                rows_processed=progress.rows,
                progress_from="workflow",
            )
    return ReportDetail.model_validate(fields)


@router.get(
    "/{job_id}/download/",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}, "application/pdf": {}}}},
)
async def download_report(
    job_id: int, principal: Readers, db: SessionDep, storage: StorageDep
) -> StreamingResponse:
    """The finished file, for whoever requested it (or a manager of reports); 409 until the
    report is completed."""
    job = await jobs.get_job(db, principal, job_id)
    return await _file(db, storage, job)


@router.get(
    "/shared/{token}/",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/csv": {}, "application/pdf": {}}}},
    openapi_extra=PUBLIC,
)
async def download_shared_report(
    token: Annotated[str, Path(max_length=2_000)],
    db: SessionDep,
    storage: StorageDep,
    settings: SettingsDep,
) -> StreamingResponse:
    """A scheduled report's file by the signed link its recipients were emailed, without
    logging in; 404 once the link has expired (`link_expired`) or if it was altered."""
    job_id = jobs.shared_job_id(settings.jwt_secret.get_secret_value(), token)
    job = await db.get(ReportJob, job_id)
    if job is None:
        raise NotFound("No such report link.")
    return await _file(db, storage, job)


async def _file(db: AsyncSession, storage: Storage, job: ReportJob) -> StreamingResponse:
    stored = await jobs.downloadable(db, job)
    chunks = await files.content(storage, stored)
    return StreamingResponse(
        chunks,
        media_type=stored.content_type,
        headers={
            "Content-Length": str(stored.size_bytes),
            "Content-Disposition": f'attachment; filename="{stored.original_name}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=3600",
        },
    )


@router.post("/{job_id}/cancel/", response_model=ReportRead, status_code=202)
async def cancel_report(
    job_id: int, principal: Creators, db: SessionDep, workflows: ReportWorkflowsDep
) -> ReportRead:
    """Stop a queued or running report (409 once finished). Its workflow marks it cancelled a
    moment later; a report no workflow runs is cancelled at once."""
    job = await jobs.get_job(db, principal, job_id)
    jobs.ensure_cancellable(job)
    if not await workflows.cancel(job):
        await jobs.cancel(db, job)
    return ReportRead.model_validate(_read(job))
