"""API keys: shown once and stored hashed, scoped within the owner's permissions, expiring,
revocable, tenant-scoped, and accepted as X-API-Key wherever a bearer token is."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, ApiKey, AuditLog
from models.identity import SystemRole
from services.access import ensure_system_roles
from tests.factories import login_headers, make_account, make_staff

URL = "/api/settings/api-keys/"


async def _create(
    client: AsyncClient, auth: dict[str, str], scopes: list[str], **extra: Any
) -> dict[str, Any]:
    response = await client.post(
        URL, headers=auth, json={"name": "Shop integration", "scopes": scopes, **extra}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _key(secret: str) -> dict[str, str]:
    return {"X-API-Key": secret}


async def _audit(db: AsyncSession) -> list[tuple[str, str]]:
    rows = await db.scalars(
        select(AuditLog).where(AuditLog.entity_type == "api_key").order_by(AuditLog.id)
    )
    return [(a.action, a.entity_id) for a in rows]


async def test_create_shows_the_key_once_and_stores_only_its_hash(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    auth = await login_headers(client, owner)
    created = await _create(client, auth, ["resellers:read", "orders:read", "orders:read"])
    secret = created.pop("key")
    assert secret.startswith("sdk_") and len(secret) == 4 + 43
    assert created["prefix"] == secret[:12]
    assert (created["name"], created["scopes"], created["status"]) == (
        "Shop integration",
        ["orders:read", "resellers:read"],
        "active",
    )
    assert (created["account_id"], created["expires_at"], created["last_used_at"]) == (
        owner.id,
        None,
        None,
    )
    row = await db.scalar(select(ApiKey).where(ApiKey.id == created["id"]))
    assert row is not None
    assert row.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    listed = (await client.get(URL, headers=auth)).json()
    assert listed["total"] == 1
    assert listed["items"] == [created]
    assert await _audit(db) == [("api_key.created", str(created["id"]))]
    entry = await db.scalar(select(AuditLog).where(AuditLog.entity_type == "api_key"))
    assert entry is not None and entry.after is not None
    assert secret not in str(entry.after) and row.key_hash not in str(entry.after)


async def test_a_key_acts_as_its_owner_within_its_scopes(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    await make_account(db, SystemRole.reseller_owner)  # another reseller, never visible
    auth = await login_headers(client, owner)
    secret = (await _create(client, auth, ["resellers:read"]))["key"]
    resellers = await client.get("/api/resellers/", headers=_key(secret))
    assert resellers.status_code == 200, resellers.text
    assert [r["id"] for r in resellers.json()["items"]] == [owner.reseller_id]
    # Within the owner's role but outside the key's scopes.
    outside = await client.get("/api/transactions/", headers=_key(secret))
    assert (outside.status_code, outside.json()["error"]["code"]) == (403, "permission_denied")
    assert outside.json()["error"]["details"] == {"permission": "transactions:read"}
    # The person's own account pages are not for keys, whatever the scopes.
    profile = await client.get("/api/auth/user/", headers=_key(secret))
    assert (profile.status_code, profile.json()["error"]["code"]) == (403, "api_key_not_allowed")


async def test_a_key_cannot_exceed_its_owner(client: AsyncClient, db: AsyncSession) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    auth = await login_headers(client, owner)
    future = (datetime.now(UTC) + timedelta(days=1)).isoformat()
    past = (datetime.now(UTC) - timedelta(minutes=1)).isoformat()
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"scopes": ["orders:read", "orders:update_status"]}, "scope_not_granted", "body.scopes"),
        ({"scopes": ["roles:manage"]}, "scope_not_granted", "body.scopes"),
        ({"scopes": ["orders:fly"]}, "unknown_scope", "body.scopes"),
        ({"scopes": []}, "validation_error", "body.scopes"),
        ({"scopes": ["orders:read"], "expires_at": past}, "expiry_in_past", "body.expires_at"),
        (
            {"scopes": ["orders:read"], "expires_at": "2030-01-01T00:00:00"},
            "validation_error",
            "body.expires_at",
        ),
        ({"scopes": ["orders:read"], "name": ""}, "validation_error", "body.name"),
        ({"scopes": ["orders:read"], "expires_at": future, "owner": 1}, "validation_error", ""),
    ]
    for body, code, field in cases:
        response = await client.post(URL, headers=auth, json={"name": "Bot", **body})
        error = response.json()["error"]
        assert (response.status_code, error["code"]) == (422, code), body
        if field:
            assert [d["field"] for d in error["details"]] == [field], body
    assert await db.scalar(select(ApiKey.id).limit(1)) is None
    assert await _audit(db) == []
    granted = await _create(client, auth, ["orders:read"], expires_at=future)
    assert granted["status"] == "active"
    # A key cannot mint keys, even one scoped to manage them.
    manager = await _create(client, auth, ["api_keys:manage"])
    minted = await client.post(
        URL, headers=_key(manager["key"]), json={"name": "x", "scopes": ["orders:read"]}
    )
    assert (minted.status_code, minted.json()["error"]["code"]) == (403, "api_key_not_allowed")
    assert (await client.get(URL, headers=_key(manager["key"]))).json()["total"] == 2


async def test_taking_a_permission_from_the_owner_takes_it_from_the_key(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    secret = (await _create(client, await login_headers(client, owner), ["transactions:read"]))[
        "key"
    ]
    assert (await client.get("/api/transactions/", headers=_key(secret))).status_code == 200
    role_ids = await ensure_system_roles(db)
    await db.execute(
        update(Account)
        .where(Account.id == owner.id)
        .values(role_id=role_ids[SystemRole.reseller_agent])
    )
    await db.commit()
    demoted = await client.get("/api/transactions/", headers=_key(secret))
    assert (demoted.status_code, demoted.json()["error"]["code"]) == (403, "permission_denied")
    await db.execute(update(Account).where(Account.id == owner.id).values(is_active=False))
    await db.commit()
    inactive = await client.get("/api/transactions/", headers=_key(secret))
    assert (inactive.status_code, inactive.json()["error"]["code"]) == (401, "account_inactive")


async def test_expired_revoked_unknown_and_ambiguous_keys_are_refused(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    auth = await login_headers(client, owner)
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    expiring = await _create(client, auth, ["resellers:read"], expires_at=soon)
    assert (await client.get("/api/resellers/", headers=_key(expiring["key"]))).status_code == 200
    await db.execute(
        update(ApiKey)
        .where(ApiKey.id == expiring["id"])
        .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    await db.commit()
    expired = await client.get("/api/resellers/", headers=_key(expiring["key"]))
    assert (expired.status_code, expired.json()["error"]["code"]) == (401, "api_key_expired")
    listed = (await client.get(URL, headers=auth)).json()["items"]
    assert [k["status"] for k in listed] == ["expired"]

    revoked = await _create(client, auth, ["resellers:read"])
    first = await client.post(f"{URL}{revoked['id']}/revoke/", headers=auth)
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "revoked" and first.json()["revoked_at"] is not None
    again = await client.post(f"{URL}{revoked['id']}/revoke/", headers=auth)
    assert again.json() == first.json()
    refused = await client.get("/api/resellers/", headers=_key(revoked["key"]))
    assert (refused.status_code, refused.json()["error"]["code"]) == (401, "api_key_revoked")
    assert await _audit(db) == [
        ("api_key.created", str(expiring["id"])),
        ("api_key.created", str(revoked["id"])),
        ("api_key.revoked", str(revoked["id"])),
    ]

    unknown = await client.get("/api/resellers/", headers=_key("sdk_" + "x" * 43))
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (401, "invalid_api_key")
    empty = await client.get("/api/resellers/", headers=_key(""))
    assert (empty.status_code, empty.json()["error"]["code"]) == (401, "invalid_api_key")
    live = await _create(client, auth, ["resellers:read"])
    both = await client.get("/api/resellers/", headers={**auth, **_key(live["key"])})
    assert (both.status_code, both.json()["error"]["code"]) == (401, "ambiguous_credentials")
    # Public routes ignore bad credentials instead of refusing them.
    public = await client.get("/api/settings/public/", headers=_key(revoked["key"]))
    assert public.status_code == 200


async def test_resellers_manage_only_their_own_keys_and_staff_all(
    client: AsyncClient, db: AsyncSession
) -> None:
    first = await login_headers(client, await make_account(db, SystemRole.reseller_owner))
    second = await login_headers(client, await make_account(db, SystemRole.reseller_owner))
    admin_account = await make_staff(db, SystemRole.admin)
    admin = await login_headers(client, admin_account)
    theirs = await _create(client, first, ["orders:read"])
    ours = await _create(client, second, ["orders:read"])
    assert [k["id"] for k in (await client.get(URL, headers=second)).json()["items"]] == [
        ours["id"]
    ]
    foreign = await client.post(f"{URL}{theirs['id']}/revoke/", headers=second)
    assert (foreign.status_code, foreign.json()["error"]["code"]) == (404, "not_found")
    everyone = (await client.get(URL, headers=admin, params={"ordering": "created_at"})).json()
    assert [k["id"] for k in everyone["items"]] == [theirs["id"], ours["id"]]
    by_staff = await client.post(f"{URL}{theirs['id']}/revoke/", headers=admin)
    assert by_staff.json()["status"] == "revoked"
    revoked_by = await db.scalar(select(ApiKey.revoked_by_id).where(ApiKey.id == theirs["id"]))
    assert revoked_by == admin_account.id
    for role in (SystemRole.reseller_agent, SystemRole.customer, SystemRole.support):
        headers = await login_headers(client, await make_account(db, role))
        denied = await client.get(URL, headers=headers)
        assert (denied.status_code, denied.json()["error"]["code"]) == (403, "permission_denied")


async def test_last_used_is_recorded_at_most_once_a_minute(
    client: AsyncClient, db: AsyncSession
) -> None:
    owner = await make_account(db, SystemRole.reseller_owner)
    auth = await login_headers(client, owner)
    created = await _create(client, auth, ["resellers:read"])
    started = datetime.now(UTC)
    await client.get("/api/resellers/", headers=_key(created["key"]))
    first = await db.scalar(select(ApiKey.last_used_at).where(ApiKey.id == created["id"]))
    assert first is not None and started <= first <= datetime.now(UTC)
    await client.get("/api/resellers/", headers=_key(created["key"]))
    assert await db.scalar(select(ApiKey.last_used_at).where(ApiKey.id == created["id"])) == first
