"""Own profile, password change, sessions and two-factor authentication."""

from __future__ import annotations

import time

import pyotp
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from core.crypto import FieldCipher
from core.settings import Settings
from models import Account, AuditLog
from tests.factories import PASSWORD, make_staff


async def _session(client: AsyncClient, login: str, password: str = PASSWORD) -> dict[str, str]:
    response = await client.post("/api/auth/login/", json={"login": login, "password": password})
    assert response.status_code == 200, response.text
    tokens: dict[str, str] = response.json()
    tokens["auth"] = f"Bearer {tokens['access_token']}"
    return tokens


async def test_profile_update_merges_preferences_and_is_audited(
    client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    auth = {"Authorization": (await _session(client, account.email))["auth"]}
    first = await client.patch(
        "/api/auth/user/", headers=auth, json={"preferences": {"theme": "dark"}}
    )
    assert first.status_code == 200
    second = await client.patch(
        "/api/auth/user/",
        headers=auth,
        json={"phone": "+44 20 7946 0958", "preferences": {"page_size": 50}},
    )
    body = second.json()
    assert body["phone"] == "+442079460958"
    assert body["preferences"] == {"theme": "dark", "page_size": 50}
    actions = (
        await db.execute(select(AuditLog.action).where(AuditLog.entity_id == str(body["id"])))
    ).scalars()
    assert list(actions) == ["account.profile_updated", "account.profile_updated"]


async def test_profile_update_refuses_bad_input(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    auth = {"Authorization": (await _session(client, account.email))["auth"]}
    cases = [
        ({"phone": "12345"}, "body.phone"),
        ({"preferences": {"theme": "neon"}}, "body.preferences.theme"),
        ({"role": "super_admin"}, "body.role"),
        ({"first_name": "x" * 101}, "body.first_name"),
    ]
    for body, field in cases:
        response = await client.patch("/api/auth/user/", headers=auth, json=body)
        assert response.status_code == 422, body
        assert [d["field"] for d in response.json()["error"]["details"]] == [field]
    empty = await client.patch("/api/auth/user/", headers=auth, json={})
    assert empty.status_code == 422
    assert empty.json()["error"]["code"] == "empty_update"


async def test_password_change_signs_out_other_sessions(
    client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    email = account.email
    here = await _session(client, email)
    elsewhere = await _session(client, email)
    changed = await client.post(
        "/api/auth/password/change/",
        headers={"Authorization": here["auth"]},
        json={"current_password": PASSWORD, "new_password": "a much better passphrase"},
    )
    assert changed.status_code == 204
    assert (
        await client.get("/api/auth/user/", headers={"Authorization": here["auth"]})
    ).status_code == 200
    assert (
        await client.get("/api/auth/user/", headers={"Authorization": elsewhere["auth"]})
    ).status_code == 401
    assert (
        await client.post("/api/auth/login/", json={"login": email, "password": PASSWORD})
    ).status_code == 401
    await _session(client, email, "a much better passphrase")


async def test_password_change_refusals(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db, email="grace.hopper@example.org")
    auth = {"Authorization": (await _session(client, account.email))["auth"]}
    wrong = await client.post(
        "/api/auth/password/change/",
        headers=auth,
        json={"current_password": "nope", "new_password": "a much better passphrase"},
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["code"] == "wrong_password"
    weak = await client.post(
        "/api/auth/password/change/",
        headers=auth,
        json={"current_password": PASSWORD, "new_password": "grace.hopper1"},
    )
    assert weak.status_code == 422
    assert weak.json()["error"]["code"] == "weak_password"
    assert [d["message"] for d in weak.json()["error"]["details"]] == [
        "Password must not contain your email address or name."
    ]
    common = await client.post(
        "/api/auth/password/change/",
        headers=auth,
        json={"current_password": PASSWORD, "new_password": "password123"},
    )
    assert common.json()["error"]["details"] == [
        {"field": "new_password", "message": "Password is one of the most common passwords."}
    ]


async def test_revoking_another_session(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    mine = await _session(client, account.email)
    other = await _session(client, account.email)
    auth = {"Authorization": mine["auth"]}
    revoked = await client.delete(f"/api/auth/sessions/{other['session_id']}/", headers=auth)
    assert revoked.status_code == 204
    assert (
        await client.get("/api/auth/user/", headers={"Authorization": other["auth"]})
    ).status_code == 401
    listed = await client.get("/api/auth/sessions/", headers=auth)
    assert [s["id"] for s in listed.json()] == [mine["session_id"]]
    again = await client.delete(f"/api/auth/sessions/{other['session_id']}/", headers=auth)
    assert again.status_code == 404
    bad = await client.delete("/api/auth/sessions/not-a-uuid/", headers=auth)
    assert bad.status_code == 422


async def test_two_factor_enrol_login_replay_and_recovery(
    client: AsyncClient, db: AsyncSession, settings: Settings
) -> None:
    account = await make_staff(db)
    email, account_id = account.email, account.id
    auth = {"Authorization": (await _session(client, email))["auth"]}
    enrolment = (await client.post("/api/auth/2fa/enrol/", headers=auth)).json()
    assert enrolment["otpauth_uri"].startswith("otpauth://totp/simdesk:")
    assert enrolment["qr_svg_data_url"].startswith("data:image/svg+xml;base64,")
    stored = (
        await db.execute(select(Account.totp_secret).where(Account.id == account_id))
    ).scalar_one()
    assert stored is not None and stored != enrolment["secret"]
    assert FieldCipher(settings).decrypt(stored) == enrolment["secret"]

    totp = pyotp.TOTP(enrolment["secret"])
    bad = await client.post("/api/auth/2fa/confirm/", headers=auth, json={"code": "000000"})
    assert bad.status_code == 422
    confirmed = await client.post("/api/auth/2fa/confirm/", headers=auth, json={"code": totp.now()})
    recovery = confirmed.json()["recovery_codes"]
    assert len(recovery) == 10 and len(set(recovery)) == 10

    challenge = await client.post("/api/auth/login/", json={"login": email, "password": PASSWORD})
    assert challenge.json()["two_factor_required"] is True
    token = challenge.json()["challenge_token"]
    # The code used to confirm enrolment is spent; the next step's code is not.
    replay = await client.post(
        "/api/auth/login/2fa/", json={"challenge_token": token, "code": totp.now()}
    )
    assert replay.status_code == 401
    assert replay.json()["error"]["code"] == "invalid_2fa_code"
    next_code = totp.at(time.time() + 30)
    ok = await client.post(
        "/api/auth/login/2fa/", json={"challenge_token": token, "code": next_code}
    )
    assert ok.status_code == 200
    assert "access_token" in ok.json()

    with_recovery = await client.post(
        "/api/auth/login/2fa/", json={"challenge_token": token, "code": recovery[0].upper()}
    )
    assert with_recovery.status_code == 200
    reused = await client.post(
        "/api/auth/login/2fa/", json={"challenge_token": token, "code": recovery[0]}
    )
    assert reused.status_code == 401

    forged = await client.post(
        "/api/auth/login/2fa/", json={"challenge_token": "x.y.z", "code": "123456"}
    )
    assert forged.status_code == 401
    assert forged.json()["error"]["code"] == "invalid_challenge"
    access_as_challenge = await client.post(
        "/api/auth/login/2fa/",
        json={"challenge_token": ok.json()["access_token"], "code": recovery[1]},
    )
    assert access_as_challenge.status_code == 401


async def test_two_factor_disable_needs_password_and_code(
    client: AsyncClient, db: AsyncSession
) -> None:
    account = await make_staff(db)
    auth = {"Authorization": (await _session(client, account.email))["auth"]}
    secret = (await client.post("/api/auth/2fa/enrol/", headers=auth)).json()["secret"]
    codes = (
        await client.post(
            "/api/auth/2fa/confirm/", headers=auth, json={"code": pyotp.TOTP(secret).now()}
        )
    ).json()["recovery_codes"]
    wrong_password = await client.post(
        "/api/auth/2fa/disable/", headers=auth, json={"password": "nope", "code": codes[0]}
    )
    assert wrong_password.status_code == 422
    disabled = await client.post(
        "/api/auth/2fa/disable/", headers=auth, json={"password": PASSWORD, "code": codes[0]}
    )
    assert disabled.status_code == 204
    plain = await client.post(
        "/api/auth/login/", json={"login": account.email, "password": PASSWORD}
    )
    assert "access_token" in plain.json()


async def test_signing_out_every_other_session(client: AsyncClient, db: AsyncSession) -> None:
    account = await make_staff(db)
    here, there, elsewhere = [await _session(client, account.email) for _ in range(3)]
    response = await client.delete("/api/auth/sessions/", headers={"Authorization": here["auth"]})
    assert response.status_code == 204
    for other in (there, elsewhere):
        assert (
            await client.get("/api/auth/user/", headers={"Authorization": other["auth"]})
        ).status_code == 401
    listed = await client.get("/api/auth/sessions/", headers={"Authorization": here["auth"]})
    assert [s["id"] for s in listed.json()] == [here["session_id"]]
