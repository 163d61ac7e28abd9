"""Redis caching for the dashboard (each person's recently viewed items: services/recent.py).

Dashboard answers are cached under a *generation*: `services.analytics.rollups` marks every
transaction that changed a rollup, and once that transaction commits services/generations.py
moves the generation on, so the next request recomputes instead of reading an answer
that misses the change (old generations simply expire). Figures no rollup feeds (staff
sessions, open tickets, reseller audit entries) are at most `ANSWER_TTL` old."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

GENERATION_KEY = "dashboard:generation"
ANSWER_TTL = timedelta(seconds=60)


class DashboardCache:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def answer(
        self,
        audience: str,
        name: str,
        params: dict[str, Any],
        compute: Callable[[], Awaitable[bytes]],
    ) -> bytes:
        """The cached JSON answer for (audience, name, params), computed on a miss. A Redis
        outage costs speed, never the answer."""
        digest = hashlib.sha1(
            json.dumps(params, sort_keys=True, default=str).encode(), usedforsecurity=False
        ).hexdigest()
        try:
            generation = int(await self._redis.get(GENERATION_KEY) or 0)
            key = f"dashboard:{generation}:{audience}:{name}:{digest}"
            if (cached := await self._redis.get(key)) is not None:
                return cached if isinstance(cached, bytes) else str(cached).encode()
        except RedisError:
            log.warning("dashboard cache unavailable", exc_info=True)
            return await compute()
        body = await compute()
        try:
            await self._redis.set(key, body, ex=ANSWER_TTL)
        except RedisError:
            log.warning("dashboard cache unavailable", exc_info=True)
        return body

    async def invalidate(self) -> None:
        await self._redis.incr(GENERATION_KEY)
