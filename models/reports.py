"""Report jobs: requested by staff, produced by the report workflow, stored as files."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, IdMixin, TimestampMixin, enum_column


class ReportKind(StrEnum):
    sales = "sales"
    revenue = "revenue"
    user_growth = "user_growth"
    reseller_performance = "reseller_performance"
    custom = "custom"


class ReportFormat(StrEnum):
    csv = "csv"
    xlsx = "xlsx"
    pdf = "pdf"


class ReportStatus(StrEnum):
    queued = "queued"
    running = "running"
    completed = "completed"
    failed = "failed"
    cancelled = "cancelled"


class ReportJob(IdMixin, TimestampMixin, Base):
    __tablename__ = "report_jobs"
    __table_args__ = (
        CheckConstraint("progress_percent BETWEEN 0 AND 100", name="progress_percent_range"),
    )

    kind: Mapped[ReportKind] = mapped_column(enum_column(ReportKind), index=True)
    format: Mapped[ReportFormat] = mapped_column(enum_column(ReportFormat))
    params: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    status: Mapped[ReportStatus] = mapped_column(
        enum_column(ReportStatus), default=ReportStatus.queued, index=True
    )
    progress_percent: Mapped[int] = mapped_column(Integer, default=0)
    rows_processed: Mapped[int] = mapped_column(BigInteger, default=0)
    file_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("stored_files.id", ondelete="SET NULL"), index=True
    )
    requested_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
    error: Mapped[str] = mapped_column(Text, default="")
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
