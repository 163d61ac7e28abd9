"""Live events leave the process only after the transaction that caused them commits.

A service calls `announce(db, event)`: the event waits for the commit (models/after_commit.py),
which hands everything waiting to the `Publisher`; a rolled-back savepoint drops what was
announced inside it (a bulk action's failed item announces nothing). So a rolled-back change
never announces anything, and a committed one is announced once.

Sessions find their publisher in `info`, put there by `attach(sessionmaker, publisher)`: the API
and the worker attach theirs at start, so requests and activities behave the same. A session
without one (tests' sessions, scripts) announces nothing.

Delivery is at most once: a process that dies between commit and publish loses the event.
Live updates are hints; clients refetch what they show when they (re)connect."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from models import after_commit
from services.live.events import Event

logger = logging.getLogger("simdesk.live")

PUBLISHER = "live_publisher"
_CHANNEL = "live"  # serialized events, in the order announced


class Publisher:
    """Publishes committed events to Redis from one task, so they leave in commit order. The
    commit hook is synchronous and must not wait: it only queues. A full queue (Redis down for
    long) drops events rather than growing without bound."""

    def __init__(self, redis: Redis, channel: str, max_pending: int = 10_000) -> None:
        self._redis = redis
        self._channel = channel
        self._queue: asyncio.Queue[list[str]] = asyncio.Queue(maxsize=max_pending)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="live-publisher")

    def submit(self, messages: list[str]) -> None:
        try:
            self._queue.put_nowait(messages)
        except asyncio.QueueFull:
            logger.warning(
                "live events dropped: publish queue full", extra={"count": len(messages)}
            )

    async def close(self) -> None:
        """Publish what is already queued, then stop."""
        if self._task is None:
            return
        await self._queue.join()
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    async def _run(self) -> None:
        while True:
            messages = await self._queue.get()
            try:
                async with self._redis.pipeline(transaction=False) as pipe:
                    for message in messages:
                        pipe.publish(self._channel, message)
                    await pipe.execute()
            except Exception:
                logger.exception("live events lost: publishing to Redis failed")
            finally:
                self._queue.task_done()


def attach(sessionmaker: async_sessionmaker[AsyncSession], publisher: Publisher) -> None:
    """Sessions from `sessionmaker` publish their committed events through `publisher`."""
    info = {**sessionmaker.kw.get("info", {}), PUBLISHER: publisher}
    sessionmaker.configure(info=info)


def announce(db: AsyncSession, *events: Event) -> None:
    """Queue events to publish when `db`'s transaction commits. An event already waiting (the
    dashboard nudge of each order in a bulk action) is queued once."""
    if PUBLISHER not in db.info:
        return
    for item in events:
        after_commit.defer(db, _CHANNEL, json.dumps(item.to_wire(), separators=(",", ":")))


def _publish_committed(session: Session, messages: list[str]) -> None:
    publisher: Publisher | None = session.info.get(PUBLISHER)
    if publisher is not None:
        publisher.submit(messages)


after_commit.on_commit(_CHANNEL, _publish_committed)
