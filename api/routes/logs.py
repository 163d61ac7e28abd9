"""/api/admin/activity-logs/ and /api/admin/audit-logs/: filtered, paginated, exportable."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse
from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from api.deps import StreamingSessionDep
from api.listing import Pagination, PaginationDep, only_params, page_of
from api.schemas import Page, ReadModel
from api.schemas.logs import ActivityLogRead, AuditLogRead
from api.security import require
from services import logs
from services.querying import counted_page, csv_rows

router = APIRouter(prefix="/api/admin", tags=["logs"], dependencies=[require("logs:read")])
Format = Literal["json", "csv"]
COMMON = ("account_id", "user_type", "action", "created_from", "created_to", "format")


async def activity_filter(
    account_id: int | None = None,
    user_type: Annotated[str | None, Query(max_length=20)] = None,
    action: Annotated[str | None, Query(max_length=100)] = None,
    created_from: datetime | None = None,
    created_to: datetime | None = None,
) -> logs.LogFilter:
    return logs.LogFilter(
        account_id=account_id, user_type=user_type, action=action,
        created_from=created_from, created_to=created_to,
    )  # fmt: skip


async def audit_filter(
    base: Annotated[logs.LogFilter, Depends(activity_filter)],
    entity_type: Annotated[str | None, Query(max_length=50)] = None,
    entity_id: Annotated[str | None, Query(max_length=64)] = None,
) -> logs.LogFilter:
    return logs.LogFilter(**{**base.__dict__, "entity_type": entity_type, "entity_id": entity_id})


async def _respond(
    db: AsyncSession,
    query: Select[Any],
    paging: Pagination,
    format: Format,
    read_model: type[ReadModel],
    export: tuple[str, Sequence[str]],
) -> Page[Any] | StreamingResponse:
    if format == "csv":
        name, columns = export
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        return StreamingResponse(
            csv_rows(db, query, columns),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}-{stamp}.csv"'},
        )
    rows, total = await counted_page(db, query, paging.offset, paging.page_size)
    items = [read_model.model_validate(r) for r in rows]
    return page_of(items, total, paging)


@router.get(
    "/activity-logs/",
    response_model=Page[ActivityLogRead],
    dependencies=[only_params(*COMMON)],
    responses={200: {"content": {"text/csv": {}}}},
)
async def activity_logs(
    db: StreamingSessionDep,
    paging: PaginationDep,
    filters: Annotated[logs.LogFilter, Depends(activity_filter)],
    format: Format = "json",
) -> Page[ActivityLogRead] | StreamingResponse:
    """Logins, logouts and changes made through the API, newest first (`format=csv` exports)."""
    query = logs.activity_query(filters)
    export = ("activity-log", logs.ACTIVITY_COLUMNS)
    return await _respond(db, query, paging, format, ActivityLogRead, export)


@router.get(
    "/audit-logs/",
    response_model=Page[AuditLogRead],
    dependencies=[only_params(*COMMON, "entity_type", "entity_id")],
    responses={200: {"content": {"text/csv": {}}}},
)
async def audit_logs(
    db: StreamingSessionDep,
    paging: PaginationDep,
    filters: Annotated[logs.LogFilter, Depends(audit_filter)],
    format: Format = "json",
) -> Page[AuditLogRead] | StreamingResponse:
    """Critical changes with their before/after values, newest first (`format=csv` exports)."""
    query = logs.audit_query(filters)
    export = ("audit-log", logs.AUDIT_COLUMNS)
    return await _respond(db, query, paging, format, AuditLogRead, export)
