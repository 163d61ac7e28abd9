"""Report jobs: requested through the API (or by a schedule), produced by the ReportGeneration
workflow, downloaded by whoever asked for them — or by staff who manage everyone's reports.

A job moves queued → running → completed | failed | cancelled; each step here checks what is
already done, so a retried activity changes nothing twice. The requester hears about the end
in-app, in the same transaction that records it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound, PermissionDenied
from core.tokens import InvalidToken, TokenType, issue, verify
from models import (
    FilePurpose,
    ReportFormat,
    ReportJob,
    ReportKind,
    ReportStatus,
    StoredFile,
)
from models.identity import AccountKind
from services import audit, notifications, settings
from services.auth.principal import Principal
from services.querying import counted_page
from services.reports import catalogue, output

MANAGE = "reports:manage"
FINISHED = (ReportStatus.completed, ReportStatus.failed, ReportStatus.cancelled)


@dataclass(frozen=True)
class JobFilter:
    status: ReportStatus | None = None
    kind: ReportKind | None = None


def title_of(job: ReportJob) -> str:
    return f"{job.kind.value.replace('_', ' ').capitalize()} report #{job.id}"


def download_path(job_id: int) -> str:
    return f"/api/reports/{job_id}/download/"


# How long a shared link works: a weekly report's recipients have until the next one.
SHARED_LINK_TTL = timedelta(days=7)


def shared_link(secret: str, base_url: str, job_id: int) -> str:
    """A link to the report's file that works without logging in, for SHARED_LINK_TTL: what a
    scheduled report's recipients get, who need not have an account."""
    token = issue(secret, subject=job_id, token_type=TokenType.report_download, ttl=SHARED_LINK_TTL)
    return f"{base_url.rstrip('/')}/api/reports/shared/{token}/"


def shared_job_id(secret: str, token: str) -> int:
    """The report a shared link names; 404 for a forged, altered or expired one."""
    try:
        return verify(secret, token, TokenType.report_download).subject
    except InvalidToken as invalid:
        expired = str(invalid) == "token expired"
        raise NotFound(
            "This report link has expired: ask for the report again."
            if expired
            else "No such report link.",
            code="link_expired" if expired else "not_found",
        ) from None


async def request(
    db: AsyncSession,
    principal: Principal,
    kind: ReportKind,
    fmt: ReportFormat,
    params: dict[str, Any],
) -> ReportJob:
    """Check and record a report request; the caller starts its workflow once committed."""
    scope = principal.reseller_id if principal.kind is not AccountKind.staff else None
    if scope is not None and catalogue.KINDS[kind].staff_only:
        raise PermissionDenied(f"{kind.value} reports are for staff only.")
    spec = catalogue.parse(
        kind,
        params,
        timezone=await settings.value_of(db, "general.timezone"),
        reseller_scope=scope,
    )
    job = await create(db, spec, fmt, principal.account_id)
    await audit.record(
        db, principal.actor(), "report.requested", "report", job.id,
        after={"kind": kind.value, "format": fmt.value, "params": job.params},
    )  # fmt: skip
    return job


async def create(
    db: AsyncSession,
    spec: catalogue.ReportSpec,
    fmt: ReportFormat,
    requested_by: int | None,
    extra: dict[str, Any] | None = None,
) -> ReportJob:
    job = ReportJob(
        kind=spec.kind,
        format=fmt,
        params={**spec.to_params(), **(extra or {})},
        requested_by_id=requested_by,
        status=ReportStatus.queued,
        progress_percent=0,
        rows_processed=0,
        error="",
    )
    db.add(job)
    await db.flush()
    return job


def _visible(principal: Principal) -> Select[Any]:
    query = select(ReportJob)
    if not principal.can(MANAGE):
        query = query.where(ReportJob.requested_by_id == principal.account_id)
    return query


async def list_jobs(
    db: AsyncSession,
    principal: Principal,
    filters: JobFilter,
    order_by: Sequence[Any],
    offset: int,
    limit: int,
) -> tuple[list[ReportJob], int]:
    query = _visible(principal)
    if filters.status is not None:
        query = query.where(ReportJob.status == filters.status)
    if filters.kind is not None:
        query = query.where(ReportJob.kind == filters.kind)
    return await counted_page(db, query.order_by(*order_by), offset, limit)


async def get_job(db: AsyncSession, principal: Principal, job_id: int) -> ReportJob:
    """A job its requester (or a manager of reports) may see; anyone else gets 404."""
    job: ReportJob | None = (
        await db.scalars(_visible(principal).where(ReportJob.id == job_id))
    ).one_or_none()
    if job is None:
        raise NotFound("No such report.")
    return job


async def downloadable(db: AsyncSession, job: ReportJob) -> StoredFile:
    if job.status is not ReportStatus.completed or job.file_id is None:
        raise Conflict(
            f"The report is {job.status.value}; only a completed report can be downloaded.",
            code="report_not_ready",
        )
    stored = await db.get(StoredFile, job.file_id)
    if stored is None:
        raise NotFound("The report's file is gone.", code="file_content_missing")
    return stored


def ensure_cancellable(job: ReportJob) -> None:
    if job.status in FINISHED:
        raise Conflict(
            f"The report is already {job.status.value}.",
            code="report_finished",
            details={"status": job.status.value},
        )


# The worker's side: each function is one step of the workflow, safe to repeat.


async def locked(db: AsyncSession, job_id: int) -> ReportJob:
    job: ReportJob | None = await db.get(ReportJob, job_id, with_for_update=True)
    if job is None:
        raise NotFound(f"report {job_id} does not exist")
    return job


async def begin(db: AsyncSession, job: ReportJob) -> None:
    if job.status is ReportStatus.queued:
        job.status = ReportStatus.running
        job.started_at = datetime.now(UTC)
        await db.flush()


async def record_progress(db: AsyncSession, job: ReportJob, percent: int, rows: int) -> None:
    if job.status is ReportStatus.running:
        job.progress_percent = max(0, min(percent, 100))
        job.rows_processed = rows
        await db.flush()


async def complete(
    db: AsyncSession,
    job: ReportJob,
    storage_key: str,
    name: str,
    size_bytes: int,
    sha256: str,
    rows: int,
) -> None:
    """Record the stored file and tell the requester it is ready."""
    if job.status is not ReportStatus.running:
        return
    stored = StoredFile(
        owner_id=job.requested_by_id,
        purpose=FilePurpose.report,
        storage_key=storage_key,
        original_name=name,
        content_type=output.CONTENT_TYPES[job.format].split(";")[0],
        size_bytes=size_bytes,
        sha256=sha256,
    )
    db.add(stored)
    await db.flush()
    job.file_id = stored.id
    job.status = ReportStatus.completed
    job.progress_percent = 100
    job.rows_processed = rows
    job.completed_at = datetime.now(UTC)
    await db.flush()
    await notifications.notify(
        db, [job.requested_by_id], "report_ready", f"{title_of(job)} is ready",
        f"{rows} rows, {job.format.value.upper()}.",
        {"report_id": job.id, "download_url": download_path(job.id)},
    )  # fmt: skip


async def fail(db: AsyncSession, job: ReportJob, error: str) -> None:
    if job.status in FINISHED:
        return
    job.status = ReportStatus.failed
    job.error = error[:2000]
    job.completed_at = datetime.now(UTC)
    await db.flush()
    await notifications.notify(
        db, [job.requested_by_id], "report_failed", f"{title_of(job)} failed", job.error,
        {"report_id": job.id},
    )  # fmt: skip


async def cancel(db: AsyncSession, job: ReportJob) -> None:
    if job.status in FINISHED:
        return
    job.status = ReportStatus.cancelled
    job.completed_at = datetime.now(UTC)
    await db.flush()
