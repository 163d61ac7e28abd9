"""In-app notifications: the bell in the panel and the app. Other services call `notify` in
their own transaction, so a notification exists exactly when the change it announces does."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.errors import NotFound
from models import Notification
from services import live
from services.live import events


async def notify(
    db: AsyncSession,
    recipient_ids: Iterable[int | None],
    category: str,
    title: str,
    body: str = "",
    data: dict[str, Any] | None = None,
) -> list[Notification]:
    """One row per distinct recipient (accounts ids; None entries are skipped, so callers can
    pass an optional account straight through)."""
    recipients = list(dict.fromkeys(r for r in recipient_ids if r is not None))
    rows = [
        Notification(
            recipient_id=recipient,
            category=category,
            title=title[:200],
            body=body,
            data=dict(data or {}),
        )
        for recipient in recipients
    ]
    if rows:
        db.add_all(rows)
        await db.flush()
        live.announce(db, *(events.notification_created(row) for row in rows))
    return rows


def _mine(account_id: int, unread: bool | None) -> Select[Any]:
    query = select(Notification).where(Notification.recipient_id == account_id)
    if unread is True:
        query = query.where(Notification.read_at.is_(None))
    elif unread is False:
        query = query.where(Notification.read_at.is_not(None))
    return query


async def list_for(
    db: AsyncSession,
    account_id: int,
    unread: bool | None,
    order_by: list[Any],
    offset: int,
    limit: int,
) -> tuple[list[Notification], int]:
    query = _mine(account_id, unread)
    total = await db.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await db.scalars(query.order_by(*order_by).offset(offset).limit(limit))
    return list(rows), total


async def unread_count(db: AsyncSession, account_id: int) -> int:
    query = _mine(account_id, unread=True)
    return await db.scalar(select(func.count()).select_from(query.subquery())) or 0


async def mark_read(db: AsyncSession, account_id: int, notification_id: int) -> Notification:
    """Idempotent: reading a notification twice keeps the first read time."""
    notification: Notification | None = (
        await db.scalars(_mine(account_id, unread=None).where(Notification.id == notification_id))
    ).one_or_none()
    if notification is None:
        raise NotFound("No such notification.")
    if notification.read_at is None:
        notification.read_at = datetime.now(UTC)
        await db.flush()
        live.announce(db, events.notifications_read(account_id))
    return notification


async def mark_all_read(db: AsyncSession, account_id: int) -> int:
    marked = await db.scalars(
        update(Notification)
        .where(Notification.recipient_id == account_id, Notification.read_at.is_(None))
        .values(read_at=datetime.now(UTC))
        .returning(Notification.id)
    )
    count = len(marked.all())
    if count:
        live.announce(db, events.notifications_read(account_id))
    return count
