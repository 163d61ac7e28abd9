from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from api.schemas import ReadModel
from models import BulkJobKind, BulkJobStatus


class BulkJobRead(ReadModel):
    id: int
    kind: BulkJobKind
    status: BulkJobStatus
    options: dict[str, Any] = Field(
        description="import_rows: resource, dry_run; sim_batch: batch_ref, network_provider, "
        "sim_type; order_status: status, reason"
    )
    total_rows: int
    processed_rows: int = Field(description="Rows whose outcome is recorded")
    succeeded: int
    failed: int
    progress_percent: int
    error: str = Field(description="Why a failed job stopped")
    requested_by_id: int | None
    url: str = Field(description="Where to follow the job")
    result_url: str | None = Field(
        description="The CSV of every row's outcome (row, ok, error, id), once finished"
    )
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class BulkJobDetail(BulkJobRead):
    workflow_id: str
    progress_from: Literal["workflow", "record"] = Field(
        description="Whether status and progress come from the running workflow or the record"
    )
