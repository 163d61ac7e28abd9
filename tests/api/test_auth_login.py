"""Login, lockout, refresh rotation, logout and token abuse through the real API."""

from __future__ import annotations

import uuid
from datetime import timedelta

from httpx import AsyncClient, Response
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from core.settings import Settings
from core.tokens import TokenType, issue
from models import Account, AuditLog, AuthSession
from tests.factories import PASSWORD, make_staff


async def _login(
    client: AsyncClient, login: str, password: str = PASSWORD, **extra: object
) -> Response:
    return await client.post(
        "/api/auth/login/", json={"login": login, "password": password, **extra}
    )


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_login_with_email_or_username(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    for login in (account.email.upper(), str(account.username)):
        response = await _login(client, login)
        assert response.status_code == 200, response.text
        tokens = response.json()
        assert tokens["token_type"] == "Bearer"
        assert tokens["expires_in"] == 900
        me = await client.get("/api/auth/user/", headers=_bearer(tokens["access_token"]))
        assert me.status_code == 200
        assert me.json()["email"] == account.email
        assert me.json()["role"] == "admin"
        assert "orders:read" in me.json()["permissions"]
        assert "roles:manage" not in me.json()["permissions"]


async def test_wrong_password_and_unknown_account_look_the_same(
    client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    wrong = await _login(client, account.email, "not the password")
    unknown = await _login(client, "nobody@example.org", "whatever")
    for response in (wrong, unknown):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_credentials"
    assert wrong.json()["error"]["message"] == unknown.json()["error"]["message"]


async def test_five_failures_lock_the_account(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    email, account_id = account.email, account.id
    for _ in range(5):
        assert (await _login(client, email, "wrong")).status_code == 401
    locked = await _login(client, email)
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "rate_limited"
    assert 890 <= int(locked.headers["retry-after"]) <= 900
    audit = (
        await db.execute(select(AuditLog).where(AuditLog.entity_id == str(account_id)))
    ).scalars()
    assert [row.action for row in audit] == ["account.locked"]


async def test_unknown_accounts_are_locked_too(client: AsyncClient) -> None:
    for _ in range(5):
        await _login(client, "ghost@example.org", "guess")
    assert (await _login(client, "ghost@example.org", "guess")).status_code == 429


async def test_inactive_account_cannot_log_in(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    await db.execute(update(Account).where(Account.id == account.id).values(is_active=False))
    response = await _login(client, account.email)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_credentials"


async def test_refresh_rotates_and_reuse_ends_the_session(
    client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    first = (await _login(client, account.email)).json()
    rotated = await client.post(
        "/api/auth/token/refresh/", json={"refresh_token": first["refresh_token"]}
    )
    assert rotated.status_code == 200
    second = rotated.json()
    assert second["session_id"] == first["session_id"]
    assert second["refresh_token"] != first["refresh_token"]

    replay = await client.post(
        "/api/auth/token/refresh/", json={"refresh_token": first["refresh_token"]}
    )
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "refresh_token_reused"
    stored = await db.get(AuthSession, uuid.UUID(first["session_id"]), populate_existing=True)
    assert stored is not None and stored.revoked_reason == "refresh_token_reuse"
    # The whole family is gone: the newest refresh token and the access token die with it.
    newest = await client.post(
        "/api/auth/token/refresh/", json={"refresh_token": second["refresh_token"]}
    )
    assert newest.status_code == 401
    me = await client.get("/api/auth/user/", headers=_bearer(second["access_token"]))
    assert me.status_code == 401
    assert me.json()["error"]["code"] == "session_revoked"


async def test_malformed_refresh_tokens(client: AsyncClient) -> None:
    for token in ("nonsense", "00000000-0000-0000-0000-000000000000.secret"):
        response = await client.post("/api/auth/token/refresh/", json={"refresh_token": token})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "invalid_refresh_token"


async def test_logout_revokes_at_once(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    tokens = (await _login(client, account.email)).json()
    assert (
        await client.post("/api/auth/logout/", headers=_bearer(tokens["access_token"]))
    ).status_code == 204
    me = await client.get("/api/auth/user/", headers=_bearer(tokens["access_token"]))
    assert me.status_code == 401
    refresh = await client.post(
        "/api/auth/token/refresh/", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refresh.status_code == 401


async def test_forged_and_expired_access_tokens(
    client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    account = await make_staff(db)
    tokens = (await _login(client, account.email)).json()
    sid = tokens["session_id"]
    foreign = issue(
        "x" * 48, subject=account.id, token_type=TokenType.access, ttl=timedelta(minutes=5), sid=sid
    )
    expired = issue(
        settings.jwt_secret.get_secret_value(),
        subject=account.id,
        token_type=TokenType.access,
        ttl=timedelta(seconds=-1),
        sid=sid,
    )
    cases = {
        foreign: "invalid_token",
        expired: "token_expired",
        "not.a.jwt": "invalid_token",
        "eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.": "invalid_token",
    }
    for token, code in cases.items():
        response = await client.get("/api/auth/user/", headers=_bearer(token))
        assert response.status_code == 401, token
        assert response.json()["error"]["code"] == code
    missing = await client.get("/api/auth/user/")
    assert missing.status_code == 401
    assert missing.json()["error"]["code"] == "not_authenticated"


async def test_remember_me_gives_a_longer_session(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    short = (await _login(client, account.email)).json()
    long = (await _login(client, account.email, remember_me=True)).json()
    listed = await client.get("/api/auth/sessions/", headers=_bearer(long["access_token"]))
    by_id = {s["id"]: s for s in listed.json()}
    assert set(by_id) == {short["session_id"], long["session_id"]}
    assert by_id[long["session_id"]]["current"] is True
    assert by_id[long["session_id"]]["expires_at"] > by_id[short["session_id"]]["expires_at"]
    refreshed = await db.get(Account, account.id)
    assert refreshed is not None and refreshed.last_login_at is not None
