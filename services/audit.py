"""The audit trail: critical changes recorded with before/after values, in the caller's
transaction, so a change and its audit row are committed or lost together."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from core.logging import request_id_var
from models import AuditLog

# Never copied into the audit trail, whatever the entity.
SECRET_FIELDS = frozenset({"password_hash", "totp_secret", "refresh_token_hash", "token_hash"})


@dataclass(frozen=True)
class Actor:
    """Who did it: an account, or the system/a workflow acting on its own."""

    account_id: int | None
    actor_type: str
    ip: str | None = None


SYSTEM = Actor(account_id=None, actor_type="system")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(entity: object, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _plain(getattr(entity, name)) for name in fields if name not in SECRET_FIELDS}


async def record(
    db: AsyncSession,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: object,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    reason: str = "",
) -> AuditLog:
    if before is not None and after is not None:
        # Keep only what changed: an audit row should read as the change itself.
        changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
        before = {k: v for k, v in before.items() if k in changed}
        after = {k: v for k, v in after.items() if k in changed}
    entry = AuditLog(
        actor_id=actor.account_id,
        actor_type=actor.actor_type,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        before=before,
        after=after,
        reason=reason,
        ip_address=actor.ip,
        request_id=request_id_var.get() or "",
    )
    db.add(entry)
    await db.flush()
    return entry
