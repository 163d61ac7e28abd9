from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, EmailStr, Field

from api.schemas import ReadModel, WriteModel
from models import ReportFormat, ReportKind, ReportStatus
from models.reports import ReportCadence

FilterValues = Annotated[
    dict[str, Any],
    Field(
        description="Filter name to value, from GET /api/reports/options/",
        examples=[{"status": "activated", "reseller_id": 12}],
        max_length=20,
    ),
]
Names = Annotated[list[Annotated[str, Field(max_length=50)]], Field(max_length=20)]


class ReportCreate(WriteModel):
    kind: ReportKind
    format: ReportFormat
    date_from: date
    date_to: date = Field(description="Inclusive; at most 5 years after date_from")
    filters: FilterValues = Field(default_factory=dict)
    dimensions: Names = Field(default_factory=list, description="Custom reports only")
    metrics: Names = Field(default_factory=list, description="Custom reports only")


class ReportRead(ReadModel):
    id: int
    kind: ReportKind
    format: ReportFormat
    status: ReportStatus
    params: dict[str, Any]
    progress_percent: int
    rows_processed: int
    error: str
    requested_by_id: int | None
    download_url: str | None = None
    created_at: datetime
    started_at: datetime | None
    completed_at: datetime | None


class ReportDetail(ReportRead):
    workflow_id: str
    progress_from: Literal["workflow", "record"] = Field(
        description="Whether status and progress come from the running workflow or the record"
    )


class Option(BaseModel):
    name: str
    label: str
    type: str
    choices: list[str]


class KindOption(BaseModel):
    kind: ReportKind
    label: str
    filters: list[str]


class ReportOptions(BaseModel):
    kinds: list[KindOption]
    dimensions: list[Option]
    metrics: list[Option]
    filters: list[Option]
    formats: list[ReportFormat]
    max_range_days: int
    max_dimensions: int


class ScheduleParams(WriteModel):
    filters: FilterValues = Field(default_factory=dict)
    dimensions: Names = Field(default_factory=list)
    metrics: Names = Field(default_factory=list)


Recipients = Annotated[list[EmailStr], Field(min_length=1, max_length=50)]
Name = Annotated[str, Field(min_length=1, max_length=200)]


class ScheduleCreate(WriteModel):
    name: Name
    kind: ReportKind
    format: ReportFormat
    cadence: ReportCadence
    params: ScheduleParams = Field(default_factory=ScheduleParams)
    recipients: Recipients
    active: bool = True


class ScheduleUpdate(WriteModel):
    name: Name | None = None
    format: ReportFormat | None = None
    cadence: ReportCadence | None = None
    params: ScheduleParams | None = None
    recipients: Recipients | None = None
    active: bool | None = None


class ScheduleRead(ReadModel):
    id: int
    name: str
    kind: ReportKind
    format: ReportFormat
    cadence: ReportCadence
    params: dict[str, Any]
    recipients: list[str]
    active: bool
    created_by_id: int | None
    created_at: datetime
    updated_at: datetime
    temporal_schedule_id: str = ""
