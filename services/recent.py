"""Each person's recently viewed orders, resellers and users, kept in Redis for the dashboard."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import PublicUser, Reseller, SimOrder
from services.auth.principal import Principal
from services.tenancy import scope

log = logging.getLogger(__name__)

RECENT_LIMIT = 10
RECENT_TTL = timedelta(days=30)
# What can be remembered, and the column that names it in the list.
LABELS: dict[str, tuple[type[Any], Any]] = {
    "order": (SimOrder, SimOrder.order_number),
    "reseller": (Reseller, Reseller.business_name),
    "user": (PublicUser, PublicUser.full_name),
}


@dataclass(frozen=True)
class Viewed:
    kind: str
    item_id: int
    viewed_at: float  # seconds since the epoch


class RecentlyViewed:
    """The last few orders, resellers and users a person opened: a sorted set per account
    (score: when), so reopening an item moves it to the top instead of repeating it."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    @staticmethod
    def _key(account_id: int) -> str:
        return f"recently-viewed:{account_id}"

    async def remember(self, account_id: int, kind: str, item_id: int) -> None:
        key = self._key(account_id)
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.zadd(key, {f"{kind}:{item_id}": time.time()})
                pipe.zremrangebyrank(key, 0, -(RECENT_LIMIT + 1))
                pipe.expire(key, RECENT_TTL)
                await pipe.execute()
        except RedisError:
            log.warning("could not remember a viewed item", exc_info=True)

    async def items(self, account_id: int) -> list[Viewed]:
        entries = await self._redis.zrevrange(self._key(account_id), 0, -1, withscores=True)
        found = []
        for member, score in entries:  # type: ignore[str-unpack]  # withscores: pairs
            name = member.decode() if isinstance(member, bytes) else str(member)
            kind, _, item_id = name.partition(":")
            found.append(Viewed(kind, int(item_id), float(score)))
        return found


async def labels_of(
    db: AsyncSession, principal: Principal, items: Sequence[tuple[str, int]]
) -> dict[tuple[str, int], str]:
    """Names of the items the principal may still see (tenancy applies as in every list)."""
    found: dict[tuple[str, int], str] = {}
    for kind, (model, label) in LABELS.items():
        ids = [item_id for k, item_id in items if k == kind]
        if ids:
            query = scope(select(model.id, label), principal, model).where(model.id.in_(ids))
            found.update({(kind, item_id): name for item_id, name in await db.execute(query)})
    return found
