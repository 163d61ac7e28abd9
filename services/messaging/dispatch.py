"""Start deliveries once the rows they deliver are committed.

Services that write an outbound message (the notifier) or an outgoing webhook delivery call
`after_commit(db, kind, key)` in their own transaction. When that transaction commits
(models/after_commit.py), the session's dispatcher starts one durable delivery per row (a
Temporal workflow, see workflows/deliveries.py); when it rolls back, nothing starts, so nothing
is ever delivered that was not saved. This covers API requests and activities alike, with no
caller having to remember a step after its commit.

Sessions get a dispatcher from their sessionmaker (`install`, done by the API's lifespan and
the worker). A session without one (a script, a test's session) only writes the rows. Either
way the sweep (MessageSweep, every minute) starts whatever is still pending a minute later,
so a crash between the commit and the start loses nothing."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import QueryableAttribute, Session

from models.after_commit import defer, on_commit

logger = logging.getLogger("simdesk.messaging")

_DISPATCHER = "simdesk.dispatcher"
_CHANNEL = "deliveries"  # (kind, key) of each row to deliver
# Younger rows are still being started by the transaction that wrote them.
SWEEP_GRACE = timedelta(minutes=1)
# Older ones were given up on by an outage long past: resending them now would confuse.
SWEEP_HORIZON = timedelta(days=1)
SWEEP_BATCH = 500
Key = TypeVar("Key")


class Kind(StrEnum):
    message = "message"  # key: the outbound message's id
    webhook = "webhook"  # key: the webhook delivery's delivery id


class Dispatcher(Protocol):
    async def start(self, kind: Kind, keys: Sequence[str]) -> None: ...


class _Background:
    """Runs starts after a commit without holding up the caller; `drain` waits for them."""

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self._tasks: set[asyncio.Task[None]] = set()

    def schedule(self, pending: list[tuple[Kind, str]]) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # a synchronous caller: the sweep starts these
            return
        task = loop.create_task(self._start(pending))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _start(self, pending: list[tuple[Kind, str]]) -> None:
        for kind in Kind:
            keys = [key for k, key in pending if k is kind]
            if not keys:
                continue
            try:
                await self.dispatcher.start(kind, keys)
            except Exception:
                # Temporal unreachable: the rows are saved and the sweep starts them later.
                logger.warning("delivery start failed; the sweep will retry", exc_info=True)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)


def install(sessionmaker: async_sessionmaker[AsyncSession], dispatcher: Dispatcher) -> _Background:
    """Give every session of `sessionmaker` the dispatcher; await `.drain()` at shutdown."""
    background = _Background(dispatcher)
    # Merged: other after-commit consumers (services/live) keep their own entries.
    sessionmaker.configure(info={**sessionmaker.kw.get("info", {}), _DISPATCHER: background})
    return background


def after_commit(db: AsyncSession, kind: Kind, key: str) -> None:
    if _DISPATCHER in db.info:
        defer(db, _CHANNEL, (kind, key))


def _start_committed(session: Session, pending: list[tuple[Kind, str]]) -> None:
    background = session.info.get(_DISPATCHER)
    if isinstance(background, _Background):
        background.schedule(pending)


on_commit(_CHANNEL, _start_committed)


async def undelivered(
    db: AsyncSession,
    key: QueryableAttribute[Key],
    pending: ColumnElement[bool],
    created_at: QueryableAttribute[datetime],
    now: datetime | None = None,
) -> list[Key]:
    """The sweep's batch: keys of the rows still `pending` whose delivery should have started
    by now, oldest first."""
    now = now or datetime.now(UTC)
    keys = await db.scalars(
        select(key)
        .where(pending, created_at < now - SWEEP_GRACE, created_at > now - SWEEP_HORIZON)
        .order_by(created_at)
        .limit(SWEEP_BATCH)
    )
    return list(keys)
