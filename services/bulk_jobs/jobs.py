"""Bulk jobs' lifecycle: recorded by the API with their source file, worked through by the
BulkJobWorkflow, finished with a file of every row's outcome.

A job moves queued → running → completed | failed | cancelled; each step here checks what is
already done, so a retried activity changes nothing twice. Whoever may run the underlying
operation (an import of that resource, an ICCID batch, a bulk order change) sees their own jobs
of that kind; staff who may run it see everyone's, to follow or stop them."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import Conflict, NotFound
from integrations.storage import Storage
from models import (
    BulkJob,
    BulkJobKind,
    BulkJobRow,
    BulkJobStatus,
    FilePurpose,
    StoredFile,
)
from models.identity import AccountKind
from services import audit, importers, notifications, tabular
from services.auth.principal import Principal
from services.querying import counted_page

# Up to this many rows a request is answered inline, all or nothing, as it always was; more
# (or `background=true`) become a job. Order changes signal a workflow each, so fewer of them
# fit in a request: their limit is the bulk endpoint's old maximum.
INLINE_ROWS = 2_000
INLINE_ORDERS = 500
MAX_ORDERS = 10_000
FINISHED = (BulkJobStatus.completed, BulkJobStatus.failed, BulkJobStatus.cancelled)
PERMISSIONS: dict[BulkJobKind, str] = {
    BulkJobKind.import_rows: importers.IMPORT_PERMISSION,
    BulkJobKind.sim_batch: "inventory:write",
    BulkJobKind.order_status: "orders:bulk",
}
# Kept on the job to act as its requester did, never shown: an API key's narrower scopes.
PRIVATE_OPTIONS = ("scopes",)
RESULT_COLUMNS = ("row", "ok", "error", "id")
WORKFLOW = audit.Actor(account_id=None, actor_type="workflow")


@dataclass(frozen=True)
class JobFilter:
    status: BulkJobStatus | None = None
    kind: BulkJobKind | None = None


def title_of(job: BulkJob) -> str:
    options = job.options
    if job.kind is BulkJobKind.import_rows:
        what = f"Import of {options['resource']}" + (" (dry run)" if options["dry_run"] else "")
    elif job.kind is BulkJobKind.sim_batch:
        what = f"SIM batch {options['batch_ref']}"
    else:
        what = f"Orders to {options['status']}"
    return f"{what} #{job.id}"


def public_options(job: BulkJob) -> dict[str, Any]:
    return {k: v for k, v in job.options.items() if k not in PRIVATE_OPTIONS}


def result_path(job_id: int) -> str:
    return f"/api/jobs/{job_id}/result/"


async def create(
    db: AsyncSession,
    storage: Storage,
    principal: Principal,
    kind: BulkJobKind,
    options: dict[str, Any],
    total: int,
    source: tuple[str, str, bytes],
) -> BulkJob:
    """Record a job and keep its source (name, content type, bytes); the caller starts its
    workflow once committed."""
    name, content_type, data = source
    stored = StoredFile(
        owner_id=principal.account_id,
        purpose=FilePurpose.import_file,
        storage_key=await storage.put(data),
        original_name=name[:255],
        content_type=content_type,
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    db.add(stored)
    await db.flush()
    if principal.api_key_id is not None:
        options = {**options, "scopes": sorted(principal.permissions)}
    job = BulkJob(
        kind=kind,
        status=BulkJobStatus.queued,
        options=options,
        requested_by_id=principal.account_id,
        total_rows=total,
        processed_rows=0,
        succeeded=0,
        failed=0,
        source_file_id=stored.id,
        error="",
    )
    db.add(job)
    await db.flush()
    await audit.record(
        db, principal.actor(), "bulk_job.requested", "bulk_job", job.id,
        after={"kind": kind.value, "rows": total, **public_options(job)},
    )  # fmt: skip
    return job


def _allowed(principal: Principal) -> ColumnElement[bool]:
    kinds: list[ColumnElement[bool]] = []
    # As with require(): whoever still owes a new password or a 2FA enrolment gets no access
    # by permission (the jobs routes are open to any login, so this is checked here).
    if principal.must_change_password or principal.must_enrol_two_factor:
        return false()
    for kind, permission in PERMISSIONS.items():
        if not principal.can(permission):
            continue
        if kind is BulkJobKind.import_rows:
            resources = [
                r.value for r in importers.ImportResource if importers.may_import(principal, r)
            ]
            kinds.append(
                and_(BulkJob.kind == kind, BulkJob.options["resource"].astext.in_(resources))
            )
        else:
            kinds.append(BulkJob.kind == kind)
    return or_(false(), *kinds)


def _visible(principal: Principal) -> Select[BulkJob]:
    query = select(BulkJob).where(_allowed(principal))
    if principal.kind is not AccountKind.staff:
        query = query.where(BulkJob.requested_by_id == principal.account_id)
    return query


async def list_jobs(
    db: AsyncSession,
    principal: Principal,
    filters: JobFilter,
    order_by: Sequence[Any],
    offset: int,
    limit: int,
) -> tuple[list[BulkJob], int]:
    query = _visible(principal)
    if filters.status is not None:
        query = query.where(BulkJob.status == filters.status)
    if filters.kind is not None:
        query = query.where(BulkJob.kind == filters.kind)
    return await counted_page(db, query.order_by(*order_by), offset, limit)


async def get_job(db: AsyncSession, principal: Principal, job_id: int) -> BulkJob:
    """A job the principal may see; anyone else gets 404, as if it did not exist."""
    job = (await db.scalars(_visible(principal).where(BulkJob.id == job_id))).one_or_none()
    if job is None:
        raise NotFound("No such job.")
    return job


def ensure_cancellable(job: BulkJob) -> None:
    if job.status in FINISHED:
        raise Conflict(
            f"The job is already {job.status.value}.",
            code="job_finished",
            details={"status": job.status.value},
        )


async def result_file(db: AsyncSession, job: BulkJob) -> StoredFile:
    if job.status not in FINISHED or job.result_file_id is None:
        raise Conflict(
            f"The job is {job.status.value}; its results are ready once it has finished.",
            code="job_not_finished",
        )
    stored = await db.get(StoredFile, job.result_file_id)
    if stored is None:
        raise NotFound("The job's result file is gone.", code="file_content_missing")
    return stored


async def source_bytes(db: AsyncSession, storage: Storage, job: BulkJob) -> bytes:
    stored = await db.get(StoredFile, job.source_file_id) if job.source_file_id else None
    if stored is None:
        raise NotFound("The job's source file is gone.", code="file_content_missing")
    return b"".join([chunk async for chunk in await storage.open(stored.storage_key)])


# The worker's side: each function is one step of the workflow, safe to repeat.


async def locked(db: AsyncSession, job_id: int) -> BulkJob:
    job: BulkJob | None = await db.get(
        BulkJob, job_id, with_for_update=True, populate_existing=True
    )
    if job is None:
        raise NotFound(f"bulk job {job_id} does not exist")
    return job


async def begin(db: AsyncSession, job: BulkJob) -> None:
    if job.status is BulkJobStatus.queued:
        job.status = BulkJobStatus.running
        job.started_at = datetime.now(UTC)
        await db.flush()


async def finish(
    db: AsyncSession, storage: Storage, job: BulkJob, status: BulkJobStatus, error: str = ""
) -> None:
    """End the job with the file of the outcomes recorded so far (all of them, once
    completed), and tell the requester unless they stopped it."""
    if job.status in FINISHED:
        return
    job.result_file_id = (await _store_results(db, storage, job)).id
    job.status = status
    job.error = error[:2000]
    job.finished_at = datetime.now(UTC)
    await db.flush()
    await audit.record(
        db, WORKFLOW, f"bulk_job.{status.value}", "bulk_job", job.id,
        after={"processed": job.processed_rows, "succeeded": job.succeeded, "failed": job.failed},
        reason=job.error,
    )  # fmt: skip
    if status is BulkJobStatus.cancelled:
        return
    outcome = f"{job.succeeded} of {job.total_rows} rows succeeded, {job.failed} failed."
    await notifications.notify(
        db, [job.requested_by_id], f"bulk_job_{status.value}",
        f"{title_of(job)} {status.value}", f"{outcome} {job.error}".strip(),
        {"job_id": job.id, "result_url": result_path(job.id)},
    )  # fmt: skip


async def _store_results(db: AsyncSession, storage: Storage, job: BulkJob) -> StoredFile:
    rows = await db.execute(
        select(BulkJobRow.row, BulkJobRow.ok, BulkJobRow.error, BulkJobRow.record_id)
        .where(BulkJobRow.job_id == job.id)
        .order_by(BulkJobRow.row)
    )

    async def lines() -> AsyncIterator[Sequence[Any]]:
        for row in rows:
            yield tuple(row)

    fmt = tabular.TabularFormat.csv
    data = b"".join([chunk async for chunk in tabular.encode(RESULT_COLUMNS, lines(), fmt)])
    stored = StoredFile(
        owner_id=job.requested_by_id,
        purpose=FilePurpose.report,
        storage_key=await storage.put(data),
        original_name=f"job-{job.id}-results.csv",
        content_type=tabular.MEDIA_TYPES[fmt].split(";")[0],
        size_bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    db.add(stored)
    await db.flush()
    return stored
