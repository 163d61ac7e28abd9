"""Working through a bulk job a chunk at a time.

A chunk is one transaction: the job row locked, each of its rows tried in a savepoint of its
own (a refused row leaves nothing behind), then every row's outcome and the job's counters
written beside what the rows created. Either all of that commits or none of it, so an attempt
that dies mid-chunk leaves the job exactly where the last chunk left it, and the next attempt
starts at the first row without an outcome: nothing is ever done twice. The lock keeps two
attempts (a worker presumed dead that is not) from working the same rows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlalchemy import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import AppError, Conflict, readable
from models import BulkJob, BulkJobRow, BulkJobStatus
from services.bulk_jobs import jobs

# Rows a chunk does in one transaction: the steps progress moves in, and the most an
# interrupted attempt loses (rolled back, to be done again by the next).
CHUNK_ROWS = 250


@dataclass(frozen=True)
class RowOutcome:
    ok: bool
    error: str = ""
    record_id: int | None = None  # what the row created or changed


# Does row `index` (0 = the first) in the session given; raises AppError to refuse it.
Handle = Callable[[AsyncSession, int], Awaitable[RowOutcome]]


@dataclass(frozen=True)
class Work:
    total: int
    handle: Handle
    dry_run: bool = False  # every row tried, none kept


@dataclass(frozen=True)
class Tally:
    total: int
    processed: int
    succeeded: int
    failed: int

    @property
    def done(self) -> bool:
        return self.processed >= self.total

    @property
    def percent(self) -> int:
        return self.processed * 100 // self.total if self.total else 100


def tally_of(job: BulkJob) -> Tally:
    return Tally(job.total_rows, job.processed_rows, job.succeeded, job.failed)


async def process_chunk(
    db: AsyncSession, job_id: int, work: Work, size: int, beat: Callable[[], None]
) -> Tally:
    """The next `size` rows without an outcome, done and recorded; `beat` after each row, so a
    slow chunk still shows its worker alive."""
    job = await jobs.locked(db, job_id)
    if job.status is not BulkJobStatus.running:
        raise Conflict(f"The job is {job.status.value}; its rows are no longer worked on.")
    if work.total != job.total_rows:
        raise Conflict(f"The job's source holds {work.total} rows, not {job.total_rows}.")
    start, end = job.processed_rows, min(job.processed_rows + size, job.total_rows)
    outcomes = []
    for index in range(start, end):
        outcomes.append(await _try_row(db, work, index))
        beat()
    if outcomes:
        await db.execute(
            insert(BulkJobRow),
            [
                {"job_id": job_id, "row": start + offset + 1, "ok": o.ok, "error": o.error,
                 "record_id": o.record_id}
                for offset, o in enumerate(outcomes)
            ],
        )  # fmt: skip
    job.processed_rows = end
    job.succeeded += sum(o.ok for o in outcomes)
    job.failed += sum(not o.ok for o in outcomes)
    await db.flush()
    return tally_of(job)


async def _try_row(db: AsyncSession, work: Work, index: int) -> RowOutcome:
    savepoint = await db.begin_nested()
    try:
        outcome = await work.handle(db, index)
    except AppError as refused:
        outcome = RowOutcome(ok=False, error=readable(refused))
    except DBAPIError as error:
        # A write the services' checks did not foresee, such as a concurrent insert.
        outcome = RowOutcome(ok=False, error=f"The database refused the row: {error.orig}")
    if outcome.ok and not work.dry_run:
        await savepoint.commit()
        return outcome
    await savepoint.rollback()
    # A dry run's ids were those of rows rolled back: there is nothing to point at.
    return RowOutcome(outcome.ok, outcome.error) if work.dry_run else outcome
