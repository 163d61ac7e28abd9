"""Rate limits per route and caller, as a sliding window in Redis.

Each route has its own budget per caller: the API key, else the account, else (anonymous or
bad credentials) the client IP. The limits come from settings (`RATE_LIMIT_*`); the auth
routes that guess-proof secrets but have no throttle of their own (services/auth/throttle.py
covers login, 2FA login, reset requests and registration) get the stricter one. Every answer
carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until a
request leaves the window); past the limit the answer is 429 with `Retry-After`.

`rate_limit` runs for every route (an app-wide dependency, so it knows the matched route and
shares the caller's identification with `current_principal`); `RateLimitHeadersMiddleware`
writes the headers, so they are on every answer: errors, 204s and streams included."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.deps import RedisDep, SettingsDep
from api.security import Caller, identify_caller
from core.errors import RateLimited
from services.auth.principal import Principal

STRICT_ROUTES = frozenset(
    {
        "/api/auth/password/reset/confirm/",
        "/api/auth/verify-email/",
        "/api/auth/verify-phone/",
        "/api/auth/password/change/",
        "/api/auth/2fa/confirm/",
        "/api/auth/2fa/disable/",
    }
)
# Probes from load balancers and orchestrators must never be refused.
UNLIMITED_ROUTES = frozenset({"/api/health", "/api/ready"})
STATE_ATTRIBUTE = "rate_limit"
RATE_LIMIT_HEADERS = (
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
)

# A sorted set of this window's requests (score: time in ms). Redis's own clock, so every API
# process agrees on the window; refused requests are not counted, so a client that keeps
# retrying recovers as soon as its old requests age out.
_SLIDING_WINDOW = """
local now_parts = redis.call('TIME')
local now = now_parts[1] * 1000 + math.floor(now_parts[2] / 1000)
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. ARGV[3])
  count = count + 1
  allowed = 1
end
redis.call('PEXPIRE', KEYS[1], window)
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local reset = window
if oldest[2] then reset = tonumber(oldest[2]) + window - now end
return {allowed, count, reset}
"""


@dataclass(frozen=True)
class Quota:
    limit: int
    used: int
    reset_seconds: int
    window_seconds: int
    allowed: bool

    def headers(self) -> dict[str, str]:
        values = (
            self.limit,
            max(0, self.limit - self.used),
            self.reset_seconds,
            f"{self.limit};w={self.window_seconds}",
        )
        return {name: str(value) for name, value in zip(RATE_LIMIT_HEADERS, values, strict=True)}


def _subject(request: Request, caller: Caller) -> str:
    if isinstance(caller, Principal):
        if caller.api_key_id is not None:
            return f"key:{caller.api_key_id}"
        return f"account:{caller.account_id}"
    return f"ip:{request.client.host if request.client else 'unknown'}"


async def rate_limit(
    request: Request,
    caller: Annotated[Caller, Depends(identify_caller)],
    redis: RedisDep,
    settings: SettingsDep,
) -> None:
    path: str | None = getattr(request.scope.get("route"), "path", None)
    if not settings.rate_limit_enabled or path is None or not path.startswith("/api/"):
        return
    if path in UNLIMITED_ROUTES:
        return
    if path in STRICT_ROUTES:
        limit = settings.rate_limit_strict
    elif isinstance(caller, Principal):
        limit = settings.rate_limit_authenticated
    else:
        limit = settings.rate_limit_anonymous
    window_ms = settings.rate_limit_window_seconds * 1000
    key = f"ratelimit:{request.method}:{path}:{_subject(request, caller)}"
    count_in_window = redis.register_script(_SLIDING_WINDOW)
    allowed, used, reset_ms = await count_in_window(
        keys=[key], args=[limit, window_ms, uuid.uuid4().hex]
    )
    quota = Quota(
        limit=limit,
        used=int(used),
        reset_seconds=max(1, math.ceil(int(reset_ms) / 1000)),
        window_seconds=settings.rate_limit_window_seconds,
        allowed=bool(allowed),
    )
    setattr(request.state, STATE_ATTRIBUTE, quota)
    if not quota.allowed:
        raise RateLimited(
            f"Too many requests. Try again in {quota.reset_seconds} seconds.",
            retry_after=quota.reset_seconds,
            details={"limit": limit, "window_seconds": quota.window_seconds},
        )


RATE_LIMITED = Depends(rate_limit)


class RateLimitHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_quota(message: Message) -> None:
            quota = scope.get("state", {}).get(STATE_ATTRIBUTE)
            if message["type"] == "http.response.start" and isinstance(quota, Quota):
                headers = MutableHeaders(scope=message)
                for name, value in quota.headers().items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_quota)
