"""Analytics activities: the rollups' scheduled reconciliation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from models.session import session_scope
from services.analytics import reconcile


class AnalyticsActivities:
    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self._sessionmaker = sessionmaker

    @activity.defn
    async def reconcile_rollups(self, days: int) -> dict[str, int]:
        """Recompute the last `days` days (today included) from the raw rows and fix drift;
        safe to repeat: a second run finds nothing left to fix."""
        today = datetime.now(UTC).date()
        async with session_scope(self._sessionmaker) as db:
            fixed = await reconcile.reconcile(db, today - timedelta(days=days - 1), today)
        if any(fixed.values()):
            activity.logger.warning("analytics rollups drifted", extra={"fixed": fixed})
        return fixed
