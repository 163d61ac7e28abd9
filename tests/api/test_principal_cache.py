"""The API reuses each account's principal until an account, role or permission changes
(services/auth/principal.py): a warm request reads no database row, and a change committed
anywhere applies on the very next request."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from core.settings import Settings
from models import Account, Role
from models.identity import SystemRole
from services.auth.principal import IDENTITY_GENERATION_KEY, PrincipalCache, principal_from_token
from tests.factories import login_headers, make_staff
from tests.statements import session_statements


async def test_a_permission_taken_from_the_role_applies_on_the_next_request(
    client: AsyncClient, db: AsyncSession
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    assert (await client.get("/api/transactions/", headers=auth)).status_code == 200
    assert (await client.get("/api/transactions/", headers=auth)).status_code == 200  # cached
    role = await db.scalar(
        select(Role)
        .where(Role.name == SystemRole.admin.value)
        .options(selectinload(Role.permissions))
    )
    assert role is not None
    role.permissions = [p for p in role.permissions if p.code != "transactions:read"]
    await db.commit()
    refused = await client.get("/api/transactions/", headers=auth)
    assert refused.status_code == 403, refused.text


async def test_a_blocked_account_and_a_signed_out_session_are_refused_at_once(
    client: AsyncClient, db: AsyncSession
) -> None:
    staff = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, staff)
    other = await login_headers(client, staff)  # a second session of the same account
    assert (await client.get("/api/auth/user/", headers=auth)).status_code == 200
    assert (await client.post("/api/auth/logout/", headers=other)).status_code in (200, 204)
    signed_out = await client.get("/api/auth/user/", headers=other)
    assert signed_out.json()["error"]["code"] == "session_revoked"

    account = await db.get(Account, staff.id)
    assert account is not None
    account.is_active = False
    await db.commit()
    blocked = await client.get("/api/auth/user/", headers=auth)
    assert (blocked.status_code, blocked.json()["error"]["code"]) == (401, "account_inactive")


async def test_a_warm_principal_costs_no_query_until_the_generation_moves(
    app: FastAPI, client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    auth = await login_headers(client, await make_staff(db, SystemRole.admin))
    token = auth["Authorization"].removeprefix("Bearer ")
    redis: Redis = app.state.resources.redis
    cache = PrincipalCache()
    async with session_statements(db) as statements:
        first = await principal_from_token(db, redis, settings, token, cache)
        read = len(statements)
        again = await principal_from_token(db, redis, settings, token, cache)
        assert (read, len(statements)) == (1, 1)  # the second one read nothing
        await redis.incr(IDENTITY_GENERATION_KEY)  # what a committed role change does
        await principal_from_token(db, redis, settings, token, cache)
        assert len(statements) == 2
    assert first == again and first.session_id is not None


def test_the_cache_keeps_the_most_recent_accounts() -> None:
    cache = PrincipalCache(capacity=2)
    principals = {n: object() for n in (1, 2, 3)}
    for account_id, principal in principals.items():
        cache.put(account_id, 7, principal)  # type: ignore[arg-type]
    assert cache.get(1, 7) is None  # evicted, the oldest
    assert cache.get(3, 7) is principals[3]
    assert cache.get(3, 8) is None  # another generation: stale
