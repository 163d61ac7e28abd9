"""Rate limits per route and caller: RateLimit-* headers on every answer, 429 with Retry-After
in the error envelope past the limit, buckets per route / account / API key / IP."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import Settings
from models.identity import SystemRole
from tests.factories import login_headers, make_account, make_staff


def _limits(app: FastAPI, settings: Settings, **changes: Any) -> None:
    app.state.resources.settings = settings.model_copy(update=changes)


def _quota(response: Response) -> tuple[str, str, str, str]:
    h = response.headers
    return (
        h["ratelimit-limit"],
        h["ratelimit-remaining"],
        h["ratelimit-reset"],
        h["ratelimit-policy"],
    )


def _assert_limited(response: Response, limit: int, window: int = 60) -> None:
    assert response.status_code == 429, response.text
    error = response.json()["error"]
    assert (error["code"], error["details"]) == (
        "rate_limited",
        {"limit": limit, "window_seconds": window},
    )
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= window
    assert error["message"] == f"Too many requests. Try again in {retry_after} seconds."
    assert response.headers["ratelimit-remaining"] == "0"
    assert response.headers["ratelimit-reset"] == str(retry_after)


async def test_default_limits_and_headers(client: AsyncClient, db: AsyncSession) -> None:
    first = await client.get("/api/settings/public/")
    second = await client.get("/api/settings/public/")
    assert _quota(first) == ("120", "119", "60", "120;w=60")
    assert _quota(second)[:2] == ("120", "118")
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    me = await client.get("/api/auth/user/", headers=auth)
    assert _quota(me) == ("300", "299", "60", "300;w=60")
    # Answers that are not the handler's model carry them too: a 204 and an error.
    no_content = await client.delete("/api/auth/sessions/", headers=auth)
    assert (no_content.status_code, _quota(no_content)[:2]) == (204, ("300", "299"))
    missing = await client.get("/api/resellers/999999/", headers=auth)
    assert (missing.status_code, _quota(missing)[:2]) == (404, ("300", "299"))
    strict = await client.post("/api/auth/verify-email/", json={"token": "not-a-token"})
    assert _quota(strict)[:2] == ("10", "9")
    health = await client.get("/api/health")
    assert health.status_code == 200 and "ratelimit-limit" not in health.headers


async def test_each_caller_and_route_has_its_own_budget(
    client: AsyncClient, db: AsyncSession, app: FastAPI, settings: Settings
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    auth = await login_headers(client, owner)
    other = await login_headers(client, await make_staff(db, SystemRole.admin))
    key = await client.post(
        "/api/settings/api-keys/",
        headers=auth,
        json={"name": "Shop", "scopes": ["notifications:read"]},
    )
    api_key = {"X-API-Key": key.json()["key"]}
    _limits(app, settings, rate_limit_authenticated=3)
    remaining = [
        (await client.get("/api/notifications/unread-count/", headers=auth)).headers[
            "ratelimit-remaining"
        ]
        for _ in range(3)
    ]
    assert remaining == ["2", "1", "0"]
    _assert_limited(await client.get("/api/notifications/unread-count/", headers=auth), 3)
    # Another route, another account and the owner's own API key each start afresh.
    assert (await client.get("/api/notifications/", headers=auth)).status_code == 200
    elsewhere = await client.get("/api/notifications/unread-count/", headers=other)
    assert (elsewhere.status_code, elsewhere.headers["ratelimit-remaining"]) == (200, "2")
    with_key = await client.get("/api/notifications/unread-count/", headers=api_key)
    assert (with_key.status_code, with_key.headers["ratelimit-remaining"]) == (200, "2")


async def test_anonymous_callers_and_bad_credentials_share_the_ip_budget(
    client: AsyncClient, app: FastAPI, settings: Settings
) -> None:
    _limits(app, settings, rate_limit_anonymous=2)
    assert (await client.get("/api/settings/public/")).status_code == 200
    stale = await client.get(
        "/api/settings/public/", headers={"Authorization": "Bearer not-a-token"}
    )
    assert (stale.status_code, stale.headers["ratelimit-remaining"]) == (200, "0")
    _assert_limited(await client.get("/api/settings/public/", headers={"X-API-Key": "sdk_x"}), 2)
    # Guessing keys on a protected route is counted against the IP too, and refused first.
    guesses = [
        (await client.get("/api/resellers/", headers={"X-API-Key": f"sdk_{n}"})).status_code
        for n in range(3)
    ]
    assert guesses == [401, 401, 429]


async def test_strict_auth_routes_refuse_after_ten_tries(client: AsyncClient) -> None:
    refusals = [
        (await client.post("/api/auth/verify-email/", json={"token": f"guessed-token-{n}"})).json()
        for n in range(10)
    ]
    assert {r["error"]["code"] for r in refusals} == {"invalid_token"}
    _assert_limited(
        await client.post("/api/auth/verify-email/", json={"token": "guessed-token-10"}), 10
    )
    # Other routes are not affected.
    assert (await client.get("/api/settings/public/")).status_code == 200


async def test_the_window_slides(client: AsyncClient, app: FastAPI, settings: Settings) -> None:
    _limits(app, settings, rate_limit_anonymous=1, rate_limit_window_seconds=1)
    allowed = await client.get("/api/settings/public/")
    assert _quota(allowed) == ("1", "0", "1", "1;w=1")
    _assert_limited(await client.get("/api/settings/public/"), 1, window=1)
    await asyncio.sleep(1.05)
    assert (await client.get("/api/settings/public/")).status_code == 200


async def test_limits_can_be_turned_off(
    client: AsyncClient, app: FastAPI, settings: Settings
) -> None:
    _limits(app, settings, rate_limit_enabled=False, rate_limit_anonymous=1)
    for _ in range(3):
        response = await client.get("/api/settings/public/")
        assert response.status_code == 200 and "ratelimit-limit" not in response.headers
