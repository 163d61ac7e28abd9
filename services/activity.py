"""The activity log: one row per login, logout and mutating request.

Requests only append to an in-memory buffer; a background task writes the buffer in one
INSERT per batch, so logging never adds a database round trip to a request. A bounded buffer
drops (and counts) entries rather than grow without limit if the database is down."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, suppress
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from models import ActivityLog

logger = logging.getLogger("simdesk.activity")
SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]


class ActivityRecorder:
    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        flush_seconds: float = 1.0,
        max_buffer: int = 10_000,
    ) -> None:
        self.session_factory = session_factory
        self._flush_seconds = flush_seconds
        self._max_buffer = max_buffer
        self._buffer: list[dict[str, Any]] = []
        self._task: asyncio.Task[None] | None = None
        self.dropped = 0

    def record(self, entry: dict[str, Any]) -> None:
        if len(self._buffer) >= self._max_buffer:
            self.dropped += 1
            return
        self._buffer.append(entry)

    async def flush(self) -> int:
        batch, self._buffer = self._buffer, []
        if not batch:
            return 0
        try:
            async with self.session_factory() as session:
                await session.execute(insert(ActivityLog), batch)
        except Exception:
            logger.exception("activity log write failed", extra={"entries": len(batch)})
            self.dropped += len(batch)
            return 0
        return len(batch)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="activity-recorder")

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self._flush_seconds)
            await self.flush()

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
        await self.flush()
