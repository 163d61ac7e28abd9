"""Provider webhooks: each event is stored once by its provider id before anything acts on
it, so a replayed or duplicated delivery is acknowledged and ignored, and nothing received
is ever lost (an event that could not be acted on keeps its error for support to see)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from models import WebhookEvent


async def record_event(
    db: AsyncSession, provider: str, event_id: str, event_type: str, payload: dict[str, Any]
) -> int | None:
    """Store the event; its row id, or None when this event was received before."""
    stored: int | None = await db.scalar(
        insert(WebhookEvent)
        .values(provider=provider, event_id=event_id, event_type=event_type, payload=payload)
        .on_conflict_do_nothing(index_elements=["provider", "event_id"])
        .returning(WebhookEvent.id)
    )
    return stored


async def mark_processed(db: AsyncSession, row_id: int, error: str = "") -> None:
    await db.execute(
        update(WebhookEvent)
        .where(WebhookEvent.id == row_id)
        .values(processed_at=datetime.now(UTC), error=error)
    )
