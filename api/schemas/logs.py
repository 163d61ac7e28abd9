from __future__ import annotations

from datetime import datetime
from ipaddress import IPv4Address, IPv6Address
from typing import Any

from api.schemas import ReadModel


class ActivityLogRead(ReadModel):
    id: int
    created_at: datetime
    account_id: int | None
    user_type: str
    action: str
    method: str
    path: str
    status_code: int | None
    ip_address: IPv4Address | IPv6Address | None
    user_agent: str
    request_id: str


class AuditLogRead(ReadModel):
    id: int
    created_at: datetime
    actor_id: int | None
    actor_type: str
    action: str
    entity_type: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str
    ip_address: IPv4Address | IPv6Address | None
    request_id: str
