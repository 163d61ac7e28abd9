"""Reading the activity log and the audit trail: filters, pages and CSV export."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import InstrumentedAttribute

from core.validators import check_range
from models import ActivityLog, AuditLog

ACTIVITY_COLUMNS = (
    "id", "created_at", "account_id", "user_type", "action", "method", "path", "status_code",
    "ip_address", "user_agent", "request_id",
)  # fmt: skip
AUDIT_COLUMNS = (
    "id", "created_at", "actor_id", "actor_type", "action", "entity_type", "entity_id",
    "before", "after", "reason", "ip_address", "request_id",
)  # fmt: skip


@dataclass(frozen=True)
class LogFilter:
    account_id: int | None = None
    user_type: str | None = None
    action: str | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None

    def __post_init__(self) -> None:
        check_range(self.created_from, self.created_to, "created_from", "created_to")


# Which column each equality filter reads, per log.
ACTIVITY_FILTERS: dict[str, InstrumentedAttribute[Any]] = {
    "account_id": ActivityLog.account_id,
    "user_type": ActivityLog.user_type,
    "action": ActivityLog.action,
}
AUDIT_FILTERS: dict[str, InstrumentedAttribute[Any]] = {
    "account_id": AuditLog.actor_id,
    "user_type": AuditLog.actor_type,
    "action": AuditLog.action,
    "entity_type": AuditLog.entity_type,
    "entity_id": AuditLog.entity_id,
}


def _conditions(
    f: LogFilter,
    columns: dict[str, InstrumentedAttribute[Any]],
    created_at: InstrumentedAttribute[Any],
) -> list[ColumnElement[bool]]:
    conditions = [
        column == value
        for name, column in columns.items()
        if (value := getattr(f, name)) is not None
    ]
    if f.created_from:
        conditions.append(created_at >= f.created_from)
    if f.created_to:
        conditions.append(created_at <= f.created_to)
    return conditions


def activity_query(f: LogFilter) -> Select[ActivityLog]:
    return (
        select(ActivityLog)
        .where(*_conditions(f, ACTIVITY_FILTERS, ActivityLog.created_at))
        .order_by(ActivityLog.id.desc())
    )


def audit_query(f: LogFilter) -> Select[AuditLog]:
    return (
        select(AuditLog)
        .where(*_conditions(f, AUDIT_FILTERS, AuditLog.created_at))
        .order_by(AuditLog.id.desc())
    )
