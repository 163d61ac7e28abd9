"""Report jobs: requested by staff, produced by the report workflow, stored as files; and
schedules that request a report daily or weekly and email it to a list of people."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String, Text, text
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


class ReportCadence(StrEnum):
    daily = "daily"
    weekly = "weekly"


class ReportSchedule(IdMixin, TimestampMixin, Base):
    """The database is the truth; the Temporal Schedule `report-schedule-<id>` follows it."""

    __tablename__ = "report_schedules"

    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ReportKind] = mapped_column(enum_column(ReportKind))
    format: Mapped[ReportFormat] = mapped_column(enum_column(ReportFormat))
    # Filters, dimensions and metrics; the period is set by each run from the cadence.
    params: Mapped[dict[str, Any]] = mapped_column(server_default=text("'{}'::jsonb"))
    cadence: Mapped[ReportCadence] = mapped_column(enum_column(ReportCadence))
    recipients: Mapped[list[Any]] = mapped_column(server_default=text("'[]'::jsonb"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    created_by_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("accounts.id", ondelete="SET NULL"), index=True
    )
