"""Roles and staff management, and the rules that stop privilege escalation."""

from __future__ import annotations

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from models import Account, AuditLog, OutboundMessage
from models.identity import SystemRole
from tests.factories import login_headers, make_staff


async def test_role_lifecycle_is_audited(client: AsyncClient, db: AsyncSession) -> None:
    boss = await make_staff(db, SystemRole.super_admin)
    auth = await login_headers(client, boss)
    created = await client.post(
        "/api/admin/roles/",
        headers=auth,
        json={
            "name": "finance",
            "description": "Money people",
            "permissions": ["transactions:read"],
        },
    )
    assert created.status_code == 201, created.text
    role = created.json()
    assert (role["permissions"], role["is_system"]) == (["transactions:read"], False)
    updated = await client.patch(
        f"/api/admin/roles/{role['id']}/",
        headers=auth,
        json={"permissions": ["transactions:read", "transactions:refund"]},
    )
    assert updated.json()["permissions"] == ["transactions:read", "transactions:refund"]
    assert (await client.delete(f"/api/admin/roles/{role['id']}/", headers=auth)).status_code == 204
    actions = (
        await db.execute(
            select(AuditLog.action)
            .where(AuditLog.entity_type == "role", AuditLog.entity_id == str(role["id"]))
            .order_by(AuditLog.id)
        )
    ).scalars()
    assert list(actions) == ["role.created", "role.updated", "role.deleted"]


async def test_role_refusals(client: AsyncClient, db: AsyncSession) -> None:
    boss = await make_staff(db, SystemRole.super_admin)
    auth = await login_headers(client, boss)
    roles = {r["name"]: r for r in (await client.get("/api/admin/roles/", headers=auth)).json()}
    cases = [
        (
            client.post("/api/admin/roles/", headers=auth, json={"name": "x", "permissions": []}),
            422,
            "validation_error",
        ),
        (
            client.post("/api/admin/roles/", headers=auth, json={"name": "admin"}),
            409,
            "duplicate_role",
        ),
        (
            client.post(
                "/api/admin/roles/",
                headers=auth,
                json={"name": "bogus", "permissions": ["orders:fly"]},
            ),
            422,
            "unknown_permission",
        ),
        (
            client.delete(f"/api/admin/roles/{roles['support']['id']}/", headers=auth),
            409,
            "role_locked",
        ),
        (
            client.patch(
                f"/api/admin/roles/{roles['super_admin']['id']}/",
                headers=auth,
                json={"permissions": []},
            ),
            409,
            "role_locked",
        ),
        (
            client.patch("/api/admin/roles/999999/", headers=auth, json={"description": "x"}),
            404,
            "not_found",
        ),
    ]
    for request, status, code in cases:
        response = await request
        assert (response.status_code, response.json()["error"]["code"]) == (status, code)


async def test_admin_cannot_grant_or_assign_what_they_lack(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin = await make_staff(db, SystemRole.admin)
    boss = await make_staff(db, SystemRole.super_admin)
    boss_auth = await login_headers(client, boss)
    # An admin with roles:manage granted by a custom role still cannot grant beyond it.
    role = (
        await client.post(
            "/api/admin/roles/",
            headers=boss_auth,
            json={
                "name": "role_keeper",
                "permissions": ["roles:manage", "staff:read", "staff:write"],
            },
        )
    ).json()
    keeper = await make_staff(db, SystemRole.support)
    await client.patch(
        f"/api/admin/staff/{keeper.id}/", headers=boss_auth, json={"role": "role_keeper"}
    )
    keeper_auth = await login_headers(client, keeper)
    grab = await client.patch(
        f"/api/admin/roles/{role['id']}/",
        headers=keeper_auth,
        json={"permissions": ["roles:manage", "staff:read", "staff:write", "settings:write"]},
    )
    assert grab.status_code == 403
    assert grab.json()["error"]["details"] == {"permissions": ["settings:write"]}

    admin_auth = await login_headers(client, admin)
    promote = await client.patch(
        f"/api/admin/staff/{keeper.id}/", headers=admin_auth, json={"role": "super_admin"}
    )
    assert promote.status_code == 403
    own = await client.patch(
        f"/api/admin/staff/{admin.id}/", headers=admin_auth, json={"role": "support"}
    )
    assert (own.status_code, own.json()["error"]["code"]) == (403, "own_role")


async def test_the_last_super_admin_stays(client: AsyncClient, db: AsyncSession) -> None:
    first = await make_staff(db, SystemRole.super_admin)
    second = await make_staff(db, SystemRole.super_admin)
    auth = await login_headers(client, first)
    others = (
        await db.execute(
            select(Account).join(Account.role).where(Account.id.not_in([first.id, second.id]))
        )
    ).scalars()
    for account in others:  # earlier tests' rows are rolled back; this keeps the count exact
        account.is_active = False
    await db.commit()
    assert (await client.delete(f"/api/admin/staff/{second.id}/", headers=auth)).status_code == 204
    last = await client.patch(
        f"/api/admin/staff/{first.id}/", headers=auth, json={"is_active": False}
    )
    assert last.status_code == 409
    assert last.json()["error"]["code"] in {"last_super_admin", "own_account"}


async def test_invite_deactivate_and_force_reset(client: AsyncClient, db: AsyncSession) -> None:
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    invited = await client.post(
        "/api/admin/staff/",
        headers=auth,
        json={
            "email": "New.Hire@Example.org",
            "first_name": "New",
            "last_name": "Hire",
            "role": "support",
        },
    )
    assert invited.status_code == 201, invited.text
    hire = invited.json()
    assert (hire["email"], hire["role"], hire["is_active"]) == (
        "new.hire@example.org",
        "support",
        True,
    )
    mail = (
        await db.execute(
            select(OutboundMessage).where(OutboundMessage.recipient == "new.hire@example.org")
        )
    ).scalar_one()
    assert mail.template == "password_reset"
    duplicate = await client.post(
        "/api/admin/staff/",
        headers=auth,
        json={"email": "new.hire@example.org", "first_name": "Again", "role": "support"},
    )
    assert (duplicate.status_code, duplicate.json()["error"]["code"]) == (409, "duplicate_email")
    wrong_kind = await client.post(
        "/api/admin/staff/",
        headers=auth,
        json={"email": "r@example.org", "first_name": "R", "role": "reseller_owner"},
    )
    assert wrong_kind.json()["error"]["code"] == "wrong_role_kind"

    target = await make_staff(db, SystemRole.support)
    target_auth = await login_headers(client, target)
    assert (
        await client.post(f"/api/admin/staff/{target.id}/force-password-reset/", headers=auth)
    ).status_code == 204
    assert (await client.get("/api/auth/user/", headers=target_auth)).status_code == 401
    assert (await client.delete(f"/api/admin/staff/{target.id}/", headers=auth)).status_code == 204
    listed = (await client.get("/api/admin/staff/", headers=auth, params={"page_size": 100})).json()
    by_id = {s["id"]: s for s in listed["items"]}
    assert by_id[target.id]["is_active"] is False
    assert by_id[target.id]["must_change_password"] is True


async def test_unlock_lifts_a_lockout(client: AsyncClient, db: AsyncSession) -> None:
    admin = await make_staff(db, SystemRole.admin)
    auth = await login_headers(client, admin)
    victim = await make_staff(db, SystemRole.support)
    for _ in range(5):
        await client.post("/api/auth/login/", json={"login": victim.email, "password": "wrong"})
    assert (
        await client.post("/api/auth/login/", json={"login": victim.email, "password": "x"})
    ).status_code == 429
    assert (
        await client.post(f"/api/admin/accounts/{victim.id}/unlock/", headers=auth)
    ).status_code == 204
    await login_headers(client, victim)
    actions = (
        await db.execute(select(AuditLog.action).where(AuditLog.entity_id == str(victim.id)))
    ).scalars()
    assert list(actions) == ["account.locked", "account.unlocked"]
    missing = await client.post("/api/admin/accounts/999999/unlock/", headers=auth)
    assert missing.status_code == 404


async def test_roles_forced_to_use_two_factor(
    client: AsyncClient, db: AsyncSession, app: FastAPI
) -> None:
    app.state.settings.two_factor_required_roles.append("admin")
    try:
        admin = await make_staff(db, SystemRole.admin)
        auth = await login_headers(client, admin)
        me = (await client.get("/api/auth/user/", headers=auth)).json()
        assert me["two_factor_setup_required"] is True
        blocked = await client.get("/api/admin/staff/", headers=auth)
        assert (blocked.status_code, blocked.json()["error"]["code"]) == (403, "2fa_setup_required")
        assert (await client.post("/api/auth/2fa/enrol/", headers=auth)).status_code == 200
    finally:
        app.state.settings.two_factor_required_roles.remove("admin")


async def test_a_temporary_password_must_be_changed_before_anything_else(
    client: AsyncClient, db: AsyncSession
) -> None:
    admin = await login_headers(client, await make_staff(db, SystemRole.admin))
    created = await client.post(
        "/api/admin/staff/",
        headers=admin,
        json={
            "email": "noor.k@example.org",
            "first_name": "Noor",
            "role": "support",
            "password": "temporary lantern 42",
        },
    )
    assert created.json()["must_change_password"] is True
    login = await client.post(
        "/api/auth/login/", json={"login": "noor.k@example.org", "password": "temporary lantern 42"}
    )
    auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
    blocked = await client.get("/api/orders/", headers=auth)
    assert (blocked.status_code, blocked.json()["error"]["code"]) == (
        403,
        "password_change_required",
    )
    assert (await client.get("/api/auth/user/", headers=auth)).json()[
        "must_change_password"
    ] is True
    changed = await client.post(
        "/api/auth/password/change/",
        headers=auth,
        json={"current_password": "temporary lantern 42", "new_password": "my own quiet harbour"},
    )
    assert changed.status_code == 204
    assert (await client.get("/api/orders/", headers=auth)).status_code == 200
