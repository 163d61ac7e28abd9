"""Bulk jobs: a large import, ICCID batch or bulk order status change worked through by the
BulkJobWorkflow, with the outcome of every row kept as it is processed."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, TimestampMixin, enum_column


class BulkJobKind(StrEnum):
    import_rows = "import_rows"  # options: resource, dry_run
    sim_batch = "sim_batch"  # options: batch_ref, network_provider, sim_type
    order_status = "order_status"  # options: status, reason


class BulkJobStatus(StrEnum):
    queued = "queued"
    running = "running"
    completed = "completed"
    failed = "failed"
    cancelled = "cancelled"


class BulkJob(IdMixin, TimestampMixin, Base):
    __tablename__ = "bulk_jobs"

    kind: Mapped[BulkJobKind] = mapped_column(enum_column(BulkJobKind), index=True)
    status: Mapped[BulkJobStatus] = mapped_column(
        enum_column(BulkJobStatus), default=BulkJobStatus.queued, index=True
    )
    options: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    requested_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    # Rows whose outcome is recorded: the next attempt starts after them.
    processed_rows: Mapped[int] = mapped_column(Integer, default=0)
    succeeded: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    source_file_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("stored_files.id", ondelete="SET NULL"), index=True
    )
    result_file_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("stored_files.id", ondelete="SET NULL"), index=True
    )
    error: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class BulkJobRow(Base):
    """One row's outcome; the key makes a second outcome for the same row impossible."""

    __tablename__ = "bulk_job_rows"

    job_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("bulk_jobs.id", ondelete="CASCADE"), primary_key=True
    )
    row: Mapped[int] = mapped_column(Integer, primary_key=True)  # 1 = the first record
    ok: Mapped[bool] = mapped_column(Boolean)
    error: Mapped[str] = mapped_column(Text, default="")
    record_id: Mapped[int | None] = mapped_column(BigInteger)  # what the row created or moved
