"""Events leave only with a commit: the session hooks against the real database and Redis."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.settings import Settings
from models.identity import SystemRole
from models.session import create_engine, create_sessionmaker, session_scope
from services import live, notifications
from services.live import events
from tests.factories import make_staff


@dataclass(frozen=True)
class Published:
    sessionmaker: async_sessionmaker[AsyncSession]
    publisher: live.Publisher
    pubsub: PubSub

    async def received(self, count: int) -> list[dict[str, Any]]:
        """The next `count` messages on the channel, after everything queued is published."""
        await self.publisher.close()
        messages: list[dict[str, Any]] = []
        while len(messages) < count:
            message = await self.pubsub.get_message(ignore_subscribe_messages=True, timeout=10)
            assert message is not None, f"only {len(messages)} of {count} arrived: {messages}"
            messages.append(json.loads(message["data"]))
        return messages


@pytest.fixture
async def published(settings: Settings, live_database_url: str) -> AsyncIterator[Published]:
    engine = create_engine(settings.model_copy(update={"database_url": live_database_url}))
    redis = Redis.from_url(settings.redis_url)
    channel = f"live-test-{uuid.uuid4().hex[:8]}"
    sessionmaker = create_sessionmaker(engine)
    publisher = live.Publisher(redis, channel)
    live.attach(sessionmaker, publisher)
    publisher.start()
    async with redis.pubsub() as pubsub:
        await pubsub.subscribe(channel)
        assert (await pubsub.get_message(timeout=10) or {}).get("type") == "subscribe"
        yield Published(sessionmaker, publisher, pubsub)
    await publisher.close()
    await redis.aclose()
    await engine.dispose()


def _titles(messages: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(m["type"], m["data"].get("title")) for m in messages]


async def test_only_what_commits_is_announced_in_commit_order(published: Published) -> None:
    async with published.sessionmaker() as db:
        account = await make_staff(db, SystemRole.support)

    async def notify(db: AsyncSession, title: str) -> None:
        await notifications.notify(db, [account.id], "test", title)

    with pytest.raises(LookupError):
        async with session_scope(published.sessionmaker) as db:
            await notify(db, "rolled back")
            raise LookupError
    async with session_scope(published.sessionmaker) as db:
        with pytest.raises(LookupError):
            async with db.begin_nested():
                await notify(db, "in a rolled-back savepoint")
                raise LookupError
        async with db.begin_nested():
            await notify(db, "in a released savepoint")
        # Released is not committed: another transaction's commit goes out first.
        async with session_scope(published.sessionmaker) as other:
            await notify(other, "committed meanwhile")
        await notify(db, "after the savepoints")
    async with published.sessionmaker() as db:
        await notify(db, "never committed")  # the session closes without a commit
    async with session_scope(published.sessionmaker) as db:
        assert await notifications.mark_all_read(db, account.id) == 3
        # Reading nothing new announces nothing more.
        assert await notifications.mark_all_read(db, account.id) == 0

    assert _titles(await published.received(4)) == [
        (events.NOTIFICATION_CREATED, "committed meanwhile"),
        (events.NOTIFICATION_CREATED, "in a released savepoint"),
        (events.NOTIFICATION_CREATED, "after the savepoints"),
        (events.NOTIFICATIONS_READ, None),
    ]
    assert await published.pubsub.get_message(ignore_subscribe_messages=True, timeout=0) is None


async def test_an_event_announced_twice_in_one_transaction_goes_out_once(
    published: Published,
) -> None:
    async with session_scope(published.sessionmaker) as db:
        for _ in range(3):
            live.announce(db, events.dashboard_changed("orders", ("order", 7, None)))
        live.announce(db, events.dashboard_changed("orders", ("order", 8, None)))
    messages = await published.received(2)
    assert [m["audience"]["owner"] for m in messages] == [["order", 7, None], ["order", 8, None]]
    assert await published.pubsub.get_message(ignore_subscribe_messages=True, timeout=0) is None
